import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTax } from './support';

let t: Awaited<ReturnType<typeof startTax>>;
beforeAll(async () => {
  t = await startTax();
});
afterAll(() => t.s.close());
beforeEach(() => t.admin.reset());

describe('authentication', () => {
  it('refuses a request without a key, or with an unknown one, with 401 and code 4010', async () => {
    for (const key of [null, 'not-a-known-key']) {
      const r = await t.api('GET', '/items', { key });
      expect(r).toEqual({ status: 401, code: '4010', msg: 'API密钥无效或缺失', data: null });
    }
    const log = await t.admin.requestLog();
    expect(log.map((e) => [e.op, e.outcome, e.caller])).toEqual([
      ['items.list', 'refused', undefined],
      ['items.list', 'refused', undefined],
    ]);
  });

  it('records the caller by the name of its key', async () => {
    await t.api('GET', '/items');
    await t.api('GET', '/items', { key: 'other-caller-key' });
    expect((await t.admin.requestLog()).map((e) => e.caller)).toEqual(['hall', 'other']);
  });
});

describe('taxpayers/batch-query', () => {
  it('answers the taxpayers found, in the wire’s codes, fen and Beijing time', async () => {
    const enterprise = t.population.taxpayers.find((x) => x.kind === 'enterprise' && x.arrearsFen > 0)!;
    const person = t.population.taxpayers.find((x) => x.kind === 'natural-person')!;
    const r = await t.api('POST', '/taxpayers/batch-query', {
      body: { taxpayer_ids: [enterprise.taxpayerId, person.taxpayerId, '11010519491231002X'] },
    });
    expect(r.status).toBe(200);
    expect(r.code).toBe('0000');
    expect(r.data.taxpayers).toHaveLength(2);
    const [e, p] = r.data.taxpayers;
    expect(e).toMatchObject({
      taxpayer_id: enterprise.taxpayerId,
      taxpayer_name: enterprise.name,
      taxpayer_kind: '2',
      status_code: enterprise.status === 'normal' ? '03' : '05',
      taxpayer_type: enterprise.taxpayerType === 'general' ? '1' : '2',
      arrears_fen: enterprise.arrearsFen,
      registered_date: enterprise.registeredOn,
    });
    expect(e.updated_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const utc = new Date(`${e.updated_time.replace(' ', 'T')}+08:00`).toISOString();
    expect(utc.slice(0, 19)).toBe(enterprise.updatedAt.slice(0, 19));
    expect(p).toMatchObject({ taxpayer_kind: '1', taxpayer_type: null, status_code: '03' });
    expect((await t.admin.requestLog())[0]!.keys).toEqual([
      enterprise.taxpayerId,
      person.taxpayerId,
      '11010519491231002X',
    ]);
  });

  it('reads 50 keys in one call and refuses 51 with 1002', async () => {
    const ids = t.population.taxpayers.slice(0, 51).map((x) => x.taxpayerId);
    const fifty = await t.api('POST', '/taxpayers/batch-query', { body: { taxpayer_ids: ids.slice(0, 50) } });
    expect(fifty.data.taxpayers).toHaveLength(50);
    const r = await t.api('POST', '/taxpayers/batch-query', { body: { taxpayer_ids: ids } });
    expect(r).toMatchObject({ status: 200, code: '1002', data: null });
    expect(r.msg).toContain('50');
  });

  it('names every malformed id at once (1001), and refuses an empty list', async () => {
    const good = t.population.taxpayers[0]!.taxpayerId;
    const r = await t.api('POST', '/taxpayers/batch-query', {
      body: { taxpayer_ids: [good, '110105194912310021', 42, 'ABC'] },
    });
    expect(r).toMatchObject({ status: 200, code: '1001' });
    expect(r.data.errors.map((e: { field: string }) => e.field)).toEqual([
      'taxpayer_ids[1]',
      'taxpayer_ids[2]',
      'taxpayer_ids[3]',
    ]);
    expect(r.data.errors[0].reason).toContain('X');
    const empty = await t.api('POST', '/taxpayers/batch-query', { body: { taxpayer_ids: [] } });
    expect(empty.code).toBe('1001');
    expect((await t.admin.requestLog()).map((e) => e.outcome)).toEqual(['refused', 'refused']);
  });
});

describe('deed-tax/batch-query', () => {
  it('reads records by unit code and by payer, with the rate per mille', async () => {
    const rec = t.population.deedTaxRecords.find((d) => d.rateBp === 150)!;
    const byUnit = await t.api('POST', '/deed-tax/batch-query', { body: { unit_codes: [rec.unitCode] } });
    expect(byUnit.data.records).toEqual([
      expect.objectContaining({
        record_no: rec.recordNumber,
        unit_code: rec.unitCode,
        payer_id_number: rec.payerIdNumber,
        taxable_amount_fen: rec.taxableAmountFen,
        rate_permille: 15,
        tax_amount_fen: rec.amountFen,
        paid_date: rec.paidOn,
      }),
    ]);
    const byPayer = await t.api('POST', '/deed-tax/batch-query', {
      body: { payer_id_numbers: [rec.payerIdNumber] },
    });
    expect(byPayer.data.records.map((r: { record_no: string }) => r.record_no)).toContain(rec.recordNumber);
    expect(Object.keys((await t.admin.counts()).byOp)).toEqual(['deed_tax.query']);
  });

  it('takes one list or the other, not both or neither', async () => {
    const rec = t.population.deedTaxRecords[0]!;
    for (const body of [{}, { unit_codes: [rec.unitCode], payer_id_numbers: [rec.payerIdNumber] }]) {
      const r = await t.api('POST', '/deed-tax/batch-query', { body });
      expect(r.code).toBe('1001');
      expect(r.data.errors[0].field).toBe('unit_codes|payer_id_numbers');
    }
    const bad = await t.api('POST', '/deed-tax/batch-query', { body: { unit_codes: ['330502'] } });
    expect(bad.data.errors[0].field).toBe('unit_codes[0]');
  });
});

describe('the envelope around every answer', () => {
  it('answers unreadable JSON with HTTP 400 and code 1001', async () => {
    const r = await t.api('POST', '/taxpayers/batch-query', { raw: '{"taxpayer_ids": [' });
    expect(r).toMatchObject({ status: 400, code: '1001' });
  });

  it('answers a body that is not JSON with its HTTP status and code 1001', async () => {
    const r = await t.api('POST', '/taxpayers/batch-query', {
      raw: 'taxpayer_ids=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(r).toMatchObject({ status: 415, code: '1001' });
  });

  it('answers an unknown path with 404 and code 4040', async () => {
    expect(await t.api('GET', '/nothing-here')).toMatchObject({ status: 404, code: '4040', data: null });
  });

  it('answers an injected failure with its own busy answer: HTTP 500, code 9999', async () => {
    await t.admin.setFaults({ failNext: 1 });
    expect(await t.api('GET', '/items')).toEqual({ status: 500, code: '9999', msg: '系统繁忙', data: null });
    expect((await t.api('GET', '/items')).code).toBe('0000');
  });

  it('keeps the success envelope but breaks the data for a wrong-shape fault', async () => {
    await t.admin.setFaults({ malformedRate: 1, malformedKind: 'wrong-shape' });
    const r = await t.api('GET', '/items');
    expect(r.code).toBe('0000');
    expect(r.data.items).toBeUndefined();
  });
});

describe('items', () => {
  it('publishes every element of each item with wire field codes and result codes', async () => {
    const r = await t.api('GET', '/items');
    const codes = r.data.items.map((i: { item_code: string }) => i.item_code);
    expect(codes).toEqual([
      'TAX-DEED-TAX',
      'TAX-NEW-TAXPAYER',
      'TAX-INVOICE',
      'TAX-CLEARANCE',
      'TAX-INFO-UPDATE',
    ]);
    const deed = r.data.items[0];
    expect(deed).toMatchObject({
      name_zh: '契税申报',
      name_en: 'Deed tax declaration',
      item_type: '04',
      legal_limit_days: 5,
      promised_limit_days: 1,
      fee_fen: 0,
      visits: 1,
      result: {
        result_kind: 'receipt',
        documents: [{ material_id: 'deed-tax-receipt', result_code: 'deed_tax_receipt' }],
        values: [],
      },
    });
    expect(deed.legal_basis[0]).toContain('契税法');
    expect(deed.acceptance_conditions[0].condition_zh).toBeTruthy();
    const price = deed.fields.find((f: { field_key: string }) => f.field_key === 'transaction.price');
    expect(price).toMatchObject({
      field_code: 'transaction_price',
      field_type: 'money_fen',
      min: 100,
      required: true,
    });
    const first = deed.fields.find((f: { field_key: string }) => f.field_key === 'buyer.isFirstHome');
    expect(first).toMatchObject({ field_code: 'buyer_is_first_home', field_type: 'flag' });
    const cert = deed.materials.find(
      (m: { material_id: string }) => m.material_id === 'property-certificate',
    );
    expect(cert).toMatchObject({ required: true, original: true, held_by: ['realestate'], copies: 1 });
    const invoice = r.data.items[2];
    const qty = invoice.fields.find(
      (f: { field_key: string }) => f.field_key === 'tax.invoiceMonthlyQuantity',
    );
    expect(qty).toMatchObject({ min: 1, max: 500 });
  });
});
