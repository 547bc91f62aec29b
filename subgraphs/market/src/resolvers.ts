import type { Enterprise, MarketLoaders } from '@onething/adapter-market';
import type { SubgraphContext } from '@onething/subgraph-kit';

type Ctx = SubgraphContext<MarketLoaders>;

// The register says who represents an enterprise: that decides, as well as the token's list.
const load = async ({ uscc }: { uscc: string }, ctx: Ctx): Promise<Enterprise | null> => {
  const e = await ctx.loaders.enterprise.load(uscc);
  ctx.access.enterprise(uscc, e?.legalRepIdNumber);
  return e;
};

/** A field of the register's record of an enterprise (one read per enterprise per request). */
const field =
  <T>(pick: (e: Enterprise) => T) =>
  async (parent: { uscc: string }, _: unknown, ctx: Ctx) => {
    const e = await load(parent, ctx);
    return e ? pick(e) : null;
  };

/** What market regulation adds to enterprises and people. */
export const marketResolvers = {
  Enterprise: {
    name: field((e) => e.name),
    kind: field((e) => e.kind),
    legalRepresentative: field((e) => ({ idNumber: e.legalRepIdNumber })),
    registeredCapital: field((e) => e.registeredCapitalFen),
    establishedOn: field((e) => e.establishedOn),
    address: field((e) => e.address),
    businessScope: field((e) => e.businessScope),
    status: field((e) => e.status),
    updatedAt: field((e) => e.updatedAt),
  },
  Person: {
    representedEnterprises: async ({ idNumber }: { idNumber: string }, _: unknown, ctx: Ctx) => {
      ctx.access.person(idNumber);
      const list = (await ctx.loaders.enterprisesRepresentedBy.load(idNumber)) ?? [];
      // Prime the enterprise loader: the list already holds every record its fields need.
      for (const e of list) ctx.loaders.enterprise.prime(e.uscc, e);
      return list.map((e) => ({ uscc: e.uscc }));
    },
  },
};
