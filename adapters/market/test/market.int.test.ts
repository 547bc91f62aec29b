import { type AdapterError, clientSettings, isAdapterError } from '@onething/adapter-core';
import type { Population, StandIn, StandInAdmin } from '@onething/legacy-kit';
import { validateUscc } from '@onething/schema';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMarketAdapter, type MarketAdapter, type MarketAdapterOptions } from '../src/index';
import { applicantOf, establishment, startMarketSystem } from './market-system';

let seq = 0;
const newKey = () => `market-${process.pid}-${Date.now()}-${++seq}`;
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as AdapterError,
  );

describe('market adapter against the market system', () => {
  let standIn: StandIn;
  let admin: StandInAdmin;
  let population: Population;
  let adapter: MarketAdapter;
  const make = (options: Partial<MarketAdapterOptions> = {}) =>
    createMarketAdapter({ client: clientSettings(standIn.url), ...options });
  const calls = async (op: string) => (await admin.counts()).byOp[op] ?? 0;

  beforeAll(async () => {
    ({ standIn, admin, population } = await startMarketSystem());
  });
  afterAll(() => standIn.close());
  beforeEach(async () => {
    await admin.reset();
    adapter = make();
  });
  afterEach(() => adapter.close());

  describe('applications', () => {
    it('submits in the wire’s units: the system received yuan and stored the same fen', async () => {
      const key = newKey();
      const made = await adapter.submitCase(
        establishment(population, key, {
          'enterprise.registeredCapital': 50_000_050,
          'tax.taxpayerType': 'general',
        }),
      );
      expect(made).toMatchObject({ department: 'market', itemCode: 'MKT-ESTABLISH', status: 'ACCEPTED' });
      expect(made.caseNumber).toMatch(/^SCJG\d{14}$/);
      expect(made.statusAt).toBe(made.acceptedAt);
      const [held] = await admin.cases({ ref: key });
      expect(held!.fields['enterprise.registeredCapital']).toBe(50_000_050);
      expect(held!.fields['tax.taxpayerType']).toBeUndefined();
    });

    it('takes a case through ACCEPTED → IN_REVIEW → APPROVED, the result keyed by semantic key', async () => {
      const key = newKey();
      const s = establishment(population, key, { 'enterprise.registeredCapital': 50_000_050 });
      const made = await adapter.submitCase(s);
      await admin.advanceClock({ advanceHours: 1 });
      expect((await adapter.getCase(made.caseNumber))?.status).toBe('IN_REVIEW');
      await admin.advanceClock({ advanceHours: 4 });
      const approved = await adapter.getCase(made.caseNumber);
      expect(approved).toMatchObject({ status: 'APPROVED', reason: '准予设立登记' });
      expect(Object.keys(approved!.result!).sort()).toEqual(['business-licence', 'enterprise.uscc']);
      const uscc = approved!.result!['enterprise.uscc']!;
      expect(validateUscc(uscc).ok).toBe(true);
      expect(Date.parse(approved!.statusAt) - Date.parse(approved!.acceptedAt)).toBe(4 * 3_600_000);
      const registered = await adapter.enterprise(uscc);
      expect(registered).toMatchObject({
        name: s.fields['enterprise.name'],
        kind: 'COMPANY',
        registeredCapitalFen: 50_000_050,
        legalRepIdNumber: s.applicant.idNumber,
        status: 'ACTIVE',
      });
      expect(await adapter.findCase('MKT-ESTABLISH', key)).toMatchObject({
        caseNumber: made.caseNumber,
        status: 'APPROVED',
      });
      expect(await adapter.findCase('MKT-CHANGE', key)).toBeNull();
    });

    it('asks for a correction by semantic key, takes it once, and approves', async () => {
      const made = await adapter.submitCase(
        establishment(population, newKey(), { 'enterprise.businessScope': '待定' }),
      );
      await admin.advanceClock({ advanceHours: 5 });
      const asked = await adapter.getCase(made.caseNumber);
      expect(asked).toMatchObject({
        status: 'CORRECTION_REQUESTED',
        correctionFields: ['enterprise.businessScope'],
        reason: expect.stringContaining('经营范围'),
      });
      expect(asked!.result).toBeUndefined();

      const key = newKey();
      const fields = { 'enterprise.businessScope': '软件开发；信息技术咨询服务' };
      const corrected = await adapter.correctCase(made.caseNumber, fields, key);
      expect(corrected).toMatchObject({ caseNumber: made.caseNumber, status: 'IN_REVIEW' });
      expect(corrected.correctionFields).toBeUndefined();
      // The same correction again (a lost answer) is answered, not applied twice.
      expect((await adapter.correctCase(made.caseNumber, fields, key)).status).toBe('IN_REVIEW');
      expect(await calls('applications.supplement')).toBe(2);
      const late = await errorOf(adapter.correctCase(made.caseNumber, fields, newKey()));
      expect([late?.code, late?.details.departmentCode]).toEqual(['DEPARTMENT_REJECTED', 'INVALID_STATE']);

      await admin.advanceClock({ advanceHours: 4 });
      const approved = await adapter.getCase(made.caseNumber);
      expect(approved?.status).toBe('APPROVED');
      const e = await adapter.enterprise(approved!.result!['enterprise.uscc']!);
      expect(e?.businessScope).toBe('软件开发；信息技术咨询服务');
    });

    it('shows a rejection with the department’s reason', async () => {
      const made = await adapter.submitCase(establishment(population, newKey()));
      await admin.decide(made.caseNumber, { outcome: 'rejected', reason: '住所不符合规定' });
      expect(await adapter.getCase(made.caseNumber)).toMatchObject({
        status: 'REJECTED',
        reason: '住所不符合规定',
      });
    });

    const changeOf = (uscc: string, name: string, key: string) => ({
      itemCode: 'MKT-CHANGE',
      idempotencyKey: key,
      applicant: applicantOf(population),
      fields: {
        'applicant.phone': '13800000000',
        'enterprise.uscc': uscc,
        'enterprise.name': name,
        'enterprise.changeDescription': '变更名称',
        'enterprise.newName': `${name.slice(0, 2)}新${key}有限公司`,
      },
      materials: [
        { id: 'shareholder-resolution', reference: 'r' },
        { id: 'id-card', reference: 'i' },
        { id: 'business-licence', reference: 'held by market' },
      ],
    });

    it('changes a name; a deregistered enterprise then refuses a change with INVALID_STATE', async () => {
      const [e, f] = population.enterprises
        .filter((x) => x.status === 'active' && x.kind === 'company')
        .slice(-2);
      const change = changeOf(e!.uscc, e!.name, newKey());
      const made = await adapter.submitCase(change);
      await admin.advanceClock({ advanceHours: 5 });
      const approved = await adapter.getCase(made.caseNumber);
      expect(approved?.result).toEqual({ 'change-notice': expect.stringMatching(/^BGTZ/) });
      expect((await adapter.enterprise(e!.uscc))?.name).toBe(change.fields['enterprise.newName']);

      const liquidation = await adapter.submitCase({
        itemCode: 'MKT-DEREGISTER',
        idempotencyKey: newKey(),
        applicant: applicantOf(population),
        fields: {
          'applicant.phone': '13800000000',
          'enterprise.uscc': f!.uscc,
          'enterprise.name': f!.name,
          'enterprise.deregistrationReason': 'dissolution',
          'enterprise.liquidationCompletedOn': '2026-05-31',
        },
        materials: [
          'shareholder-resolution',
          'liquidation-report',
          'tax-clearance-certificate',
          'id-card',
        ].map((id) => ({ id, reference: `file://${id}.pdf` })),
      });
      await admin.advanceClock({ advanceHours: 5 });
      expect((await adapter.getCase(liquidation.caseNumber))?.result).toEqual({
        'deregistration-notice': expect.stringMatching(/^ZXTZ/),
      });
      expect((await adapter.enterprise(f!.uscc))?.status).toBe('DEREGISTERED');
      const err = await errorOf(adapter.submitCase(changeOf(f!.uscc, f!.name, newKey())));
      expect(err?.code).toBe('DEPARTMENT_REJECTED');
      expect(err?.details).toMatchObject({ departmentCode: 'INVALID_STATE', httpStatus: 409 });
    });

    it('maps the department’s validation refusal to DEPARTMENT_REJECTED, naming fields by semantic key', async () => {
      const s = establishment(population, newKey());
      const { 'enterprise.address': _, ...fields } = s.fields;
      const err = await errorOf(adapter.submitCase({ ...s, fields, materials: s.materials.slice(1) }));
      expect(err?.code).toBe('DEPARTMENT_REJECTED');
      expect(err?.details.departmentCode).toBe('VALIDATION_FAILED');
      expect(err?.details.problems?.map((p) => `${p.path}:${p.rule}`)).toEqual([
        'fields.enterprise.address:required',
        'materials[id-card]:required',
      ]);
      const unknown = await errorOf(
        adapter.submitCase({ ...s, itemCode: 'MKT-NOTHING', idempotencyKey: newKey() }),
      );
      expect(unknown?.details).toMatchObject({
        departmentCode: 'VALIDATION_FAILED',
        problems: [{ path: 'itemCode' }],
      });
    });

    it('refuses bad identifiers, fen that are not whole and bad keys itself, before submitting', async () => {
      const s = establishment(population, newKey(), {
        'enterprise.legalRepIdNumber': '110105194912310021',
        'enterprise.registeredCapital': 12.5,
      });
      const err = await errorOf(adapter.submitCase(s));
      expect(err?.code).toBe('INVALID_INPUT');
      expect(err?.details.problems?.map((p) => p.path)).toEqual([
        'fields.enterprise.registeredCapital',
        'fields.enterprise.legalRepIdNumber',
      ]);
      expect(
        isAdapterError(await errorOf(adapter.submitCase({ ...s, idempotencyKey: 'short' })), 'INVALID_INPUT'),
      ).toBe(true);
      expect(await calls('applications.submit')).toBe(0);
    });
  });
});
