import type { Population, StandIn, StandInAdmin } from '@onething/legacy-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FundAdapter } from '../src/index';
import { rejection, Seeded, startFundSystem } from './fund-system';

describe('fund adapter reads against the fund stand-in', () => {
  let standIn: StandIn;
  let admin: StandInAdmin;
  let adapter: FundAdapter;
  let population: Population;
  let seeded: Seeded;
  let makeAdapter: (appSecret?: string, appId?: string) => FundAdapter;

  beforeAll(async () => {
    ({ standIn, admin, population, makeAdapter } = await startFundSystem());
    seeded = new Seeded(population);
  });
  afterAll(() => standIn.close());
  beforeEach(async () => {
    await admin.reset();
    adapter?.close();
    adapter = makeAdapter();
  });

  describe('reads, in domain units', () => {
    it('reads employer accounts by USCC: rate as a number, dates ISO, the address on file', async () => {
      const e = population.employerAccounts[7]!;
      const enterprise = population.enterprises.find((x) => x.uscc === e.uscc)!;
      const found = await adapter.loaders().employerAccountsByUscc.load(e.uscc);
      expect(found).toEqual({
        employerAccount: e.employerAccount,
        name: e.name,
        uscc: e.uscc,
        address: enterprise.address,
        depositRatePercent: e.depositRatePercent,
        openedOn: e.openedOn,
        updatedAt: e.updatedAt,
      });
    });

    it('reads loans by unit code and by borrower, money in fen', async () => {
      const loan = population.fundLoans[2]!;
      const expected = {
        loanAccount: loan.loanNumber,
        idNumber: loan.idNumber,
        unitCode: loan.unitCode,
        principalFen: loan.principalFen,
        remainingFen: loan.remainingFen,
        monthlyRepaymentFen: loan.monthlyRepaymentFen,
        termMonths: loan.termMonths,
        disbursedOn: loan.startedOn,
        updatedAt: loan.updatedAt,
      };
      const loaders = adapter.loaders();
      expect(await loaders.loansByUnitCode.load(loan.unitCode)).toEqual([expected]);
      expect(await loaders.loansByIdNumber.load(loan.idNumber)).toContainEqual(expected);
      expect(await loaders.loansByUnitCode.load(seeded.freeUnit())).toBeNull();
    });

    it('batches each secondary read 30 keys a call, counted at the fund', async () => {
      const loaders = adapter.loaders();
      const usccs = population.employerAccounts.slice(0, 45).map((e) => e.uscc);
      const units = population.fundLoans.slice(0, 31).map((l) => l.unitCode);
      const [employers, loans] = await Promise.all([
        loaders.employerAccountsByUscc.loadMany(usccs),
        loaders.loansByUnitCode.loadMany(units),
      ]);
      expect(employers.every((e) => e && !(e instanceof Error))).toBe(true);
      expect(loans.every((l) => Array.isArray(l) && l.length > 0)).toBe(true);
      const { byOp } = await admin.counts();
      expect(byOp).toMatchObject({ dwzhcx: 2, dkcx: 2 });
    });

    it('refuses a malformed unit code before calling', async () => {
      expect((await rejection(adapter.loansByUnitCode(['330106001001GB00001F0001']))).code).toBe(
        'INVALID_INPUT',
      );
      expect((await admin.counts()).byOp.dkcx).toBeUndefined();
    });
  });

  it('lists the items in domain terms: limits in fen, options by semantic value, results by semantic key', async () => {
    const items = await adapter.listItems();
    const loan = items.find((i) => i.code === 'FUND-LOAN')!;
    const amount = loan.fields.find((f) => f.key === 'fund.loanAmount')!;
    expect(amount).toMatchObject({ type: 'money', min: 100_00, required: true, editable: true });
    const marital = loan.fields.find((f) => f.key === 'buyer.maritalStatus')!;
    expect(marital.options?.map((o) => o.value)).toEqual(['single', 'married', 'divorced', 'widowed']);
    expect(loan).toMatchObject({
      type: 'public-service',
      legalLimitDays: 15,
      promisedLimitDays: 5,
      feeFen: 0,
    });
    expect(loan.result).toMatchObject({ kind: 'approval', materials: ['loan-contract'] });
    const open = items.find((i) => i.code === 'FUND-EMPLOYER-OPEN')!;
    expect(open.result.values).toEqual(['fund.employerAccount']);
    expect(open.materials.find((m) => m.id === 'business-licence')?.heldBy).toEqual(['market']);
  });
});
