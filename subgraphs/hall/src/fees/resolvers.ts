import { type SubgraphContext, subgraphError } from '@onething/subgraph-kit';
import type { BundleCatalogue } from '../catalogue/bundle-catalogue';
import type { Resolvers } from '../generated/resolvers-types';
import type { SupergraphClient } from '../platform/supergraph-client';
import { previewFees } from './preview';

export interface FeeResolverDeps {
  readonly catalogue: BundleCatalogue;
  readonly client: SupergraphClient;
}

/**
 * The fees of a bundle before submission (一窗收费): for anyone signed in — the applicant online, the
 * officer at the window. It reads nobody's data (the rules are public, the values are the caller's own
 * typing) but costs each department's system a call, so nobody anonymous asks it.
 */
export function feeResolvers({ catalogue, client }: FeeResolverDeps): Resolvers {
  return {
    Query: {
      feePreview: async (
        _: unknown,
        args: { bundleCode: string; options?: string[] | null; values: { key: string; value: string }[] },
        ctx: SubgraphContext<unknown>,
      ) => {
        if (ctx.identity.role === 'anonymous')
          throw subgraphError('UNAUTHENTICATED', 'hall', 'sign in to see what a bundle will cost');
        const bundle = catalogue.bundleOr(args.bundleCode);
        const preview = await previewFees(
          catalogue,
          client,
          bundle,
          catalogue.optionsOr(bundle, args.options ?? []),
          args.values,
        );
        return {
          ...preview,
          departments: preview.departments.map((d) => ({ ...d, department: d.department.toUpperCase() })),
        };
      },
    },
  };
}
