import { AdapterError, type CaseSubmission, clientSettings } from '@onething/adapter-core';
import { createFundStandIn, fundSettings } from '@onething/legacy-fund';
import { type FundAccount, type Population, type StandIn, StandInAdmin } from '@onething/legacy-kit';
import { createLogger } from '@onething/runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFundAdapter, type FundAdapter } from '../src/index';

let seq = 0;
const newKey = () => `fund-test-${process.pid}-${Date.now()}-${++seq}`;

async function rejection(p: Promise<unknown>): Promise<AdapterError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AdapterError);
  return e as AdapterError;
}

describe('fund adapter against the fund stand-in', () => {
  let standIn: StandIn;
  let admin: StandInAdmin;
  let adapter: FundAdapter;
  let population: Population;
  const used = new Set<string>();
  const make = (appSecret = 'fund-dev-secret', appId = 'onething-hall') =>
    createFundAdapter({ client: clientSettings(standIn.url, { retry: { retries: 0 } }), appId, appSecret });
  const account = (ok: (a: FundAccount) => boolean = (a) => a.status === 'normal') => {
    const a = population.fundAccounts.find((x) => !used.has(x.idNumber) && ok(x))!;
    used.add(a.idNumber);
    return a;
  };
  const freeUnit = () => {
    const loaned = new Set(population.fundLoans.map((l) => l.unitCode));
    const p = population.properties.find((x) => !loaned.has(x.unitCode) && !used.has(x.unitCode))!;
    used.add(p.unitCode);
    return p.unitCode;
  };
  const withdrawal = (a: FundAccount, fields: Record<string, string | number> = {}): CaseSubmission => ({
    itemCode: 'FUND-PURCHASE-WITHDRAWAL',
    idempotencyKey: newKey(),
    applicant: { idNumber: a.idNumber, name: a.name },
    fields: {
      'applicant.idNumber': a.idNumber,
      'applicant.name': a.name,
      'applicant.phone': '13912345678',
      'fund.personalAccount': a.personalAccount,
      'fund.withdrawalAmount': 2_000_00,
      'fund.receivingBankAccount': '6222021234567890123',
      'property.unitCode': freeUnit(),
      'transaction.price': 1_500_000_00,
      'transaction.contractNumber': 'WQ-2026-000123',
      ...fields,
    },
    materials: [{ id: 'id-card', reference: 'file-1' }],
  });

  beforeAll(async () => {
    standIn = createFundStandIn(
      { ...fundSettings.load({}), persons: 2000, clockSpeed: 0, port: 0, adminPort: 0, host: '127.0.0.1' },
      createLogger('legacy-fund', 'silent'),
    );
    await standIn.listen();
    admin = new StandInAdmin(standIn.adminUrl);
    population = standIn.ctx.population;
  });
  afterAll(() => standIn.close());
  beforeEach(async () => {
    await admin.reset();
    adapter?.close();
    adapter = make();
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
      expect(await loaders.loansByUnitCode.load(freeUnit())).toBeNull();
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

  describe('cases', () => {
    it('sends money as yuan and the form by pinyin code; the fund holds what was meant', async () => {
      const a = account();
      const s = withdrawal(a, { 'fund.withdrawalAmount': 1_234_56 });
      const made = await adapter.submitCase(s);
      const [held] = await admin.cases({ ref: s.idempotencyKey });
      expect(held?.caseNumber).toBe(made.caseNumber);
      expect(held?.fields).toMatchObject({
        'fund.withdrawalAmount': 1_234_56,
        'transaction.price': 1_500_000_00,
      });
      expect((await admin.requestLog()).find((e) => e.op === 'ywsl')?.caller).toBe('onething-hall');
    });

    it('follows a withdrawal ACCEPTED → IN_REVIEW → APPROVED, with the approval document by material id', async () => {
      const made = await adapter.submitCase(withdrawal(account()));
      expect(made).toMatchObject({
        department: 'fund',
        itemCode: 'FUND-PURCHASE-WITHDRAWAL',
        status: 'ACCEPTED',
      });
      expect(made.statusAt).toBe(made.acceptedAt);
      await admin.advanceClock({ advanceHours: 1 });
      expect((await adapter.getCase(made.caseNumber))?.status).toBe('IN_REVIEW');
      await admin.advanceClock({ advanceHours: 4 });
      const done = await adapter.getCase(made.caseNumber);
      expect(done?.status).toBe('APPROVED');
      expect(Object.keys(done?.result ?? {})).toEqual(['withdrawal-approval']);
      expect(Date.parse(done!.statusAt) - Date.parse(done!.acceptedAt)).toBe(4 * 3_600_000);
    });

    it('reports REJECTED with the fund’s reason for a sealed account', async () => {
      const made = await adapter.submitCase(withdrawal(account((a) => a.status === 'sealed')));
      await admin.advanceClock({ advanceDays: 1 });
      const state = await adapter.getCase(made.caseNumber);
      expect(state).toMatchObject({ status: 'REJECTED', reason: expect.stringContaining('封存') });
      expect(state?.result).toBeUndefined();
    });

    it('reports CORRECTION_REQUESTED by semantic key, takes the correction, and approves it', async () => {
      const a = account((x) => x.status === 'normal' && x.balanceFen > 1_000_00);
      const made = await adapter.submitCase(withdrawal(a, { 'fund.withdrawalAmount': a.balanceFen + 1 }));
      const early = await rejection(
        adapter.correctCase(made.caseNumber, { 'fund.withdrawalAmount': 100_00 }, newKey()),
      );
      expect(early).toMatchObject({ code: 'DEPARTMENT_REJECTED', details: { departmentCode: 'E3004' } });
      await admin.advanceClock({ advanceDays: 1 });
      const asked = await adapter.getCase(made.caseNumber);
      expect(asked).toMatchObject({
        status: 'CORRECTION_REQUESTED',
        correctionFields: ['fund.withdrawalAmount'],
      });

      const key = newKey();
      const corrected = await adapter.correctCase(made.caseNumber, { 'fund.withdrawalAmount': 100_00 }, key);
      expect(corrected.status).toBe('IN_REVIEW');
      // The same correction sent again (a lost answer) is not a second correction.
      expect(
        (await adapter.correctCase(made.caseNumber, { 'fund.withdrawalAmount': 100_00 }, key)).status,
      ).toBe('IN_REVIEW');
      expect((await admin.case(made.caseNumber)).history.map((h) => h.status)).toEqual([
        'accepted',
        'in_review',
        'correction_requested',
        'in_review',
      ]);
      await admin.advanceClock({ advanceDays: 1 });
      expect((await adapter.getCase(made.caseNumber))?.status).toBe('APPROVED');
      const after = await adapter.loaders().accountsByIdNumber.load(a.idNumber);
      expect(after?.balanceFen).toBe(a.balanceFen - 100_00);
    });

    it('gives the employer account an opening produces under its semantic key, readable afterwards', async () => {
      const held = new Set(population.employerAccounts.map((e) => e.uscc));
      const e = population.enterprises.find((x) => !held.has(x.uscc) && !used.has(x.uscc))!;
      used.add(e.uscc);
      const rep = population.persons.find((p) => p.idNumber === e.legalRepIdNumber)!;
      const s: CaseSubmission = {
        itemCode: 'FUND-EMPLOYER-OPEN',
        idempotencyKey: newKey(),
        applicant: { idNumber: rep.idNumber, name: rep.name },
        fields: {
          'applicant.idNumber': rep.idNumber,
          'applicant.name': rep.name,
          'applicant.phone': rep.phone,
          'enterprise.uscc': e.uscc,
          'enterprise.name': e.name,
          'enterprise.address': e.address,
          'enterprise.legalRepName': rep.name,
          'fund.depositRatePercent': 10,
          'fund.employeeCount': 12,
          'fund.contactName': rep.name,
        },
        materials: [{ id: 'business-licence', reference: 'market:licence' }],
      };
      const made = await adapter.submitCase(s);
      await admin.advanceClock({ advanceDays: 1 });
      const done = await adapter.findCase('FUND-EMPLOYER-OPEN', s.idempotencyKey);
      expect(done?.caseNumber).toBe(made.caseNumber);
      expect(done?.status).toBe('APPROVED');
      const account = done?.result?.['fund.employerAccount'];
      expect(account).toMatch(/^\d{12}$/);
      expect(await adapter.findCase('FUND-LOAN', s.idempotencyKey)).toBeNull();
      const read = await adapter.loaders().employerAccountsByUscc.load(e.uscc);
      expect(read).toMatchObject({ employerAccount: account, depositRatePercent: 10 });
    });

    it('converts enums to the fund’s codes, and the approved loan appears on the unit', async () => {
      const a = account();
      const unit = freeUnit();
      const made = await adapter.submitCase({
        itemCode: 'FUND-LOAN',
        idempotencyKey: newKey(),
        applicant: { idNumber: a.idNumber, name: a.name },
        fields: {
          'applicant.idNumber': a.idNumber,
          'applicant.name': a.name,
          'applicant.phone': '13700001111',
          'fund.personalAccount': a.personalAccount,
          'fund.loanAmount': 500_000_00,
          'fund.loanTermMonths': 240,
          'property.unitCode': unit,
          'transaction.price': 1_000_000_00,
          'buyer.maritalStatus': 'married',
        },
        materials: [],
      });
      expect((await admin.case(made.caseNumber)).fields['buyer.maritalStatus']).toBe('married');
      await admin.advanceClock({ advanceDays: 2 });
      const done = await adapter.getCase(made.caseNumber);
      expect(done?.result?.['loan-contract']).toMatch(/^JKHT/);
      const [loan] = (await adapter.loaders().loansByUnitCode.load(unit)) ?? [];
      expect(loan).toMatchObject({
        idNumber: a.idNumber,
        principalFen: 500_000_00,
        remainingFen: 500_000_00,
        termMonths: 240,
      });
    });
  });

  describe('refusals', () => {
    it('maps a wrong secret to DEPARTMENT_REJECTED E1002, and an unknown app to E1001', async () => {
      const key = population.fundAccounts[0]!.idNumber;
      const wrong = make('not-the-fund-secret');
      const err = await rejection(wrong.accountsByIdNumber([key]));
      expect(err).toMatchObject({
        code: 'DEPARTMENT_REJECTED',
        department: 'fund',
        details: { departmentCode: 'E1002' },
      });
      expect(err.message).toContain('签名校验失败');
      wrong.close();
      const stranger = make('fund-dev-secret', 'stranger');
      expect((await rejection(stranger.accountsByIdNumber([key]))).details.departmentCode).toBe('E1001');
      stranger.close();
    });

    it('maps an unknown item to DEPARTMENT_REJECTED E3001', async () => {
      const s = { ...withdrawal(account()), itemCode: 'FUND-NOTHING' };
      expect((await rejection(adapter.submitCase(s))).details.departmentCode).toBe('E3001');
    });

    it('passes on every field the fund refused (E2001), by semantic key', async () => {
      const s = withdrawal(account(), {
        'transaction.contractNumber': 'lower case',
        'applicant.phone': '12',
      });
      const err = await rejection(adapter.submitCase(s));
      expect(err.details.departmentCode).toBe('E2001');
      expect(err.details.problems?.map((p) => p.path).sort()).toEqual([
        'fields.applicant.phone',
        'fields.transaction.contractNumber',
      ]);
      expect(await admin.cases({ ref: s.idempotencyKey })).toEqual([]);
    });

    it('refuses a field the fund does not know, or a value it cannot write, before sending', async () => {
      const s = withdrawal(account(), { 'tax.invoiceType': 'digital', 'fund.withdrawalAmount': 12.5 });
      const err = await rejection(adapter.submitCase(s));
      expect(err.code).toBe('INVALID_INPUT');
      expect(err.details.problems?.map((p) => p.path).sort()).toEqual([
        'fields.fund.withdrawalAmount',
        'fields.tax.invoiceType',
      ]);
      expect((await admin.counts()).byOp.ywsl).toBeUndefined();
    });

    it('maps a key reused with other content to DEPARTMENT_REJECTED E3005', async () => {
      const s = withdrawal(account());
      await adapter.submitCase(s);
      const changed = { ...s, fields: { ...s.fields, 'fund.withdrawalAmount': 3_000_00 } };
      expect((await rejection(adapter.submitCase(changed))).details.departmentCode).toBe('E3005');
    });
  });
});
