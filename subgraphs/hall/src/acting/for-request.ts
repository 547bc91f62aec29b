import type { SubgraphContext } from '@onething/subgraph-kit';
import type { Clock } from '../calendar/clock';
import type { StaffSeen } from '../window/staff';
import type { Acting, DelegationLookup, VisitLookup } from './acting';
import { type OnBehalfOfArg, resolveActing } from './resolve-acting';

/** What the resolvers of operations taking `onBehalfOf` need to know whom they act for. */
export interface ActingDeps {
  readonly visits: VisitLookup;
  /** Delegations (helper `agents`' delegations/): required, wired in server.ts. */
  readonly delegations: DelegationLookup;
  /** Window officers seen (recorded as they act in visits). */
  readonly staff: StaffSeen;
  readonly clock: Clock;
}

/** Whom a request's operation is for (see resolveActing), the calling window officer recorded as seen. */
export async function actingFor(
  deps: ActingDeps,
  ctx: SubgraphContext<unknown>,
  onBehalfOf: OnBehalfOfArg | null | undefined,
  bundleCode: string | null,
): Promise<Acting> {
  await deps.staff.seen(ctx.identity);
  return resolveActing(ctx.identity, onBehalfOf, bundleCode, deps.clock.now(), deps);
}
