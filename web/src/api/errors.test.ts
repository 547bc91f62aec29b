import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../app/messages';
import { limitText } from './errors';

const tIn =
  (lang: 'zh' | 'en') =>
  (key: keyof typeof MESSAGES, values: Record<string, string | number> = {}) =>
    MESSAGES[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));

describe('limit refusals in the page’s language', () => {
  it('says when to try again after RATE_LIMITED, in Chinese and English', () => {
    expect(limitText(tIn('zh'), { code: 'RATE_LIMITED', retryAfterSeconds: 42 })).toBe(
      '操作过于频繁，请 42 秒后再试。',
    );
    expect(limitText(tIn('en'), { code: 'RATE_LIMITED', retryAfterSeconds: 0.2 })).toBe(
      'Too many requests: try again in 1 s.',
    );
  });

  it('says how to free space after MATERIAL_QUOTA_EXCEEDED, and leaves other errors to the server', () => {
    expect(limitText(tIn('zh'), { code: 'MATERIAL_QUOTA_EXCEEDED' })).toMatch(/删除不再需要的上传/);
    expect(limitText(tIn('en'), { code: 'MATERIAL_QUOTA_EXCEEDED' })).toMatch(
      /delete uploads you no longer need/,
    );
    expect(limitText(tIn('en'), { code: 'INVALID_INPUT' })).toBeUndefined();
  });
});
