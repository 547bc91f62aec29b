import { describe, expect, it } from 'vitest';
import { wireValue } from './form';
import { fenOf, isoDateOf, isoInstantOf, wireDecimalOf } from './wire-format';

describe('domain values on the registry’s wire', () => {
  it.each([
    ['money', 123_456_789, '1234567.89'],
    ['money', 5, '0.05'],
    ['decimal', 89.5, '89.50'],
    ['integer', 240, '240'],
    ['date', '2026-02-28', '20260228'],
    ['boolean', false, 'false'],
    ['unitCode', ' 330502001002gb00012f00030012 ', '330502001002GB00012F00030012'],
    ['text', 'WQ-2026-000123', 'WQ-2026-000123'],
  ] as const)('writes %s %j as %j', (type, value, text) => {
    expect(wireValue(type, value)).toEqual({ text });
  });

  it.each([
    ['money', 1234.5, 'money'],
    ['money', '1234.50', 'money'],
    ['decimal', 89.555, 'decimal'],
    ['integer', 2.5, 'integer'],
    ['date', '20260228', 'date'],
    ['date', '2026-02-30', 'date'],
    ['boolean', 'yes', 'boolean'],
    ['idNumber', '110105194912310021', 'GB11643.checkCharacter'],
  ] as const)('refuses %s %j (%s)', (type, value, rule) => {
    expect(wireValue(type, value)).toMatchObject({ rule });
  });
});

describe('the registry’s formats in the domain', () => {
  it('reads instants as Beijing time', () => {
    expect(isoInstantOf('20260701010509')).toBe('2026-06-30T17:05:09.000Z');
    expect(isoInstantOf('20260230010509')).toBeUndefined();
  });

  it('reads dates, yuan and decimals strictly', () => {
    expect(isoDateOf('20240229')).toBe('2024-02-29');
    expect(isoDateOf('20230229')).toBeUndefined();
    expect(fenOf('826000.00')).toBe(82_600_000);
    expect(fenOf('826000')).toBeUndefined();
    expect(wireDecimalOf(0.1 + 0.2)).toBe('0.30');
  });
});
