import type { Identity } from '@onething/runtime/identity';
import { subgraphError } from '@onething/subgraph-kit';
import type { Applicant } from '../applications/service';
import { hallId } from '../ids';
import type { Acting, DelegationLookup, VisitLookup } from './acting';

/** `onBehalfOf` as an operation receives it (the SDL's OnBehalfOf input). */
export interface OnBehalfOfArg {
  readonly visitId?: string | null | undefined;
  readonly delegationId?: string | null | undefined;
}

/** Where resolveActing looks up visits and delegations. */
export interface ActingLookups {
  readonly visits: VisitLookup;
  readonly delegations: DelegationLookup;
}

/** The signed-in applicant acting for themself, as the hall's applications name them. */
export function selfApplicant(identity: Identity): Applicant | undefined {
  if (identity.role !== 'applicant' || !identity.idNumber) return undefined;
  return {
    idNumber: identity.idNumber,
    name: identity.name ?? '',
    subject: identity.subject,
    role: identity.role,
    enterprises: identity.enterprises,
  };
}

const bothOnlyAtWindow = () =>
  subgraphError(
    'INVALID_INPUT',
    'hall',
    'onBehalfOf takes visitId and delegationId together only from window staff serving an agent in a visit',
    {
      problems: [
        {
          path: 'onBehalfOf',
          rule: 'onBehalfOf.bothOnlyAtWindow',
          message: {
            zh: '同时指定窗口受理编号和授权委托编号，仅限窗口工作人员在代办人的受理中使用',
            en: 'visitId and delegationId together are only for window staff serving an agent in a visit',
          },
        },
      ],
    },
  );

/**
 * Whom an operation is for (see acting.ts): the caller acting for themself (an applicant, online); a
 * window officer acting for the walk-in of a visit they opened, live now (一窗受理); or an applicant
 * acting as agent for the principal of a delegation naming them, within its scope (代办); or a window
 * officer serving an agent who came in person: the visit is the agent's, the delegation names them (both
 * given). A visit only for window staff, a delegation alone only for applicants.
 * Everything else is FORBIDDEN, saying who may.
 */
export async function resolveActing(
  identity: Identity,
  onBehalfOf: OnBehalfOfArg | null | undefined,
  bundleCode: string | null,
  now: Date,
  lookups: ActingLookups,
): Promise<Acting> {
  const visitId = onBehalfOf?.visitId ?? null;
  const delegationId = onBehalfOf?.delegationId ?? null;
  if (visitId !== null && delegationId !== null) {
    // An agent at the window (代办): the officer's visit is the agent's (their identity checked there), the
    // delegation names them as agent; the application is the principal's, naming officer and agent.
    if (identity.role !== 'window-staff') throw bothOnlyAtWindow();
    const visit = await lookups.visits.visitFor(
      hallId('onBehalfOf.visitId', visitId, 'a window visit'),
      identity,
      now,
    );
    const walkIn: Identity = {
      subject: visit.applicant.idNumber,
      role: 'applicant',
      name: visit.applicant.name,
      idNumber: visit.applicant.idNumber,
      enterprises: visit.applicant.enterprises,
      departments: [],
    };
    const { principal, agent } = await lookups.delegations.actingUnder(delegationId, walkIn, bundleCode, now);
    return {
      applicant: principal,
      channel: 'WINDOW',
      officer: visit.officer,
      identityCheck: visit.identityCheck,
      agent,
      visitId,
      delegationId,
    };
  }
  if (visitId !== null) {
    if (identity.role !== 'window-staff')
      throw subgraphError(
        'FORBIDDEN',
        'hall',
        'only window staff act in a window visit (onBehalfOf.visitId), one they opened',
      );
    const visit = await lookups.visits.visitFor(
      hallId('onBehalfOf.visitId', visitId, 'a window visit'),
      identity,
      now,
    );
    return {
      applicant: visit.applicant,
      channel: 'WINDOW',
      officer: visit.officer,
      identityCheck: visit.identityCheck,
      agent: null,
      visitId,
      delegationId: null,
    };
  }
  if (delegationId !== null) {
    if (identity.role !== 'applicant' || !identity.idNumber)
      throw subgraphError(
        'FORBIDDEN',
        'hall',
        'only an applicant acts as agent under a delegation (onBehalfOf.delegationId) naming them',
      );
    const { principal, agent } = await lookups.delegations.actingUnder(
      delegationId,
      identity,
      bundleCode,
      now,
    );
    return {
      applicant: principal,
      channel: 'ONLINE',
      officer: null,
      identityCheck: null,
      agent,
      visitId: null,
      delegationId,
    };
  }
  const self = selfApplicant(identity);
  if (!self)
    throw subgraphError(
      'FORBIDDEN',
      'hall',
      identity.role === 'anonymous'
        ? 'sign in as an applicant'
        : identity.role === 'window-staff'
          ? 'window staff act for a walk-in in a window visit: pass onBehalfOf.visitId (openWindowVisit)'
          : 'only an applicant does this, for themself or (onBehalfOf) for a principal; window staff in a visit',
    );
  return {
    applicant: self,
    channel: 'ONLINE',
    officer: null,
    identityCheck: null,
    agent: null,
    visitId: null,
    delegationId: null,
  };
}
