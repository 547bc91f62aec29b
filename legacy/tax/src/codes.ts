/**
 * How the tax wire names things: a field by the snake_case of its semantic key
 * (`transaction.price` → `transaction_price`), a produced document by the snake_case of its material id
 * (`deed-tax-receipt` → `deed_tax_receipt`).
 */

/** The wire field code of a semantic key, e.g. `applicant.idNumber` → `applicant_id_number`. */
export function fieldCode(key: string): string {
  return key.replace('.', '_').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The wire code of a result entry: a field code for a value, the snake_case id for a document. */
export function resultCode(key: string): string {
  return key.includes('.') ? fieldCode(key) : key.replaceAll('-', '_');
}
