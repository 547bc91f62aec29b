import type { PublishedItem, StandInContext } from '@onething/legacy-kit';
import type { RequestLedger } from '../ledger';
import type { TaxRecords } from '../state';

/** What the tax system's routes work with. */
export interface TaxDeps {
  readonly ctx: StandInContext;
  readonly items: ReadonlyMap<string, PublishedItem>;
  readonly records: TaxRecords;
  readonly ledger: RequestLedger;
}

/** Whether a parsed JSON value is an object (not null, not an array). */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The body as an object, or an empty one (its fields are then reported missing). */
export const bodyOf = (body: unknown): Record<string, unknown> => (isObject(body) ? body : {});
