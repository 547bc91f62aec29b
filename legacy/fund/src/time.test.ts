import { describe, expect, it } from 'vitest';
import { beijingDate, parseWireDate, wireDate, wireDay, wireInstant } from './time';

describe('fund wire time', () => {
  it('writes instants in Beijing time, which is the next day from 16:00 UTC', () => {
    expect(wireInstant('2026-06-30T15:59:59.000Z')).toBe('20260630235959');
    expect(wireInstant(Date.parse('2026-06-30T16:00:00Z'))).toBe('20260701000000');
    expect(wireDay(Date.parse('2026-06-30T16:00:00Z'))).toBe('20260701');
    expect(beijingDate(Date.parse('2026-06-30T16:00:00Z'))).toBe('2026-07-01');
  });

  it('writes and reads dates as yyyyMMdd, refusing days that do not exist', () => {
    expect(wireDate('2026-02-28')).toBe('20260228');
    expect(parseWireDate('20240229')).toBe('2024-02-29');
    expect(parseWireDate('20250229')).toBeUndefined();
    expect(parseWireDate('2025-02-01')).toBeUndefined();
  });
});
