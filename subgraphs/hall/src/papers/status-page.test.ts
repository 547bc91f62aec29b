import { describe, expect, it } from 'vitest';
import { STATUS_PAGE_CSP, statusPage } from './status-page';
import { isStatusToken, newStatusToken } from './status-tokens';

describe('status tokens', () => {
  it('are 128 random bits in base64url, and nothing else passes as one', () => {
    const t = newStatusToken();
    expect(isStatusToken(t)).toBe(true);
    expect(Buffer.from(t, 'base64url')).toHaveLength(16);
    expect(newStatusToken()).not.toBe(t);
    for (const bad of ['', 'x', `${t}A`, `${t.slice(0, 21)}=`, '6f1c2a9e-4b7d-4f3e-9a61-0c8d2e5b7a14'])
      expect(isStatusToken(bad)).toBe(false);
  });
});

describe('the status page', () => {
  it('shows number, bundle and status in both languages, escaped, with no script', () => {
    const html = statusPage(
      { number: 'A-1', status: 'IN_PROGRESS', bundleName: { zh: '二手房<转移>', en: 'House & transfer' } },
      new Date('2026-12-04T03:00:00Z'),
    );
    expect(html).toContain('A-1');
    expect(html).toContain('办理中');
    expect(html).toContain('In progress');
    expect(html).toContain('二手房&lt;转移&gt;');
    expect(html).toContain('House &amp; transfer');
    expect(html).not.toMatch(/<script/i);
    expect(STATUS_PAGE_CSP).toContain("default-src 'none'");
    expect(STATUS_PAGE_CSP).not.toContain('unsafe-inline');
  });
});
