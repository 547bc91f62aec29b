import type { Identity } from '@onething/runtime/identity';
import type { Applicant } from '../applications/service';

/** A member of staff as their token names them. */
export interface StaffRef {
  readonly subject: string;
  readonly name: string;
  readonly centre: string | null;
}
/** An agent acting under a delegation (代办). */
export interface AgentRef {
  readonly idNumber: string;
  readonly name: string;
  readonly delegationId: string;
}
export type IdentityCheckMethod = 'ID_CARD_READ' | 'DOCUMENT_INSPECTED';

/** Whom an operation is for, resolved from the caller and `onBehalfOf`. */
export interface Acting {
  /** The applicant it is for: the caller online, the visit's walk-in, or the delegation's principal. */
  readonly applicant: Applicant;
  readonly channel: 'ONLINE' | 'WINDOW';
  /** The window officer of the visit (null online). */
  readonly officer: StaffRef | null;
  readonly identityCheck: IdentityCheckMethod | null;
  /** The agent (null unless under a delegation). */
  readonly agent: AgentRef | null;
  readonly visitId: string | null;
  readonly delegationId: string | null;
}

/** Visits (owned by desk): the visit `visitId` of the calling officer, live at `now`. */
export interface VisitLookup {
  /** Throws subgraphError NOT_FOUND (not theirs or unknown), VISIT_EXPIRED. */
  visitFor(
    visitId: string,
    officer: Identity,
    now: Date,
  ): Promise<{
    applicant: Applicant;
    officer: StaffRef;
    identityCheck: IdentityCheckMethod;
  }>;
}

/** Delegations (owned by agents). */
export interface DelegationLookup {
  /**
   * The principal and agent of delegation `delegationId` for the calling `agent`, acting in `bundleCode`
   * (null: no bundle, e.g. listing drafts), at `now`. Throws subgraphError NOT_FOUND (unknown, or not
   * naming the caller as agent), DELEGATION_NOT_ACTIVE (revoked, expired, not yet valid: the message says
   * which and since when), DELEGATION_OUT_OF_SCOPE (the bundle is not in its scope: the message names the
   * bundles it covers).
   */
  actingUnder(
    delegationId: string,
    agent: Identity,
    bundleCode: string | null,
    now: Date,
  ): Promise<{
    principal: Applicant;
    agent: AgentRef;
  }>;
}
