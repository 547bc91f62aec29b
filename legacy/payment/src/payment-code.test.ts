import { describe, expect, it } from 'vitest';
import { isPaymentCode, luhnDigit, paymentCode } from './payment-code';

describe('payment codes (缴款码)', () => {
  it('computes the Luhn check digit (ISO/IEC 7812-1 Annex B): 7992739871 → 3, the formula’s common worked example', () => {
    expect(luhnDigit('7992739871')).toBe(3);
  });

  it('is 20 digits: division, year, sequence, check digit', () => {
    const code = paymentCode('110105', 2026, 13);
    expect(code).toMatch(/^1101052600000000013\d$/);
    expect(code).toHaveLength(20);
    expect(code.slice(0, 8)).toBe('11010526');
    expect(isPaymentCode(code)).toBe(true);
  });

  it('catches a mistyped digit and two swapped neighbours', () => {
    const code = paymentCode('110105', 2026, 4_321);
    const typo = `${code.slice(0, 10)}${(Number(code[10]) + 1) % 10}${code.slice(11)}`;
    const swapped = `${code.slice(0, 15)}${code[16]}${code[15]}${code.slice(17)}`;
    expect(isPaymentCode(typo)).toBe(false);
    if (code[15] !== code[16]) expect(isPaymentCode(swapped)).toBe(false);
    expect(isPaymentCode(code.slice(1))).toBe(false);
  });
});
