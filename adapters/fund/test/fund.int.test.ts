import type { CaseSubmission } from '@onething/adapter-core';
import type { Population, StandIn, StandInAdmin } from '@onething/legacy-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FundAdapter } from '../src/index';
import { newKey, rejection, Seeded, startFundSystem } from './fund-system';

describe('fund adapter cases and refusals against the fund stand-in', () => {
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

  describe('cases', () => {
    it('sends money as yuan and the form by pinyin code; the fund holds what was meant', async () => {
      const a = seeded.account();
      const s = seeded.withdrawal(a, { 'fund.withdrawalAmount': 1_234_56 });
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
      const made = await adapter.submitCase(seeded.withdrawal(seeded.account()));
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
      const made = await adapter.submitCase(seeded.withdrawal(seeded.account((a) => a.status === 'sealed')));
      await admin.advanceClock({ advanceDays: 1 });
      const state = await adapter.getCase(made.caseNumber);
      expect(state).toMatchObject({ status: 'REJECTED', reason: expect.stringContaining('封存') });
      expect(state?.result).toBeUndefined();
    });

    it('reports CORRECTION_REQUESTED by semantic key, takes the correction, and approves it', async () => {
      const a = seeded.account((x) => x.status === 'normal' && x.balanceFen > 1_000_00);
      const made = await adapter.submitCase(
        seeded.withdrawal(a, { 'fund.withdrawalAmount': a.balanceFen + 1 }),
      );
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
      const e = seeded.newEmployer();
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
      const a = seeded.account();
      const unit = seeded.freeUnit();
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
      const wrong = makeAdapter('not-the-fund-secret');
      const err = await rejection(wrong.accountsByIdNumber([key]));
      expect(err).toMatchObject({
        code: 'DEPARTMENT_REJECTED',
        department: 'fund',
        details: { departmentCode: 'E1002' },
      });
      expect(err.message).toContain('签名校验失败');
      wrong.close();
      const stranger = makeAdapter('fund-dev-secret', 'stranger');
      expect((await rejection(stranger.accountsByIdNumber([key]))).details.departmentCode).toBe('E1001');
      stranger.close();
    });

    it('maps an unknown item to DEPARTMENT_REJECTED E3001', async () => {
      const s = { ...seeded.withdrawal(seeded.account()), itemCode: 'FUND-NOTHING' };
      expect((await rejection(adapter.submitCase(s))).details.departmentCode).toBe('E3001');
    });

    it('passes on every field the fund refused (E2001), by semantic key', async () => {
      const s = seeded.withdrawal(seeded.account(), {
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
      const s = seeded.withdrawal(seeded.account(), {
        'tax.invoiceType': 'digital',
        'fund.withdrawalAmount': 12.5,
      });
      const err = await rejection(adapter.submitCase(s));
      expect(err.code).toBe('INVALID_INPUT');
      expect(err.details.problems?.map((p) => p.path).sort()).toEqual([
        'fields.fund.withdrawalAmount',
        'fields.tax.invoiceType',
      ]);
      expect((await admin.counts()).byOp.ywsl).toBeUndefined();
    });

    it('maps a key reused with other content to DEPARTMENT_REJECTED E3005', async () => {
      const s = seeded.withdrawal(seeded.account());
      await adapter.submitCase(s);
      const changed = { ...s, fields: { ...s.fields, 'fund.withdrawalAmount': 3_000_00 } };
      expect((await rejection(adapter.submitCase(changed))).details.departmentCode).toBe('E3005');
    });
  });
});
