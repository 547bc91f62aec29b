import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deedTaxBody, personsByArrears, rid, startTax } from './support';

let t: Awaited<ReturnType<typeof startTax>>;
let buyers: ReturnType<typeof personsByArrears>['clear'];
beforeAll(async () => {
  t = await startTax();
  buyers = personsByArrears(t.population).clear;
});
afterAll(() => t.s.close());
beforeEach(() => t.admin.reset());

const property = (i: number) => t.population.properties[i]!;
const submit = (body: unknown, requestId: string | null = rid()) =>
  t.api('POST', '/cases', { body, ...(requestId ? { headers: { 'x-request-id': requestId } } : {}) });

describe('submission refusals (synchronous, nothing recorded)', () => {
  it('refuses an unknown item code with 3001 under HTTP 200', async () => {
    const r = await submit({ ...deedTaxBody(buyers[0]!, property(0)), item_code: 'TAX-NO-SUCH-ITEM' });
    expect(r).toMatchObject({ status: 200, code: '3001', data: null });
    expect(r.msg).toContain('TAX-NO-SUCH-ITEM');
    expect((await t.admin.status()).cases).toBe(0);
  });

  it('lists every missing field and bad value at once with 1001', async () => {
    const body = deedTaxBody(buyers[0]!, property(0), {
      applicant_phone: undefined,
      seller_id_number: '330502199002301235',
      property_unit_code: 'not-a-unit',
      transaction_price: '1000000',
      buyer_marital_status: 'complicated',
    });
    const r = await submit(body);
    expect(r).toMatchObject({ status: 200, code: '1001' });
    expect(r.data.errors.map((e: { field: string }) => e.field)).toEqual([
      'form.applicant_phone',
      'form.seller_id_number',
      'form.property_unit_code',
      'form.transaction_price',
      'form.buyer_marital_status',
    ]);
    expect((await t.admin.status()).cases).toBe(0);
  });

  it('refuses a missing X-Request-Id together with the body’s own problems', async () => {
    const r = await submit({ ...deedTaxBody(buyers[0]!, property(0)), applicant_name: '' }, null);
    expect(r.code).toBe('1001');
    expect(r.data.errors.map((e: { field: string }) => e.field)).toEqual(['X-Request-Id', 'applicant_name']);
    const short = await submit(deedTaxBody(buyers[0]!, property(0)), 'abc');
    expect(short.data.errors[0].field).toBe('X-Request-Id');
  });

  it('wants the required materials no department holds; those another holds may be left out', async () => {
    const body = deedTaxBody(buyers[0]!, property(0));
    const r = await submit({ ...body, materials: [{ material_id: 'id-card', file_ref: 'x' }] });
    expect(r.code).toBe('1001');
    expect(r.data.errors).toEqual([{ field: 'materials', reason: expect.stringContaining('sale-contract') }]);
    // property-certificate is required too, but the registry holds it: the deed tax body leaves it out.
    expect((await submit(body)).code).toBe('0000');
  });

  it('refuses a form whose applicant is not the applicant of the request', async () => {
    const body = deedTaxBody(buyers[0]!, property(0), { applicant_id_number: buyers[1]!.idNumber });
    const r = await submit(body);
    expect(r.data.errors).toEqual([
      { field: 'form.applicant_id_number', reason: '与申请人身份证号码不一致' },
    ]);
  });
});

describe('idempotency by X-Request-Id', () => {
  it('answers the same request id and body with the same case, and keeps one case', async () => {
    const id = rid();
    const body = deedTaxBody(buyers[2]!, property(2));
    const first = await submit(body, id);
    const reordered = { materials: body.materials, form: body.form, ...body };
    const second = await submit(reordered, id);
    expect(first.code).toBe('0000');
    expect(second).toEqual(first);
    expect(first.data).toMatchObject({ status_code: '01', case_no: expect.stringMatching(/^SW\d{8}\d{6}$/) });
    expect(await t.admin.cases({ ref: id })).toHaveLength(1);
  });

  it('refuses the same request id with a different body (3005)', async () => {
    const id = rid();
    await submit(deedTaxBody(buyers[3]!, property(3)), id);
    const r = await submit(deedTaxBody(buyers[3]!, property(3), { applicant_phone: '13911112222' }), id);
    expect(r).toMatchObject({ status: 200, code: '3005', data: null });
    expect(await t.admin.cases({ ref: id })).toHaveLength(1);
  });

  it('does not hold a refused request against its id: fixed, it is accepted', async () => {
    const id = rid();
    expect((await submit({ ...deedTaxBody(buyers[4]!, property(4)), item_code: 'TAX-X' }, id)).code).toBe(
      '3001',
    );
    expect((await submit(deedTaxBody(buyers[4]!, property(4)), id)).code).toBe('0000');
  });

  it('finds the cases of a request id, and none for an unused one', async () => {
    const id = rid();
    const made = await submit(deedTaxBody(buyers[5]!, property(5)), id);
    const found = await t.api('GET', `/cases?request_id=${id}`);
    expect(found.data.cases.map((c: { case_no: string }) => c.case_no)).toEqual([made.data.case_no]);
    expect((await t.api('GET', `/cases?request_id=${rid('unused')}`)).data.cases).toEqual([]);
    expect((await t.api('GET', '/cases')).code).toBe('1001');
  });
});

