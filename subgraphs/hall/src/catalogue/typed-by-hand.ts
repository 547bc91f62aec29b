import { sourcesFor } from '../consent/prefill-sources';
import { FILLED_FROM_SALE } from '../sales/prefill';
import type { OneForm } from './one-form';

/** What the applicant types by hand on a one form, against its fields. */
export interface HandTyped {
  readonly fields: number;
  readonly typed: number;
  readonly keys: readonly string[];
}

/**
 * The fields left to type by hand: not the signed-in applicant's ID number, not what a consented
 * department's record fills, and on a house transfer not what the seller's confirmation fills (the unit's
 * data from the registry, the seller's name and ID number).
 */
export function typedByHand(form: OneForm): HandTyped {
  const keys = new Set(form.fields.map((f) => f.key));
  const filled = new Set<string>(['applicant.idNumber', ...sourcesFor(keys).map((s) => s.key)]);
  if (keys.has('seller.confirmation')) for (const k of FILLED_FROM_SALE) filled.add(k);
  const typed = form.fields.map((f) => f.key).filter((k) => !filled.has(k));
  return { fields: form.fields.length, typed: typed.length, keys: typed };
}
