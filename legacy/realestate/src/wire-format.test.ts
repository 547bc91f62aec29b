import { describe, expect, it } from 'vitest';
import {
  addMonths,
  beijingDate,
  isoDateOf,
  wireDate,
  wireDecimal,
  wireInstant,
  wireMoney,
} from './wire-format';

describe('the registry wire formats', () => {
  it('writes instants in Beijing time, eight hours ahead of UTC', () => {
    const at = Date.parse('2026-06-30T17:05:09Z');
    expect(wireInstant(at)).toBe('20260701010509');
    expect(beijingDate(at)).toBe('2026-07-01');
  });

  it('converts dates both ways and refuses impossible ones', () => {
    expect(wireDate('2026-02-28')).toBe('20260228');
    expect(isoDateOf('20260228')).toBe('2026-02-28');
    expect(isoDateOf('20260230')).toBeUndefined();
    expect(isoDateOf('2026-02-28')).toBeUndefined();
  });

  it('writes money in yuan and areas with two decimals', () => {
    expect(wireMoney(123456700)).toBe('1234567.00');
    expect(wireMoney(5)).toBe('0.05');
    expect(wireDecimal(89.5)).toBe('89.50');
  });

  it('adds months, keeping to the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-06-30', 240)).toBe('2046-06-30');
  });
});
