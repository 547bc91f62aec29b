import type { DeedTaxRecord, TaxLoaders, Taxpayer } from '@onething/adapter-tax';
import type { SubgraphContext } from '@onething/subgraph-kit';

type Ctx = SubgraphContext<TaxLoaders>;
type Owners = { owners: { idNumber: string }[] };

const taxpayer = (t: Taxpayer | null) =>
  t ? { ...t, arrears: t.arrearsFen, taxpayerType: t.taxpayerType ?? null } : null;
const deedTax = (records: DeedTaxRecord[] | null) =>
  (records ?? []).map((r) => ({ ...r, taxableAmount: r.taxableAmountFen, amount: r.amountFen }));

/** What the tax department adds to people, enterprises and units. */
export const taxResolvers = {
  Person: {
    taxpayer: async ({ idNumber }: { idNumber: string }, _: unknown, ctx: Ctx) => {
      ctx.access.person(idNumber);
      return taxpayer(await ctx.loaders.taxpayers.load(idNumber));
    },
    deedTaxRecords: async ({ idNumber }: { idNumber: string }, _: unknown, ctx: Ctx) => {
      ctx.access.person(idNumber);
      return deedTax(await ctx.loaders.deedTaxByPayer.load(idNumber));
    },
  },
  Enterprise: {
    taxpayer: async ({ uscc }: { uscc: string }, _: unknown, ctx: Ctx) => {
      ctx.access.enterprise(uscc);
      return taxpayer(await ctx.loaders.taxpayers.load(uscc));
    },
  },
  Property: {
    deedTaxRecords: async ({ unitCode, owners }: { unitCode: string } & Owners, _: unknown, ctx: Ctx) => {
      ctx.access.property(owners.map((o) => o.idNumber));
      // Each record is its payer's: a new owner does not see what the previous one paid (ID number, amount).
      const records = (await ctx.loaders.deedTaxByUnit.load(unitCode)) ?? [];
      return deedTax(ctx.access.ownRecords(records, (r) => r.payerIdNumber));
    },
  },
};
