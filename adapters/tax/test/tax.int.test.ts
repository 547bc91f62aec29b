import type { AdapterError, CaseState } from '@onething/adapter-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TaxAdapter } from '../src/adapter';
import {
  clearPersons,
  deedTaxSubmission,
  owingPersons,
  population,
  startTaxSystem,
  taxAdapter,
} from './support';

let system: Awaited<ReturnType<typeof startTaxSystem>>;
let adapter: TaxAdapter;
beforeAll(async () => {
  system = await startTaxSystem();
});
afterAll(() => system.stop());
beforeEach(async () => {
  await system.control.reset();
  adapter = taxAdapter(system.url);
});
afterEach(() => adapter.close());

const calls = async (op: string) => (await system.control.counts()).byOp[op] ?? 0;
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as AdapterError,
  );
let seq = 0;
const key = () => `tax-adapter-${process.pid}-${Date.now()}-${++seq}`;
const property = (i: number) => population.properties[i]!;
/** Past the review and the decision of a one-working-day item. */
const decide = () => system.control.advanceClock({ advanceHours: 5 });

describe('reads in domain terms', () => {
  it('reads taxpayers with their codes, units and Beijing times converted', async () => {
    const general = population.taxpayers.find((t) => t.taxpayerType === 'general' && t.arrearsFen > 0);
    const abnormal = population.taxpayers.find((t) => t.status === 'abnormal')!;
    const ids = [general!.taxpayerId, abnormal.taxpayerId];
    const found = await adapter.taxpayers(ids);
    expect(found.get(general!.taxpayerId)).toMatchObject({
      kind: 'ENTERPRISE',
      taxpayerType: 'GENERAL',
      arrearsFen: general!.arrearsFen,
      updatedAt: general!.updatedAt,
    });
    expect(found.get(abnormal.taxpayerId)?.status).toBe('ABNORMAL');
    const person = await adapter.loaders().taxpayers.load(population.persons[3]!.idNumber);
    expect(person).toMatchObject({ kind: 'NATURAL_PERSON', status: 'NORMAL' });
    expect(person).not.toHaveProperty('taxpayerType');
  });

  it('reads deed tax by unit and by payer, the rate in basis points', async () => {
    const rec = population.deedTaxRecords.find((d) => d.rateBp === 150)!;
    const loaders = adapter.loaders();
    const [byUnit, byPayer] = await Promise.all([
      loaders.deedTaxByUnit.load(rec.unitCode),
      loaders.deedTaxByPayer.load(rec.payerIdNumber),
    ]);
    expect(byUnit).toEqual([
      {
        recordNumber: rec.recordNumber,
        unitCode: rec.unitCode,
        payerIdNumber: rec.payerIdNumber,
        taxableAmountFen: rec.taxableAmountFen,
        rateBasisPoints: 150,
        amountFen: rec.amountFen,
        paidOn: rec.paidOn,
        updatedAt: rec.updatedAt,
      },
    ]);
    expect(byPayer!.map((r) => r.recordNumber)).toContain(rec.recordNumber);
    expect(await calls('deed_tax.query')).toBe(2);
  });

  it('answers an empty list for a unit without deed tax', async () => {
    expect(await adapter.loaders().deedTaxByUnit.load('330502001001GB00001F00010101')).toEqual([]);
  });

  it('reads 120 unit codes in ⌈120 / 50⌉ = 3 calls', async () => {
    const codes = population.properties.slice(0, 120).map((p) => p.unitCode);
    const records = await adapter.loaders().deedTaxByUnit.loadMany(codes);
    expect(records.every((r) => Array.isArray(r) && r.length === 1)).toBe(true);
    expect(await calls('deed_tax.query')).toBe(3);
    const direct = await adapter.taxpayers(population.taxpayers.slice(0, 120).map((t) => t.taxpayerId));
    expect(direct.size).toBe(120);
    expect(await calls('taxpayers.query')).toBe(3);
  });

  it('fails a malformed key alone: the good keys of its batch are read, the bad one never sent', async () => {
    const [a, b] = population.taxpayers.slice(0, 2).map((t) => t.taxpayerId);
    const got = await adapter.loaders().taxpayers.loadMany([a!, '330502199002301235', b!]);
    expect((got[0] as { taxpayerId: string }).taxpayerId).toBe(a);
    expect((got[1] as AdapterError).code).toBe('INVALID_INPUT');
    expect((got[1] as AdapterError).details.problems?.[0]?.rule).toBe('GB11643.birthDate');
    expect((got[2] as { taxpayerId: string }).taxpayerId).toBe(b);
    const log = await system.control.requestLog();
    expect(log.map((e) => e.keys)).toEqual([[a, b]]);
  });

  it('refuses a whole direct read with INVALID_INPUT naming every bad id, without a call', async () => {
    const err = await rejection(
      adapter.taxpayers(['91330100716105852G', population.taxpayers[0]!.taxpayerId, 'x']),
    );
    expect(err?.code).toBe('INVALID_INPUT');
    expect(err?.details.problems?.map((p) => p.path)).toEqual(['taxpayerId[0]', 'taxpayerId[2]']);
    expect(await calls('taxpayers.query')).toBe(0);
  });
});

