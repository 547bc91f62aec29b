import { describe, expect, it } from 'vitest';
import { applyRate, assessDeedTax, type DeedTaxCircumstances, DeedTaxRuleError } from './deed-tax-rates';

const GENERAL = {
  rateBp: 300,
  citation: '《浙江省人民代表大会常务委员会关于契税具体适用税率等事项的决定》第一条',
};
const home = (over: Partial<DeedTaxCircumstances> = {}): DeedTaxCircumstances => ({
  priceFen: 300_000_000, // 3,000,000.00 yuan
  areaM2: 89.5,
  use: 'residential',
  firstHome: true,
  contractDate: '2026-06-01',
  ...over,
});
const ANNOUNCEMENT_2024 = '财政部 税务总局 住房城乡建设部公告2024年第16号';

describe('deed tax under 2024年第16号 (contracts from 2024-12-01)', () => {
  it.each([
    ['family’s only home, 140 m² or less', { areaM2: 140 }, 100, '第一条第（一）项'],
    ['family’s only home, above 140 m²', { areaM2: 140.01 }, 150, '第一条第（一）项'],
    [
      'family’s second home, 140 m² or less',
      { firstHome: false, secondHome: true, areaM2: 140 },
      100,
      '第一条第（二）项',
    ],
    [
      'family’s second home, above 140 m²',
      { firstHome: false, secondHome: true, areaM2: 141 },
      200,
      '第一条第（二）项',
    ],
  ] as const)('%s: %i bp with the article cited', (_label, over, rateBp, article) => {
    const a = assessDeedTax(home(over), GENERAL);
    expect(a.rateBp).toBe(rateBp);
    expect(a.baseFen).toBe(300_000_000);
    expect(a.amountFen).toBe(3_000_000 * (rateBp / 100));
    expect(a.rule.citation).toBe(
      `${ANNOUNCEMENT_2024}《关于促进房地产市场平稳健康发展有关税收政策的公告》${article}`,
    );
  });

  it('takes a third or later home at the province’s general rate, citing the law and the decision', () => {
    const a = assessDeedTax(home({ firstHome: false, secondHome: false }), GENERAL);
    expect(a).toMatchObject({ rateBp: 300, amountFen: 9_000_000 });
    expect(a.rule.citation).toBe(`《中华人民共和国契税法》第三条；${GENERAL.citation}`);
    // A second home not claimed is not presumed.
    expect(assessDeedTax(home({ firstHome: false }), GENERAL).rateBp).toBe(300);
  });

  it('takes non-residential property at the general rate, even as the buyer’s first property', () => {
    const a = assessDeedTax(home({ use: 'commercial', areaM2: 60 }), { rateBp: 400, citation: 'x' });
    expect(a).toMatchObject({ rateBp: 400, amountFen: 12_000_000 });
    expect(a.rule.zh).toContain('非住房');
  });

  it('refuses a home declared both the only and the second, naming the field', () => {
    expect(() => assessDeedTax(home({ firstHome: true, secondHome: true }), GENERAL)).toThrow(
      expect.objectContaining({ field: 'buyer.isSecondHome' }),
    );
  });
});

describe('the rates in force on the contract’s day', () => {
  it('applies 财税〔2016〕23号 (90 m²) to contracts signed before 2024-12-01', () => {
    const before = assessDeedTax(home({ contractDate: '2024-11-30', areaM2: 100 }), GENERAL);
    expect(before.rateBp).toBe(150);
    expect(before.rule.citation).toContain('财税〔2016〕23号');
    const second = assessDeedTax(
      home({ contractDate: '2016-02-22', areaM2: 90, firstHome: false, secondHome: true }),
      GENERAL,
    );
    expect(second.rateBp).toBe(100);
    expect(assessDeedTax(home({ contractDate: '2024-12-01', areaM2: 100 }), GENERAL).rateBp).toBe(100);
  });

  it('refuses a contract older than the rules it knows, naming the contract date', () => {
    expect(() => assessDeedTax(home({ contractDate: '2016-02-21' }), GENERAL)).toThrow(
      expect.objectContaining({ field: 'transaction.contractDate' }),
    );
  });
});

describe('amounts exact to the fen', () => {
  it('rounds half up below the fen', () => {
    expect(applyRate(50, 100)).toBe(1); // 0.50 fen
    expect(applyRate(49, 100)).toBe(0); // 0.49 fen
    expect(applyRate(1_234_567, 150)).toBe(18_519); // 18,518.505 fen
    expect(applyRate(1_234_567, 100)).toBe(12_346); // 12,345.67 fen
  });

  it('stays exact where a float would not', () => {
    const price = Number.MAX_SAFE_INTEGER;
    expect(BigInt(applyRate(price, 150))).toBe((BigInt(price) * 150n + 5_000n) / 10_000n);
    expect(assessDeedTax(home({ priceFen: 100_000_001, areaM2: 150 }), GENERAL).amountFen).toBe(1_500_000);
  });

  it.each([
    ['a price of 0', { priceFen: 0 }, 'transaction.price'],
    ['a price in fractions of a fen', { priceFen: 100.5 }, 'transaction.price'],
    ['an area of 0', { areaM2: 0 }, 'property.area'],
  ] as const)('refuses %s with an error naming the field', (_label, over, field) => {
    const attempt = () => assessDeedTax(home(over), GENERAL);
    expect(attempt).toThrow(DeedTaxRuleError);
    expect(attempt).toThrow(expect.objectContaining({ field }));
  });
});
