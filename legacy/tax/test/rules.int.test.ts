import type { Person } from '@onething/legacy-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  deedTaxBody,
  enterpriseBody,
  freshUscc,
  newTaxpayerBody,
  personsByArrears,
  rid,
  startTax,
} from './support';

let t: Awaited<ReturnType<typeof startTax>>;
let clear: Person[];
let owing: Person[];
beforeAll(async () => {
  t = await startTax();
  ({ clear, owing } = personsByArrears(t.population));
});
afterAll(() => t.s.close());
beforeEach(() => t.admin.reset());

const submit = async (body: unknown) => {
  const r = await t.api('POST', '/cases', { body, headers: { 'x-request-id': rid() } });
  expect(r.code, JSON.stringify(r.data)).toBe('0000');
  return r.data.case_no as string;
};
/** Moves the clock past any tax item's decision (one promised working day). */
const decided = async (caseNo: string) => {
  await t.admin.advanceClock({ advanceHours: 5 });
  return (await t.api('GET', `/cases/${caseNo}`)).data;
};
const taxpayer = async (id: string) =>
  (await t.api('POST', '/taxpayers/batch-query', { body: { taxpayer_ids: [id] } })).data.taxpayers[0];
const enterprises = () => t.population.taxpayers.filter((x) => x.kind === 'enterprise');
const nameOf = (uscc: string) => t.population.enterprises.find((e) => e.uscc === uscc)!.name;

describe('deed tax declaration (契税申报)', () => {
  it('refuses a buyer who owes tax', async () => {
    const no = await submit(deedTaxBody(owing[0]!, t.population.properties[20]!));
    expect(await decided(no)).toMatchObject({ status_code: '04', reason: '存在欠税未缴', result: {} });
  });

  it.each([
    ['first home up to 140 m²', 'Y', 'N', (a: number) => a <= 140, 10],
    ['first home above 140 m²', 'Y', 'N', (a: number) => a > 140, 15],
    ['second home above 140 m²', 'N', 'Y', (a: number) => a > 140, 20],
    ['neither first nor second home', 'N', 'N', () => true, 30],
  ] as const)(
    'on approval records the new deed tax at the rate in force (%s)',
    async (_label, firstHome, secondHome, fits, permille) => {
      // Each case its own range of properties, so one case's sale is not another's history.
      const property = t.population.properties.find(
        (p, i) =>
          i > 30 * permille &&
          p.use === 'residential' &&
          fits(p.areaM2) &&
          !p.ownerIdNumbers.includes(clear[permille]!.idNumber),
      )!;
      const buyer = clear[permille]!;
      const price = property.lastPriceFen + 12_345_00;
      const no = await submit(
        deedTaxBody(buyer, property, {
          transaction_price: price,
          buyer_is_first_home: firstHome,
          buyer_is_second_home: secondHome,
        }),
      );
      const byUnit = () =>
        t.api('POST', '/deed-tax/batch-query', { body: { unit_codes: [property.unitCode] } });
      expect((await byUnit()).data.records).toHaveLength(1);
      const done = await decided(no);
      expect(done.status_code).toBe('03');
      const records = (await byUnit()).data.records;
      expect(records).toHaveLength(2);
      expect(records[1]).toMatchObject({
        unit_code: property.unitCode,
        payer_id_number: buyer.idNumber,
        taxable_amount_fen: price,
        rate_permille: permille,
        tax_amount_fen: Math.round((price * permille) / 1000),
      });
      const byPayer = await t.api('POST', '/deed-tax/batch-query', {
        body: { payer_id_numbers: [buyer.idNumber] },
      });
      expect(byPayer.data.records.map((r: { record_no: string }) => r.record_no)).toContain(
        records[1].record_no,
      );
    },
  );
});

describe('new taxpayer (新办纳税人涉税事项)', () => {
  it('registers a USCC the tax system has never seen, as market regulation just issued it', async () => {
    const uscc = freshUscc(1);
    expect(await taxpayer(uscc)).toBeUndefined();
    const no = await submit(newTaxpayerBody(clear[40]!, uscc, { tax_taxpayer_type: 'general' }));
    const done = await decided(no);
    expect(done).toMatchObject({
      status_code: '03',
      result: { tax_registration_notice: expect.stringMatching(/^SWTZ/) },
    });
    expect(await taxpayer(uscc)).toMatchObject({
      taxpayer_id: uscc,
      taxpayer_name: '湖州青禾云帆科技有限公司',
      taxpayer_kind: '2',
      status_code: '03',
      taxpayer_type: '1',
      tax_authority: '国家税务总局湖州市吴兴区税务局',
      arrears_fen: 0,
    });
  });
});

