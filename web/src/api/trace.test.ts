import { describe, expect, it } from 'vitest';
import { newTraceparent } from './trace';

describe('the traceparent the web app sends', () => {
  it('is a sampled W3C trace context, a new trace each time', () => {
    const a = newTraceparent();
    expect(a).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(newTraceparent().slice(3, 35)).not.toBe(a.slice(3, 35));
  });

  it('never sends an all-zero id, which W3C makes invalid', () => {
    let calls = 0;
    // Zeros first, then ones: the ids are drawn again until not all zero.
    const random = (b: Uint8Array) => b.fill(calls++ < 1 ? 0 : 1);
    expect(newTraceparent(random)).toBe(`00-${'01'.repeat(16)}-${'01'.repeat(8)}-01`);
  });
});
