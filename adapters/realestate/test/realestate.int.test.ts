import { setTimeout as sleep } from 'node:timers/promises';
import { clientSettings } from '@onething/adapter-core';
import type { StandIn, StandInAdmin } from '@onething/legacy-kit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRealestateAdapter, type RealestateAdapter } from '../src';
import {
  adapterFor,
  errorOf,
  nonOwners,
  person,
  soleOwnerUnits,
  startRegistry,
  transferSubmission,
  UNREGISTERED_UNIT,
} from './fixtures';

const HOUR = 3_600_000;
let seq = 0;
const newKey = () => `realestate-test-${process.pid}-${++seq}`;
const units = [...soleOwnerUnits];
const buyers = [...nonOwners];
const takeUnit = () => units.shift()!;
const takeBuyer = () => buyers.shift()!;

describe('the real-estate adapter’s cases', () => {
  let s: StandIn;
  let admin: StandInAdmin;
  let adapter: RealestateAdapter;
  const calls = async (op: string) => (await admin.counts()).byOp[op] ?? 0;

  beforeAll(async () => ({ standIn: s, admin } = await startRegistry()));
  afterAll(() => s.close());
  beforeEach(async () => {
    await admin.reset();
    adapter = adapterFor(s.url, { timeoutMs: 2_000, retry: { retries: 0 } });
  });
  afterEach(() => adapter.close());

  describe('a case through its lifecycle', () => {
    it('is ACCEPTED, IN_REVIEW, then APPROVED with the new certificate keyed by its material id', async () => {
      const unit = takeUnit();
      const buyer = takeBuyer();
      const made = await adapter.submitCase(transferSubmission(newKey(), unit, buyer));
      expect(made).toMatchObject({ department: 'realestate', itemCode: 'RE-TRANSFER', status: 'ACCEPTED' });
      expect(made.caseNumber).toMatch(/^BDC\d{12}$/);
      expect(made.acceptedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);

      await admin.advanceClock({ advanceMs: HOUR / 2 });
      expect((await adapter.getCase(made.caseNumber))?.status).toBe('IN_REVIEW');
      await admin.advanceClock({ advanceHours: 4 });
      const approved = await adapter.getCase(made.caseNumber);
      expect(approved?.status).toBe('APPROVED');
      const certificate = approved?.result?.['property-certificate'];
      expect(certificate).toMatch(/不动产权第\d{7}号$/);
      expect(Object.keys(approved!.result!)).toEqual(['property-certificate']);

      const after = await adapter.loaders().property.load(unit.unitCode);
      expect(after).toMatchObject({ ownerIdNumbers: [buyer.idNumber], certificateNumber: certificate });
      expect(await adapter.unitsOwnedBy(buyer.idNumber)).toEqual([unit.unitCode]);
    });

    it('is REJECTED with the registry’s reason when the seller does not own the unit', async () => {
      const made = await adapter.submitCase(
        transferSubmission(newKey(), takeUnit(), takeBuyer(), { 'seller.idNumber': takeBuyer().idNumber }),
      );
      await admin.advanceClock({ advanceHours: 5 });
      expect(await adapter.getCase(made.caseNumber)).toMatchObject({
        status: 'REJECTED',
        reason: '出卖人不是登记的权利人',
      });
    });

    it('asks for a correction by semantic key, takes it once, and then approves', async () => {
      const unit = takeUnit();
      const made = await adapter.submitCase(
        transferSubmission(newKey(), unit, takeBuyer(), {
          'property.certificateNumber': '浙(2020)吴兴区不动产权第0000000号',
        }),
      );
      await admin.advanceClock({ advanceHours: 5 });
      expect(await adapter.getCase(made.caseNumber)).toMatchObject({
        status: 'CORRECTION_REQUESTED',
        correctionFields: ['property.certificateNumber'],
      });
      const fix = { 'property.certificateNumber': unit.certificateNumber };
      expect((await adapter.correctCase(made.caseNumber, fix, `${made.caseNumber}-fix`)).status).toBe(
        'IN_REVIEW',
      );
      // Re-dispatched after a lost answer: answered with the case, not sent again.
      expect((await adapter.correctCase(made.caseNumber, fix, `${made.caseNumber}-fix`)).status).toBe(
        'IN_REVIEW',
      );
      expect(await calls('SubmitCorrection')).toBe(1);
      await admin.advanceClock({ advanceHours: 5 });
      expect((await adapter.getCase(made.caseNumber))?.status).toBe('APPROVED');
    });

    it('recovers a correction whose answer was lost, by the case’s history', async () => {
      const unit = takeUnit();
      const made = await adapter.submitCase(
        transferSubmission(newKey(), unit, takeBuyer(), {
          'property.certificateNumber': '浙(2020)吴兴区不动产权第0000001号',
        }),
      );
      await admin.advanceClock({ advanceHours: 5 });
      await admin.setFaults({ malformedRate: 1, malformedKind: 'truncated', onlyOps: ['SubmitCorrection'] });
      const fix = { 'property.certificateNumber': unit.certificateNumber };
      expect((await adapter.correctCase(made.caseNumber, fix, 'fix-key-1')).status).toBe('IN_REVIEW');
      expect(await calls('SubmitCorrection')).toBe(1);
    });

    it('registers the buyer’s mortgage after the transfer, with the registration certificate as result', async () => {
      const unit = takeUnit();
      const buyer = takeBuyer();
      const t = await adapter.submitCase(transferSubmission(newKey(), unit, buyer));
      await admin.advanceClock({ advanceHours: 5 });
      expect((await adapter.getCase(t.caseNumber))?.status).toBe('APPROVED');
      const m = await adapter.submitCase({
        itemCode: 'RE-MORTGAGE',
        idempotencyKey: newKey(),
        applicant: { idNumber: buyer.idNumber, name: buyer.name },
        fields: {
          'applicant.phone': buyer.phone,
          'property.unitCode': unit.unitCode,
          'mortgage.mortgagee': '湖州银行',
          'mortgage.amount': 80_000_000,
          'mortgage.termMonths': 240,
        },
        materials: [{ id: 'loan-contract', reference: 'store://fund/loan.pdf' }],
      });
      await admin.advanceClock({ advanceHours: 5 });
      const done = await adapter.getCase(m.caseNumber);
      expect(done?.status).toBe('APPROVED');
      expect(done?.result?.['registration-certificate']).toMatch(/不动产证明第\d{7}号$/);
      const property = await adapter.loaders().property.load(unit.unitCode);
      expect(property?.mortgages).toEqual([
        expect.objectContaining({ mortgagee: '湖州银行', amountFen: 80_000_000 }),
      ]);
    });
  });

  describe('submissions: validation, refusals and idempotency', () => {
    it('sends money in yuan, areas with two decimals and identifiers as printed', async () => {
      const unit = takeUnit();
      const made = await adapter.submitCase(
        transferSubmission(newKey(), unit, takeBuyer(), { 'transaction.price': 123_456_789 }),
      );
      const held = await admin.case(made.caseNumber);
      expect(held.fields).toMatchObject({
        'transaction.price': 123_456_789,
        'property.area': unit.areaM2,
        'property.unitCode': unit.unitCode,
      });
    });

    it('refuses values of the wrong type and a short key with INVALID_INPUT, before submitting', async () => {
      const err = await errorOf(
        adapter.submitCase(
          transferSubmission(newKey(), takeUnit(), takeBuyer(), {
            'transaction.price': 1234.5,
            'property.area': 89.555,
            'property.unitCode': '33050200',
          }),
        ),
      );
      expect(err.code).toBe('INVALID_INPUT');
      expect(err.details.problems?.map((p) => p.path).sort()).toEqual([
        'fields.property.area',
        'fields.property.unitCode',
        'fields.transaction.price',
      ]);
      expect(await calls('SubmitApplication')).toBe(0);
      const short = await errorOf(adapter.submitCase(transferSubmission('short', takeUnit(), takeBuyer())));
      expect([short.code, short.details.problems?.[0]?.path]).toEqual(['INVALID_INPUT', 'idempotencyKey']);
    });

    it('maps the registry’s BDC-1002 to DEPARTMENT_REJECTED, its problems named by semantic key', async () => {
      const err = await errorOf(
        adapter.submitCase(
          transferSubmission(newKey(), takeUnit(), takeBuyer(), {
            'transaction.contractNumber': 'not a number',
          }),
        ),
      );
      expect(err.code).toBe('DEPARTMENT_REJECTED');
      expect(err.details.departmentCode).toBe('BDC-1002');
      expect(err.details.problems?.map((p) => [p.path, p.rule])).toEqual([
        ['fields.transaction.contractNumber', 'pattern'],
      ]);
    });

    it('maps an unknown item and an unregistered unit to DEPARTMENT_REJECTED with the BDC code', async () => {
      const b = takeBuyer();
      const unknown = await errorOf(
        adapter.submitCase({ ...transferSubmission(newKey(), takeUnit(), b), itemCode: 'RE-DEMOLITION' }),
      );
      expect([unknown.code, unknown.details.departmentCode]).toEqual(['DEPARTMENT_REJECTED', 'BDC-3001']);
      const unregistered = await errorOf(
        adapter.submitCase(transferSubmission(newKey(), { ...takeUnit(), unitCode: UNREGISTERED_UNIT }, b)),
      );
      expect([unregistered.code, unregistered.details.departmentCode]).toEqual([
        'DEPARTMENT_REJECTED',
        'BDC-2001',
      ]);
      expect(unregistered.message).toContain('不动产单元未登记');
    });

    it('makes one case when the answer is lost: recovered by reference, and found again on retry', async () => {
      const key = newKey();
      const sample = transferSubmission(key, takeUnit(), takeBuyer());
      await admin.setFaults({ malformedRate: 1, malformedKind: 'truncated', onlyOps: ['SubmitApplication'] });
      const recovered = await adapter.submitCase(sample);
      await admin.clearFaults();
      const retried = await adapter.submitCase(sample);
      expect(retried.caseNumber).toBe(recovered.caseNumber);
      expect((await admin.cases({ ref: key })).map((c) => c.caseNumber)).toEqual([recovered.caseNumber]);
      // Looked up before the submission, after the lost answer, and before the retry; submitted once.
      expect((await admin.counts()).byOp).toMatchObject({
        SubmitApplication: 1,
        QueryApplicationsByReference: 3,
      });
    });

    it('asks to wait before sending again when a submission timed out and its case is not there yet', async () => {
      const key = newKey();
      const sample = transferSubmission(key, takeUnit(), takeBuyer());
      const impatient = createRealestateAdapter({
        client: clientSettings(s.url, { timeoutMs: 300, retry: { retries: 0 } }),
        settleMs: 5_000,
      });
      // The registry takes a submission longer than the caller waits, and makes the case all the same.
      await admin.setFaults({ latencyMs: 1_000, onlyOps: ['SubmitApplication'] });
      const err = await errorOf(impatient.submitCase(sample));
      impatient.close();
      expect(err.code).toBe('DEPARTMENT_TIMEOUT');
      expect(err.details.retryAfterSeconds).toBe(5);
      expect(err.message).toMatch(/may still be making it: send it again only after 5 s/);
      // A resend right away would find nothing and make a second case; after the wait the case is there.
      for (let i = 0; i < 50 && (await admin.cases({ ref: key })).length === 0; i++) await sleep(100);
      await admin.clearFaults();
      const again = await adapter.submitCase(sample);
      expect((await admin.cases({ ref: key })).map((c) => c.caseNumber)).toEqual([again.caseNumber]);
    });

    it('finds the case of a key for its item only', async () => {
      const key = newKey();
      const made = await adapter.submitCase(transferSubmission(key, takeUnit(), takeBuyer()));
      expect((await adapter.findCase('RE-TRANSFER', key))?.caseNumber).toBe(made.caseNumber);
      expect(await adapter.findCase('RE-MORTGAGE', key)).toBeNull();
    });

    it('takes the first case when the registry holds several under one reference', async () => {
      const key = newKey();
      const unit = takeUnit();
      const owner = person(unit.ownerIdNumbers[0]!);
      const query = {
        itemCode: 'RE-RECORD-QUERY',
        idempotencyKey: key,
        applicant: { idNumber: owner.idNumber, name: owner.name },
        fields: { 'applicant.phone': owner.phone, 'property.unitCode': unit.unitCode },
        materials: [],
      };
      const first = await adapter.submitCase(query);
      // Another client, unaware of the reference, sends it again: the registry makes a second case.
      const again = await fetch(`${s.url}/services/RegistryService`, {
        method: 'POST',
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          soapaction: '"urn:bdc:registry:SubmitApplication"',
        },
        body: `<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:b="http://bdc.gov.cn/registry/v1"><e:Body><b:SubmitApplication><b:ExternalReference>${key}</b:ExternalReference><b:ItemCode>RE-RECORD-QUERY</b:ItemCode><b:Applicant><b:IdNumber>${owner.idNumber}</b:IdNumber><b:Name>${owner.name}</b:Name></b:Applicant><b:Form><b:Field code="ApplicantIdNumber">${owner.idNumber}</b:Field><b:Field code="ApplicantName">${owner.name}</b:Field><b:Field code="ApplicantPhone">${owner.phone}</b:Field><b:Field code="PropertyUnitCode">${unit.unitCode}</b:Field></b:Form></b:SubmitApplication></e:Body></e:Envelope>`,
      });
      expect(again.status).toBe(200);
      expect(await admin.cases({ ref: key })).toHaveLength(2);
      expect((await adapter.findCase('RE-RECORD-QUERY', key))?.caseNumber).toBe(first.caseNumber);
      expect((await adapter.submitCase(query)).caseNumber).toBe(first.caseNumber);
      expect(await admin.cases({ ref: key })).toHaveLength(2);
    });
  });
});
