import type { EmployerAccount, FundAccount, FundLoaders, FundLoan } from '@onething/adapter-fund';
import type { SubgraphContext } from '@onething/subgraph-kit';

type Ctx = SubgraphContext<FundLoaders>;
type Owners = { owners: { idNumber: string }[] };

const account = (a: FundAccount | null) =>
  a ? { ...a, balance: a.balanceFen, monthlyDeposit: a.monthlyDepositFen } : null;
const employer = (a: EmployerAccount | null) => a;
const loans = (list: FundLoan[] | null) =>
  (list ?? []).map((l) => ({
    ...l,
    borrowerIdNumber: l.idNumber,
    principal: l.principalFen,
    remaining: l.remainingFen,
    monthlyRepayment: l.monthlyRepaymentFen,
  }));

/** What the provident fund adds to people, enterprises and units. */
export const fundResolvers = {
  Person: {
    fundAccount: async ({ idNumber }: { idNumber: string }, _: unknown, ctx: Ctx) => {
      ctx.access.person(idNumber);
      return account(await ctx.loaders.accountsByIdNumber.load(idNumber));
    },
    fundLoans: async ({ idNumber }: { idNumber: string }, _: unknown, ctx: Ctx) => {
      ctx.access.person(idNumber);
      return loans(await ctx.loaders.loansByIdNumber.load(idNumber));
    },
  },
  Enterprise: {
    employerAccount: async ({ uscc }: { uscc: string }, _: unknown, ctx: Ctx) => {
      ctx.access.enterprise(uscc);
      return employer(await ctx.loaders.employerAccountsByUscc.load(uscc));
    },
  },
  Property: {
    fundLoans: async ({ unitCode, owners }: { unitCode: string } & Owners, _: unknown, ctx: Ctx) => {
      ctx.access.property(owners.map((o) => o.idNumber));
      // Each loan is its borrower's: owning the unit now is no claim on another owner's or a previous one's.
      const list = (await ctx.loaders.loansByUnitCode.load(unitCode)) ?? [];
      return loans(ctx.access.ownRecords(list, (l) => l.idNumber));
    },
  },
};
