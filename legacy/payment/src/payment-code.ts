/**
 * The payment code (缴款码) the payer quotes at online banking or the window's POS: 20 digits. Its form is
 * this platform's own convention (no national rule fixes it; provincial non-tax payment platforms each
 * define theirs): the 6-digit administrative division of the collecting centre (GB/T 2260), the 2-digit
 * year, an 11-digit sequence, and a check digit by the Luhn formula (ISO/IEC 7812-1:2017 Annex B), so a
 * mistyped digit or two swapped neighbours are caught before any lookup.
 */

/** The Luhn check digit of `digits`. */
export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** The `seq`-th payment code of a division in a year. */
export function paymentCode(division: string, year: number, seq: number): string {
  const body = `${division}${String(year % 100).padStart(2, '0')}${String(seq).padStart(11, '0')}`;
  return `${body}${luhnDigit(body)}`;
}

/** Whether `code` is 20 digits whose last is the Luhn check digit of the others. */
export function isPaymentCode(code: string): boolean {
  return /^\d{20}$/.test(code) && luhnDigit(code.slice(0, 19)) === Number(code[19]);
}
