import { describe, expect, it } from 'vitest';
import { beijingCompactDate, beijingDate, beijingInstant } from './time';

describe('Beijing time on the wire', () => {
  it('writes instants with +08:00 and dates of the Beijing calendar', () => {
    const at = Date.UTC(2026, 5, 30, 16, 30, 5, 999);
    expect(beijingInstant(at)).toBe('2026-07-01T00:30:05+08:00');
    expect(Date.parse(beijingInstant(at))).toBe(at - 999);
    expect(beijingDate(at)).toBe('2026-07-01');
    expect(beijingCompactDate(Date.UTC(2026, 5, 30, 15, 59))).toBe('20260630');
  });
});
