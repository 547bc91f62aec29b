import { describe, expect, it } from 'vitest';
import { compactDate, wireDate, wireTime, wireTimeOf } from './time';

describe('tax wire time', () => {
  it('renders instants in Beijing time, crossing the day boundary', () => {
    expect(wireTimeOf('2026-06-30T16:30:05.123Z')).toBe('2026-07-01 00:30:05');
    expect(wireTime(Date.UTC(2026, 0, 1, 3, 4, 5))).toBe('2026-01-01 11:04:05');
  });

  it('takes the Beijing calendar day for dates and numbers', () => {
    const lateUtc = Date.UTC(2026, 11, 31, 17, 0, 0);
    expect(wireDate(lateUtc)).toBe('2027-01-01');
    expect(compactDate(lateUtc)).toBe('20270101');
  });
});
