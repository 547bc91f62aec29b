import { describe, expect, it } from 'vitest';
import { fieldCode, isoInstant, keyOfFieldCode } from './wire';

describe('tax wire conversions', () => {
  it('reads Beijing instants as ISO timestamps, across the day boundary', () => {
    expect(isoInstant('2026-07-01 00:30:05')).toBe('2026-06-30T16:30:05.000Z');
    expect(() => isoInstant('2026-07-01T00:30:05')).toThrow(/yyyy-MM-dd HH:mm:ss/);
    expect(() => isoInstant('2026-13-01 00:30:05')).toThrow();
  });

  it.each([
    ['applicant.idNumber', 'applicant_id_number'],
    ['transaction.price', 'transaction_price'],
    ['buyer.isFirstHome', 'buyer_is_first_home'],
    ['tax.invoiceMonthlyQuantity', 'tax_invoice_monthly_quantity'],
    ['enterprise.uscc', 'enterprise_uscc'],
  ])('maps %s to the field code %s and back', (key, code) => {
    expect(fieldCode(key)).toBe(code);
    expect(keyOfFieldCode(code)).toBe(key);
  });
});