describe('invoice application (发票领用)', () => {
  const invoice = (uscc: string, quantity: number, name = nameOf(uscc)) =>
    enterpriseBody('TAX-INVOICE', clear[50]!, uscc, name, {
      tax_invoice_type: 'digital',
      tax_invoice_monthly_quantity: quantity,
    });

  it('asks a small-scale taxpayer to correct a quantity above 100', async () => {
    const small = enterprises().find((x) => x.taxpayerType === 'small-scale')!;
    const done = await decided(await submit(invoice(small.taxpayerId, 150)));
    expect(done).toMatchObject({ status_code: '05', correction_fields: ['tax_invoice_monthly_quantity'] });
    expect(done.reason).toContain('100');
    expect((await decided(await submit(invoice(small.taxpayerId, 100)))).status_code).toBe('03');
  });

  it('approves 150 for a general taxpayer, and refuses more than the item’s 500 at once', async () => {
    const general = enterprises().find((x) => x.taxpayerType === 'general')!;
    expect((await decided(await submit(invoice(general.taxpayerId, 150)))).status_code).toBe('03');
    const r = await t.api('POST', '/cases', {
      body: invoice(general.taxpayerId, 501),
      headers: { 'x-request-id': rid() },
    });
    expect(r.data.errors).toEqual([{ field: 'form.tax_invoice_monthly_quantity', reason: '不能大于500' }]);
  });

  it('does not accept an application for a taxpayer neither registered nor registering (3002)', async () => {
    const r = await t.api('POST', '/cases', {
      body: invoice(freshUscc(3), 10, '湖州青禾云帆科技有限公司'),
      headers: { 'x-request-id': rid() },
    });
    expect(r).toMatchObject({ status: 200, code: '3002', data: null });
    expect(r.msg).toContain('未办理涉税信息确认');
  });

  it('takes the type declared by a registration still under way', async () => {
    const uscc = freshUscc(2);
    await submit(newTaxpayerBody(clear[41]!, uscc, { tax_taxpayer_type: 'general' }));
    const no = await submit(invoice(uscc, 150, '湖州青禾云帆科技有限公司'));
    expect((await decided(no)).status_code).toBe('03');
  });
});

describe('tax clearance (清税申报)', () => {
  const clearance = (uscc: string) =>
    enterpriseBody(
      'TAX-CLEARANCE',
      clear[60]!,
      uscc,
      nameOf(uscc),
      { enterprise_deregistration_reason: 'dissolution' },
      ['id-card', 'shareholder-resolution'],
    );

  it('refuses an enterprise that owes tax', async () => {
    const owes = enterprises().find((x) => x.arrearsFen > 0)!;
    expect(await decided(await submit(clearance(owes.taxpayerId)))).toMatchObject({
      status_code: '04',
      reason: '存在欠税',
    });
    expect((await taxpayer(owes.taxpayerId)).status_code).not.toBe('09');
  });

  it('certifies an enterprise that owes nothing and marks it cancelled (09)', async () => {
    const settled = enterprises().find((x) => x.arrearsFen === 0 && x.status === 'normal')!;
    const done = await decided(await submit(clearance(settled.taxpayerId)));
    expect(done.result).toEqual({ tax_clearance_certificate: expect.stringMatching(/^QSZM\d{14}$/) });
    expect((await taxpayer(settled.taxpayerId)).status_code).toBe('09');
    const again = await t.api('POST', '/cases', {
      body: clearance(settled.taxpayerId),
      headers: { 'x-request-id': rid() },
    });
    expect(again.code).toBe('3002');
    expect(again.msg).toContain('已注销');
  });
});

describe('update of tax registration (变更税务登记)', () => {
  it('applies the new name on approval', async () => {
    const e = enterprises()[5]!;
    const before = await taxpayer(e.taxpayerId);
    const no = await submit(
      enterpriseBody('TAX-INFO-UPDATE', clear[70]!, e.taxpayerId, nameOf(e.taxpayerId), {
        enterprise_change_description: '名称变更',
        enterprise_new_name: '湖州新名称科技有限公司',
      }),
    );
    expect((await taxpayer(e.taxpayerId)).taxpayer_name).toBe(before.taxpayer_name);
    expect((await decided(no)).status_code).toBe('03');
    const after = await taxpayer(e.taxpayerId);
    expect(after.taxpayer_name).toBe('湖州新名称科技有限公司');
    expect(after.updated_time).not.toBe(before.updated_time);
  });
});
