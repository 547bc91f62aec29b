/** One reason an identifier was refused, naming the rule it broke, in both languages of the hall. */
export interface IdentifierProblem {
  /** Stable rule name, e.g. `GB11643.checkCharacter`. */
  readonly rule: string;
  readonly message: { readonly zh: string; readonly en: string };
}

/** The outcome of validating an identifier: the normalised value, or every problem found. */
export type Validation<T> =
  | { readonly ok: true; readonly value: string; readonly details: T }
  | { readonly ok: false; readonly problems: readonly IdentifierProblem[] };

export function problem(rule: string, zh: string, en: string): IdentifierProblem {
  return { rule, message: { zh, en } };
}

/** Province-level prefixes of GB/T 2260 administrative division codes (incl. Taiwan, Hong Kong, Macao). */
const PROVINCE_PREFIXES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/** Whether six digits look like an administrative division code (GB/T 2260): a known province prefix. */
export function isDivisionCode(code: string): boolean {
  return /^\d{6}$/.test(code) && PROVINCE_PREFIXES.has(code.slice(0, 2));
}
