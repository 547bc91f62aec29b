import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTax } from './support';

let t: Awaited<ReturnType<typeof startTax>>;
beforeAll(async () => {
  t = await startTax();
});
afterAll(() => t.s.close());
beforeEach(() => t.admin.reset());

const form = {
  property_unit_code: '330402002001GB06484F00221705',
  transaction_price: 50_232_400,
  property_area: 150.25,
  property_use: 'residential',
  buyer_is_first_home: 'N',
  buyer_is_second_home: 'Y',
  transaction_contract_date: '2026-06-01',
};
const assess = (body: unknown, key?: string | null) => t.api('POST', '/fee-assessments', { body, key });

describe('POST /api/v1/fee-assessments (fees.assess)', () => {
  it('assesses the deed tax with its rule, and the items that charge nothing at 0', async () => {
    const r = await assess({ item_codes: ['TAX-DEED-TAX', 'TAX-INVOICE'], form });
    expect(r.status).toBe(200);
    expect(r.code).toBe('0000');
    expect(r.data).toEqual({
      lines: [
        {
          item_code: 'TAX-DEED-TAX',
          fee_code: 'deed_tax',
          fee_name_zh: '契税',
          fee_name_en: 'Deed tax',
          payee_zh: expect.stringMatching(/^国家金库（国家税务总局.+税务局征收）$/),
          payee_en: 'the state treasury, collected by the tax office',
          base_fen: 50_232_400,
          rate_permille: 20,
          amount_fen: 1_004_648,
          rule_zh: '个人购买家庭第二套住房，面积为140平方米以上的，减按2%的税率征收契税',
          rule_en: expect.stringContaining('second home'),
          rule_citation:
            '财政部 税务总局 住房城乡建设部公告2024年第16号《关于促进房地产市场平稳健康发展有关税收政策的公告》第一条第（二）项',
        },
        expect.objectContaining({
          item_code: 'TAX-INVOICE',
          fee_code: 'none',
          amount_fen: 0,
          base_fen: null,
        }),
      ],
      total_fen: 1_004_648,
    });
    expect((await t.admin.counts()).byOp['fees.assess']).toBe(1);
  });

  it('records nothing: no case, no deed tax record', async () => {
    const before = await t.admin.cases({});
    const records = () =>
      t.api('POST', '/deed-tax/batch-query', { body: { unit_codes: [form.property_unit_code] } });
    const recordsBefore = (await records()).data.records;
    await assess({ item_codes: ['TAX-DEED-TAX'], form });
    await assess({ item_codes: ['TAX-DEED-TAX'], form });
    expect(await t.admin.cases({})).toHaveLength(before.length);
    expect((await records()).data.records).toEqual(recordsBefore);
  });

  it('lists every missing or malformed value at once (1001)', async () => {
    const r = await assess({
      item_codes: ['TAX-DEED-TAX'],
      form: { transaction_price: '502324.00', buyer_is_first_home: 'yes' },
    });
    expect(r).toMatchObject({ status: 200, code: '1001' });
    expect(r.data.errors).toEqual([
      { field: 'form.transaction_price', reason: '金额应为以分为单位的整数' },
      { field: 'form.buyer_is_first_home', reason: '应为Y或N' },
      { field: 'form.property_area', reason: '核定契税需要此项' },
      { field: 'form.property_use', reason: '核定契税需要此项' },
    ]);
  });

  it('refuses a request without items, an unknown item and a caller without a key', async () => {
    expect(await assess({ item_codes: [], form })).toMatchObject({ code: '1001' });
    expect(await assess({ item_codes: ['TAX-NOPE'], form })).toMatchObject({
      code: '3001',
      msg: '事项编码不存在：TAX-NOPE',
    });
    expect(await assess({ item_codes: ['TAX-DEED-TAX'], form }, null)).toMatchObject({
      status: 401,
      code: '4010',
    });
  });
});
