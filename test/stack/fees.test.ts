import { yuanToFen } from '@onething/schema';
import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { houseTransferValues } from '../../scripts/house-transfer-form';
import { parties, population } from './house-transfer';
import { startTestStack, type TestStack } from './support';

/**
 * A house transfer's fees, asked of the supergraph as the one form would before submission: each
 * department assesses its own items through its own system (the tax office's REST, the registry's SOAP),
 * the fund says it charges nothing, and nothing is submitted anywhere.
 */

const LINE =
  'itemCode name { zh en } payee { zh } amount base rateBasisPoints quantity unitAmount rule { zh en citation }';
const FEES = `query HouseTransferFees($tax: FeeAssessmentInput!, $registry: FeeAssessmentInput!, $fund: FeeAssessmentInput!) {
  taxFeeAssessment(input: $tax) { department total lines { ${LINE} } }
  realEstateFeeAssessment(input: $registry) { department total lines { ${LINE} } }
  fundFeeAssessment(input: $fund) { department total lines { ${LINE} } }
}`;

interface Line {
  itemCode: string;
  payee: { zh: string };
  amount: string;
  base: string | null;
  rateBasisPoints: number | null;
  quantity: number | null;
  unitAmount: string | null;
  rule: { zh: string; en: string; citation: string };
}
interface Assessment {
  department: string;
  total: string;
  lines: Line[];
}
type Fees = Record<'taxFeeAssessment' | 'realEstateFeeAssessment' | 'fundFeeAssessment', Assessment | null>;

/** The deed tax as the rules in force say (2024年第16号; the general rate 3 %), computed here on its own. */
function expectedDeedTax(priceFen: number, areaM2: number, use: string, first: boolean, second: boolean) {
  const rateBp =
    use !== 'residential'
      ? 300
      : first
        ? areaM2 <= 140
          ? 100
          : 150
        : second
          ? areaM2 <= 140
            ? 100
            : 200
          : 300;
  return { rateBp, amountFen: Number((BigInt(priceFen) * BigInt(rateBp) + 5_000n) / 10_000n) };
}
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

