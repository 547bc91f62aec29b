import { listLimit, type SubgraphContext } from '@onething/subgraph-kit';
import type { Applications } from '../applications/store';
import type { Resolvers } from '../generated/resolvers-types';
import type { PartFigure, Performance, PerformanceCut, PerformanceRow } from './figures';
import { type FilterArg, scopedFilter } from './scope';

type Ctx = SubgraphContext<Record<string, unknown>>;

export interface PerformanceResolverDeps {
  readonly performance: Performance;
  readonly apps: Applications;
}

// Money is fen inside the hall: the Money scalar writes it in yuan on the wire (writing yuan here would
// have it converted twice, and fail).
const rowShape = (r: PerformanceRow) => {
  const { paymentsCollectedFen, ...rest } = r;
  return { ...rest, paymentsCollected: paymentsCollectedFen };
};

/** The figures a centre is judged by (performance/figures.ts), for supervisors and department staff. */
export function performanceResolvers({ performance, apps }: PerformanceResolverDeps): Resolvers {
  return {
    Query: {
      performance: async (_: unknown, args: { filter: FilterArg; by: PerformanceCut }, ctx: Ctx) =>
        (await performance.figures(scopedFilter(ctx.identity, args.filter, args.by), args.by)).map(rowShape),
      performanceTrend: async (
        _: unknown,
        args: { filter: FilterArg; interval: 'DAY' | 'WEEK' | 'MONTH' },
        ctx: Ctx,
      ) =>
        (await performance.trend(scopedFilter(ctx.identity, args.filter), args.interval)).map((p) => ({
          ...p,
          onTimeRate: p.completed > 0 ? p.onTime / p.completed : null,
        })),
      performanceParts: async (
        _: unknown,
        args: { filter: FilterArg; figure: PartFigure; limit: number },
        ctx: Ctx,
      ) => {
        const filter = scopedFilter(ctx.identity, args.filter);
        const found = await performance.parts(
          filter,
          args.figure,
          listLimit('hall', 'limit', args.limit, { max: 500 }),
        );
        const byApplication = await apps.partsOf([...new Set(found.map((f) => f.applicationId))]);
        const byId = new Map([...byApplication.values()].flat().map((p) => [p.id, p]));
        return found
          .map((f) => byId.get(f.id))
          .filter((p) => p !== undefined)
          .map((p) => ({ ...p, __typename: 'ApplicationPart' as const }));
      },
    },
  } as Resolvers;
}