describe('the item catalogue', () => {
  it('lists the items in domain terms', async () => {
    const items = await adapter.listItems();
    const deed = items.find((i) => i.code === 'TAX-DEED-TAX')!;
    expect(deed).toMatchObject({ department: 'tax', type: 'administrative-levy', legalLimitDays: 5 });
    expect(deed.fields.find((f) => f.key === 'transaction.price')).toMatchObject({ type: 'money', min: 100 });
    expect(deed.fields.find((f) => f.key === 'buyer.isFirstHome')?.type).toBe('boolean');
    expect(deed.fields.find((f) => f.key === 'property.unitCode')?.hint?.zh).toContain('28');
    expect(deed.materials.find((m) => m.id === 'property-certificate')).toMatchObject({
      heldBy: ['realestate'],
      original: true,
    });
    expect(deed.result).toMatchObject({ kind: 'receipt', materials: ['deed-tax-receipt'], values: [] });
    expect(items.find((i) => i.code === 'TAX-INVOICE')?.type).toBe('other-power');
  });
});

describe('a case through its lifecycle', () => {
  it('goes ACCEPTED → IN_REVIEW → APPROVED with its receipt keyed by material id, and is recorded', async () => {
    const k = key();
    const buyer = clearPersons[100]!;
    const p = property(100);
    const price = p.lastPriceFen + 100_000_00;
    const made = await adapter.submitCase(deedTaxSubmission(k, buyer, p, { 'transaction.price': price }));
    expect(made).toMatchObject({ department: 'tax', itemCode: 'TAX-DEED-TAX', status: 'ACCEPTED' });
    expect(made.acceptedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    const [held] = await system.control.cases({ ref: k });
    expect(held!.fields).toMatchObject({ 'transaction.price': price, 'buyer.isFirstHome': true });

    await system.control.advanceClock({ advanceMs: 30 * 60_000 });
    expect((await adapter.getCase(made.caseNumber))?.status).toBe('IN_REVIEW');
    await decide();
    const done = await adapter.getCase(made.caseNumber);
    expect(done).toMatchObject({
      status: 'APPROVED',
      result: { 'deed-tax-receipt': expect.stringMatching(/^SWPZ/) },
    });
    expect(Date.parse(done!.statusAt)).toBeGreaterThan(Date.parse(done!.acceptedAt));
    expect(await adapter.findCase('TAX-DEED-TAX', k)).toEqual(done);
    expect(await adapter.findCase('TAX-INVOICE', k)).toBeNull();

    // The approval's effect, read back: a first home of up to 140 m² is taxed at 1 %.
    const units = await adapter.deedTaxByUnit([p.unitCode]);
    expect(units.get(p.unitCode)!.at(-1)).toMatchObject({
      payerIdNumber: buyer.idNumber,
      taxableAmountFen: price,
      rateBasisPoints: p.areaM2 <= 140 ? 100 : 150,
      amountFen: Math.round((price * (p.areaM2 <= 140 ? 100 : 150)) / 10_000),
    });
  });

  it('is REJECTED with the system’s reason when the buyer owes tax', async () => {
    const made = await adapter.submitCase(deedTaxSubmission(key(), owingPersons[0]!, property(101)));
    await decide();
    expect(await adapter.getCase(made.caseNumber)).toMatchObject({
      status: 'REJECTED',
      reason: '存在欠税未缴',
    });
  });

  it('asks for a correction by semantic key, takes it, and approves', async () => {
    const p = property(102);
    const made = await adapter.submitCase(
      deedTaxSubmission(key(), clearPersons[102]!, p, {
        'transaction.price': Math.floor(p.lastPriceFen / 3),
      }),
    );
    await decide();
    const asked = await adapter.getCase(made.caseNumber);
    expect(asked).toMatchObject({ status: 'CORRECTION_REQUESTED', correctionFields: ['transaction.price'] });
    expect(asked?.reason).toContain('偏低');

    const fixKey = key();
    const fixed = await adapter.correctCase(made.caseNumber, { 'transaction.price': p.lastPriceFen }, fixKey);
    expect(fixed).toMatchObject({ caseNumber: made.caseNumber, status: 'IN_REVIEW' });
    expect(fixed).not.toHaveProperty('correctionFields');
    expect(
      await adapter.correctCase(made.caseNumber, { 'transaction.price': p.lastPriceFen }, fixKey),
    ).toEqual(fixed);
    expect(await calls('cases.correct')).toBe(2);
    expect((await system.control.case(made.caseNumber)).fields['transaction.price']).toBe(p.lastPriceFen);

    await decide();
    expect((await adapter.getCase(made.caseNumber))?.status).toBe('APPROVED');
    const again = await rejection(adapter.correctCase(made.caseNumber, { 'transaction.price': 1 }, key()));
    expect(again).toMatchObject({ code: 'DEPARTMENT_REJECTED', details: { departmentCode: '3004' } });
  });

  it('gives results keyed by semantic key and by material id, reading the catalogue once', async () => {
    const made = await adapter.submitCase(deedTaxSubmission(key(), clearPersons[103]!, property(103)));
    await system.control.decide(made.caseNumber, {
      outcome: 'approved',
      result: { 'enterprise.uscc': '91330100716105852F', 'tax-clearance-certificate': 'QSZM1' },
    });
    const read = async (): Promise<CaseState | null> => adapter.getCase(made.caseNumber);
    expect((await read())?.result).toEqual({
      'enterprise.uscc': '91330100716105852F',
      'tax-clearance-certificate': 'QSZM1',
    });
    await read();
    expect(await calls('items.list')).toBe(1);
  });
});

describe('refusals in domain terms', () => {
  it('maps a missing field to DEPARTMENT_REJECTED 1001 with the problem under its semantic key', async () => {
    const s = deedTaxSubmission(key(), clearPersons[104]!, property(104));
    const { 'applicant.phone': _, ...fields } = s.fields;
    const err = await rejection(
      adapter.submitCase({ ...s, fields: { ...fields, 'buyer.isFirstHome': 'yes' } }),
    );
    expect(err).toMatchObject({ code: 'DEPARTMENT_REJECTED', details: { departmentCode: '1001' } });
    expect(err?.details.problems?.map((p) => [p.path, p.message.zh])).toEqual([
      ['fields.applicant.phone', '必填'],
      ['fields.buyer.isFirstHome', '应为Y或N'],
    ]);
  });

  it('maps an unmet acceptance condition to DEPARTMENT_REJECTED 3002 with the system’s message', async () => {
    const err = await rejection(
      adapter.submitCase({
        itemCode: 'TAX-INFO-UPDATE',
        idempotencyKey: key(),
        applicant: { idNumber: clearPersons[105]!.idNumber, name: clearPersons[105]!.name },
        fields: {
          'applicant.phone': '13800138000',
          'enterprise.uscc': '91330100716105852F',
          'enterprise.name': '未登记的公司',
          'enterprise.changeDescription': '名称变更',
        },
        materials: [{ id: 'id-card', reference: 'files/id.pdf' }],
      }),
    );
    expect(err).toMatchObject({ code: 'DEPARTMENT_REJECTED', details: { departmentCode: '3002' } });
    expect(err?.message).toContain('未办理税务登记');
  });

  it('refuses a malformed applicant ID or idempotency key before any call', async () => {
    const s = deedTaxSubmission(key(), clearPersons[106]!, property(106));
    const badId = await rejection(
      adapter.submitCase({ ...s, applicant: { ...s.applicant, idNumber: '123' } }),
    );
    const badKey = await rejection(adapter.submitCase({ ...s, idempotencyKey: 'short' }));
    expect([badId?.code, badKey?.code]).toEqual(['INVALID_INPUT', 'INVALID_INPUT']);
    expect(await calls('cases.submit')).toBe(0);
  });

  it('maps an API key the system does not know to DEPARTMENT_REJECTED 4010', async () => {
    const stranger = taxAdapter(system.url, undefined, undefined, 'unknown-key-123');
    const err = await rejection(stranger.taxpayers([population.taxpayers[0]!.taxpayerId]));
    stranger.close();
    expect(err).toMatchObject({
      code: 'DEPARTMENT_REJECTED',
      details: { departmentCode: '4010', httpStatus: 401 },
    });
    expect(await calls('taxpayers.query')).toBe(1); // a refusal is not retried
  });
});
