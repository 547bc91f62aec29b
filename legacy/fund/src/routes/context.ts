import type { CaseRecord, PublishedItem, StandInContext } from '@onething/legacy-kit';
import type { RequestLedger } from '../idempotency';
import type { NonceStore } from '../nonces';
import type { FundApps } from '../settings';
import type { FundState } from '../state';
import { caseToWire, type WireCase } from '../wire-cases';

/** What the fund's services share: the kit's context, the fund's records, its items and its ledgers. */
export interface FundRouteContext {
  readonly ctx: StandInContext;
  readonly state: FundState;
  readonly items: ReadonlyMap<string, PublishedItem>;
  readonly auth: { readonly apps: FundApps; readonly nonces: NonceStore };
  /** Submissions by request serial number. */
  readonly submissions: RequestLedger;
  /** Corrections by case number and request serial number. */
  readonly corrections: RequestLedger;
}

/** Request serial numbers (请求流水号): 8 to 128 visible ASCII characters, no spaces. */
export const SERIAL = /^[\x21-\x7e]{8,128}$/;

/** A case on the wire as it stands now, with what its approval produced. */
export function wireCase(f: FundRouteContext, record: CaseRecord): WireCase {
  return caseToWire(f.ctx.cases.view(record), f.state.approvals.get(record.caseNumber));
}
