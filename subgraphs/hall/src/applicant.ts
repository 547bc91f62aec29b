import { type SubgraphContext, subgraphError } from '@onething/subgraph-kit';
import type { AgentRef, StaffRef } from './acting/acting';

/** Who else a read for an applicant names in the audit trail: the window officer, or the agent. */
export interface ReadBy {
  readonly officer?: StaffRef | null;
  readonly agent?: AgentRef | null;
}

/** The applicant as the hall's features act for them (signed in, or acted for by an officer or agent). */
export interface SignedInApplicant extends ReadBy {
  readonly idNumber: string;
  readonly enterprises: readonly string[];
  readonly subject: string;
  readonly role: string;
}

/**
 * The signed-in applicant, or FORBIDDEN: what an applicant does, they do for themselves. `only` says, to
 * anyone signed in otherwise, who may do it.
 */
export function applicantOf(ctx: SubgraphContext<unknown>, only: string): SignedInApplicant {
  const a = ctx.access.applicant;
  if (ctx.identity.role !== 'applicant' || !a)
    throw subgraphError(
      'FORBIDDEN',
      'hall',
      ctx.identity.role === 'anonymous' ? 'sign in as an applicant' : only,
    );
  return {
    idNumber: a.idNumber,
    enterprises: a.enterprises,
    subject: ctx.identity.subject,
    role: ctx.identity.role,
  };
}