describe('a house transfer’s fees, through the supergraph', () => {
  let s: TestStack;
  let token: string;
  let items: Record<string, string[]>;

  beforeAll(async () => {
    s = await startTestStack();
    token = await s.token('citizen');
    // The bundle's items by department, as the hall's bundle data and the departments' catalogues say.
    const b = await s.gql<{ bundle: { items: { code: string; item: { department: string } }[] } }>(
      '{ bundle(code: "HOUSE-TRANSFER") { items { code item { ... on Item { department } } } } }',
      {},
      token,
    );
    expect(b.errors).toBeUndefined();
    items = {};
    for (const i of b.data!.bundle.items)
      items[i.item.department] = [...(items[i.item.department] ?? []), i.code];
  });
  afterAll(() => s?.stop());
  beforeEach(async () => {
    for (const d of DEPARTMENT_KEYS) await s.admin(d).reset();
  });

  const ask = (values: { key: string; value: string }[], as = token) =>
    s.gql<Fees>(
      FEES,
      {
        tax: { itemCodes: items.TAX, values },
        registry: { itemCodes: items.REALESTATE, values },
        fund: { itemCodes: items.FUND, values },
      },
      as,
    );

  it('shows what the buyer will pay, to whom and why, and submits nothing', async () => {
    const p = parties(0);
    const values = houseTransferValues(population, p.buyer.idNumber, p.seller.idNumber, {
      'buyer.isFirstHome': 'false',
      'buyer.isSecondHome': 'true',
      'property.certificateCount': '3',
    });
    const v = Object.fromEntries(values.map(({ key, value }) => [key, value]));
    const unit = population.properties.find((u) => u.unitCode === v['property.unitCode'])!;
    const casesBefore = await Promise.all(DEPARTMENT_KEYS.map((d) => s.admin(d).cases({})));

    const r = await ask(values);
    expect(r.errors).toBeUndefined();
    const { taxFeeAssessment: tax, realEstateFeeAssessment: registry, fundFeeAssessment: fund } = r.data!;

    const priceFen = yuanToFen(v['transaction.price']!)!;
    const deed = expectedDeedTax(priceFen, unit.areaM2, unit.use, false, true);
    expect(tax!.department).toBe('TAX');
    expect(tax!.lines).toEqual([
      expect.objectContaining({
        itemCode: 'TAX-DEED-TAX',
        base: yuan(priceFen),
        rateBasisPoints: deed.rateBp,
        amount: yuan(deed.amountFen),
        payee: { zh: expect.stringMatching(/^国家金库（国家税务总局.+税务局征收）$/) },
      }),
    ]);
    expect(tax!.lines[0]!.rule.citation).toMatch(/公告2024年第16号.*第一条第（二）项$/);
    expect(tax!.total).toBe(yuan(deed.amountFen));

    // The registry reads the unit's use from its register: a home, 80.00, and two certificates beyond the first.
    expect(registry!.lines.map((l) => [l.itemCode, l.amount, l.quantity, l.unitAmount])).toEqual([
      ['RE-TRANSFER', '80.00', 1, '80.00'],
      ['RE-TRANSFER', '20.00', 2, '10.00'],
      ...(items.REALESTATE!.includes('RE-MORTGAGE') ? [['RE-MORTGAGE', '0.00', 1, '0.00']] : []),
    ]);
    expect(registry!.lines[0]!.rule.citation).toContain('发改价格规〔2016〕2559号');
    expect(registry!.lines[0]!.payee.zh).toMatch(/不动产登记中心$/);
    expect(registry!.total).toBe('100.00');

    expect(fund!.total).toBe('0.00');
    expect(fund!.lines.map((l) => l.itemCode).sort()).toEqual([...items.FUND!].sort());
    expect(fund!.lines[0]!.rule.citation).toContain('《住房公积金管理条例》');

    // Each department's own system was asked once; the fund's was not asked at all; no case anywhere.
    expect((await s.admin('tax').counts()).byOp['fees.assess']).toBe(1);
    expect((await s.admin('realestate').counts()).byOp['AssessFees']).toBe(1);
    expect(Object.values((await s.admin('fund').counts()).byOp).reduce((a, n) => a + n, 0)).toBe(0);
    const casesAfter = await Promise.all(DEPARTMENT_KEYS.map((d) => s.admin(d).cases({})));
    expect(casesAfter.map((c) => c.length)).toEqual(casesBefore.map((c) => c.length));
  });

  it('charges a commercial unit the general deed tax rate and the non-residential registration fee', async () => {
    const unit = population.properties.find((u) => u.use === 'commercial')!;
    const p = parties(1);
    const values = houseTransferValues(population, p.buyer.idNumber, p.seller.idNumber, {
      'property.unitCode': unit.unitCode,
      'property.area': unit.areaM2.toFixed(2),
      'property.use': 'commercial',
      'transaction.price': '1234567.89',
    });
    const r = await ask(values);
    expect(r.errors).toBeUndefined();
    expect(r.data!.taxFeeAssessment!.lines[0]).toMatchObject({ rateBasisPoints: 300, amount: '37037.04' });
    expect(r.data!.taxFeeAssessment!.lines[0]!.rule.citation).toContain('《中华人民共和国契税法》第三条');
    expect(r.data!.realEstateFeeAssessment!.lines[0]).toMatchObject({
      itemCode: 'RE-TRANSFER',
      amount: '550.00',
    });
  });

  it('names what is missing or wrong, and a department that cannot assess costs only its own answer', async () => {
    const p = parties(2);
    const values = houseTransferValues(population, p.buyer.idNumber, p.seller.idNumber).filter(
      (x) => x.key !== 'transaction.price',
    );
    const missing = await ask(values);
    expect(missing.data!.taxFeeAssessment).toBeNull();
    expect(missing.data!.realEstateFeeAssessment!.total).toBe('80.00');
    const error = missing.errors!.find((e) => e.path?.[0] === 'taxFeeAssessment')!;
    expect(error.extensions).toMatchObject({ code: 'DEPARTMENT_REJECTED', department: 'tax' });
    expect(error.extensions!.problems).toEqual([
      expect.objectContaining({ path: 'fields.transaction.price' }),
    ]);

    const malformed = await ask([...values, { key: 'transaction.price', value: '12.345' }]);
    const refused = malformed.errors!.find((e) => e.path?.[0] === 'taxFeeAssessment')!;
    expect(refused.extensions).toMatchObject({ code: 'INVALID_INPUT' });
    expect((await s.admin('tax').counts()).byOp['fees.assess']).toBe(1); // the malformed value never left

    await s.admin('realestate').down();
    const down = await ask(houseTransferValues(population, p.buyer.idNumber, p.seller.idNumber));
    expect(down.data!.realEstateFeeAssessment).toBeNull();
    expect(down.errors!.find((e) => e.path?.[0] === 'realEstateFeeAssessment')!.extensions).toMatchObject({
      code: 'DEPARTMENT_UNAVAILABLE',
    });
    expect(down.data!.taxFeeAssessment!.lines[0]!.itemCode).toBe('TAX-DEED-TAX');
  });

  it('answers signed-in callers only: nothing reaches a department for an anonymous one', async () => {
    const p = parties(3);
    const values = houseTransferValues(population, p.buyer.idNumber, p.seller.idNumber);
    const r = await s.gql<Fees>(FEES, {
      tax: { itemCodes: items.TAX, values },
      registry: { itemCodes: items.REALESTATE, values },
      fund: { itemCodes: items.FUND, values },
    });
    expect(r.data?.taxFeeAssessment ?? null).toBeNull();
    expect(r.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    expect((await s.admin('tax').counts()).byOp['fees.assess'] ?? 0).toBe(0);
    expect((await s.admin('realestate').counts()).byOp['AssessFees'] ?? 0).toBe(0);
    // Window staff, who will show the fees at the window, may ask.
    const officer = await s.token('window-staff');
    expect((await ask(values, officer)).data!.taxFeeAssessment!.total).not.toBe('0.00');
  });

  it('shows the one form’s fees from the hall: every department’s own assessment, one total, a department down said so', async () => {
    const PREVIEW = `query P($v: [FormValueInput!]!) {
      feePreview(bundleCode: "HOUSE-TRANSFER", values: $v) {
        total complete
        departments { department itemCodes total lines { itemCode amount rule { citation } } problem { code message { zh en } } }
      }
    }`;
    interface Preview {
      feePreview: {
        total: string;
        complete: boolean;
        departments: {
          department: string;
          itemCodes: string[];
          total: string | null;
          lines: { itemCode: string; amount: string; rule: { citation: string } }[];
          problem: { code: string } | null;
        }[];
      };
    }
    const p = parties(4);
    const values = houseTransferValues(population, p.buyer.idNumber, p.seller.idNumber);
    const direct = await ask(values);
    const r = await s.gql<Preview>(PREVIEW, { v: values }, token);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    const preview = r.data!.feePreview;
    const of = (d: string) => preview.departments.find((x) => x.department === d)!;
    // The same amounts the departments give when asked directly, and their sum.
    expect(of('TAX').total).toBe(direct.data!.taxFeeAssessment!.total);
    expect(of('REALESTATE').total).toBe(direct.data!.realEstateFeeAssessment!.total);
    expect(of('FUND').total).toBe('0.00');
    expect(of('TAX').lines[0]!.rule.citation).toContain('公告2024年第16号');
    const sum = preview.departments.reduce((n, d) => n + yuanToFen(d.total!)!, 0);
    expect(yuanToFen(preview.total)).toBe(sum);
    expect(preview.complete).toBe(true);

    // The registry down: the others still answer, its problem says so, the total is marked incomplete.
    await s.admin('realestate').down();
    const down = (await s.gql<Preview>(PREVIEW, { v: values }, token)).data!.feePreview;
    expect(down.complete).toBe(false);
    expect(down.departments.find((d) => d.department === 'REALESTATE')).toMatchObject({
      total: null,
      lines: [],
      problem: { code: 'DEPARTMENT_UNAVAILABLE' },
    });
    expect(down.departments.find((d) => d.department === 'TAX')!.total).toBe(of('TAX').total);
    await s.admin('realestate').up();

    // Nobody anonymous asks it (it costs each department a call).
    const anonymous = await s.gql(PREVIEW, { v: values });
    expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(anonymous.errors?.[0]?.extensions?.code);
  });
});
