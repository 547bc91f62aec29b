import { subgraphError } from '@onething/subgraph-kit';
import { applicantOf } from '../applicant';
import type { Clock } from '../calendar/clock';
import type { HallContext } from '../context';
import type {
  MutationGrantDelegationArgs,
  MutationRecordDelegationArgs,
  MutationRevokeDelegationArgs,
  Resolvers,
} from '../generated/resolvers-types';
import { hallId } from '../ids';
import type { Uploads } from '../materials/uploads';
import type { Delegation } from './model';
import { type DelegationOutcome, DelegationService } from './service';
import { delegationStatus } from './status';

export interface DelegationResolverDeps {
  readonly delegationService: DelegationService;
  readonly uploads: Uploads;
  readonly clock: Clock;
}

const result = (o: DelegationOutcome) => ({ delegation: o.delegation ?? null, problems: o.problems });

/**
 * Delegations (授权委托/代办): the principal grants one online or an officer records one at a window; the
 * principal lists and revokes theirs, the agent lists those naming them. Only a delegation's principal,
 * its agent and window staff learn that it exists: anyone else gets NOT_FOUND or an empty list.
 */
export function delegationResolvers({
  delegationService,
  uploads,
  clock,
}: DelegationResolverDeps): Resolvers {
  const principalOf = (ctx: HallContext) => ({
    ...applicantOf(ctx, 'only an applicant grants, lists and revokes delegations, their own'),
    name: ctx.identity.name ?? '',
  });
  return {
    Query: {
      myDelegations: async (_: unknown, __: unknown, ctx: HallContext) =>
        delegationService.granted(principalOf(ctx).idNumber),
      delegationsToMe: async (_: unknown, __: unknown, ctx: HallContext) =>
        delegationService.toAgent(
          applicantOf(ctx, 'only an applicant acts under a delegation, as its agent').idNumber,
        ),
    },
    Mutation: {
      grantDelegation: async (_: unknown, { input }: MutationGrantDelegationArgs, ctx: HallContext) =>
        result(await delegationService.grant(principalOf(ctx), input)),
      recordDelegation: async (
        _: unknown,
        { visitId, input }: MutationRecordDelegationArgs,
        ctx: HallContext,
      ) => {
        if (ctx.identity.role !== 'window-staff')
          throw subgraphError(
            'FORBIDDEN',
            'hall',
            'only window staff record a delegation, from the signed paper, in a visit of its principal; a principal grants one online with grantDelegation',
          );
        return result(await delegationService.record(visitId, ctx.identity, input));
      },
      revokeDelegation: async (
        _: unknown,
        { delegationId }: MutationRevokeDelegationArgs,
        ctx: HallContext,
      ) =>
        delegationService.revoke(
          principalOf(ctx).idNumber,
          hallId('delegationId', delegationId, 'a delegation'),
        ),
    },
    WindowVisit: {
      // The visit is the officer's own (windowVisit/openWindowVisit answer only them): window staff may
      // learn of any delegation, and these are the ones the walk-in may be served under as agent.
      agentFor: async (visit: { applicantIdNumber: string }, _: unknown, ctx: HallContext) => {
        if (ctx.identity.role !== 'window-staff') return [];
        const today = clock.today();
        return (await delegationService.toAgent(visit.applicantIdNumber)).filter(
          (d) => delegationStatus(d, today) === 'ACTIVE',
        );
      },
    },
    Delegation: {
      bundleCodes: (d: Delegation) => [...d.bundleCodes],
      grantedAt: (d: Delegation) => d.grantedAt.toISOString(),
      revokedAt: (d: Delegation) => d.revokedAt?.toISOString() ?? null,
      status: (d: Delegation) => delegationStatus(d, clock.today()),
      recordedBy: (d: Delegation) => d.recordedBy,
      // The power of attorney is the principal's upload, shown to whoever may read the delegation.
      powerOfAttorney: async (d: Delegation, _: unknown, ctx: HallContext) => {
        if (!d.powerOfAttorneyUploadId || !DelegationService.mayRead(ctx.identity, d)) return null;
        const u = await uploads.get(d.powerOfAttorneyUploadId);
        return u ? { ...u, uploadedAt: u.uploadedAt.toISOString(), url: `/materials/${u.id}` } : null;
      },
    },
  };
}