describe('a case on the clock', () => {
  it('goes 01 accepted → 02 in review → 03 approved with its receipt, telling its history', async () => {
    const made = await submit(deedTaxBody(buyers[6]!, property(6)));
    const no = made.data.case_no;
    const at = async () => (await t.api('GET', `/cases/${no}`)).data;
    expect(await at()).toMatchObject({
      status_code: '01',
      item_code: 'TAX-DEED-TAX',
      result: {},
      reason: null,
    });
    await t.admin.advanceClock({ advanceMs: 30 * 60_000 });
    expect((await at()).status_code).toBe('02');
    await t.admin.advanceClock({ advanceHours: 4 });
    const done = await at();
    expect(done).toMatchObject({
      status_code: '03',
      correction_fields: [],
      result: { deed_tax_receipt: expect.stringMatching(/^SWPZ\d{14}$/) },
    });
    expect(done.history.map((h: { status_code: string }) => h.status_code)).toEqual(['01', '02', '03']);
    expect(done.accepted_time).toBe(made.data.accepted_time);
    expect(done.status_time > done.accepted_time).toBe(true);
  });

  it('answers 3003 for a case it does not hold', async () => {
    expect(await t.api('GET', '/cases/SW20260101999999')).toMatchObject({
      status: 200,
      code: '3003',
      data: null,
    });
  });
});

describe('corrections (补正)', () => {
  const lowPriced = (i: number) =>
    deedTaxBody(buyers[i]!, property(i), {
      transaction_price: Math.floor(property(i).lastPriceFen / 2),
    });
  const correct = (no: string, form: unknown, requestId = rid('fix')) =>
    t.api('POST', `/cases/${no}/corrections`, { body: { form }, headers: { 'x-request-id': requestId } });

  it('refuses a correction while none is asked for (3004) and for a case it does not hold (3003)', async () => {
    const made = await submit(deedTaxBody(buyers[7]!, property(7)));
    expect((await correct(made.data.case_no, { transaction_price: 1 })).code).toBe('3004');
    expect((await correct('SW20260101999999', { transaction_price: 1 })).code).toBe('3003');
  });

  it('asks for the price again when it is obviously low, and approves the corrected case', async () => {
    const made = await submit(lowPriced(8));
    const no = made.data.case_no;
    await t.admin.advanceClock({ advanceHours: 5 });
    const asked = (await t.api('GET', `/cases/${no}`)).data;
    expect(asked).toMatchObject({
      status_code: '05',
      reason: '申报价格明显偏低，请核实成交价格',
      correction_fields: ['transaction_price'],
    });

    const missing = await correct(no, { applicant_phone: '13811112222' });
    expect(missing.data.errors).toEqual([{ field: 'form.transaction_price', reason: '需补正，未提交' }]);
    const fixId = rid('fix');
    const fixed = await correct(no, { transaction_price: property(8).lastPriceFen }, fixId);
    expect(fixed).toMatchObject({ code: '0000', data: { case_no: no, status_code: '02' } });
    expect(await correct(no, { transaction_price: property(8).lastPriceFen }, fixId)).toEqual(fixed);
    expect((await correct(no, { transaction_price: 1 }, fixId)).code).toBe('3005');

    await t.admin.advanceClock({ advanceHours: 5 });
    const done = (await t.api('GET', `/cases/${no}`)).data;
    expect(done.status_code).toBe('03');
    expect(done.history.map((h: { status_code: string }) => h.status_code)).toEqual([
      '01',
      '02',
      '05',
      '02',
      '03',
    ]);
  });
});
