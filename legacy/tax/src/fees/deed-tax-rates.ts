/**
 * The deed tax (契税) on an individual's purchase of a home: the rate in force on the day the transfer
 * contract was signed (《中华人民共和国契税法》第九条: the obligation arises that day), applied to the
 * declared price (第四条: 计税依据为成交价格). A pure module: every branch is a rule with its citation.
 */

/** What the rate depends on, as the taxpayer declares it. */
export interface DeedTaxCircumstances {
  /** The declared price (成交价格), fen. */
  readonly priceFen: number;
  /** The home's floor area, m². */
  readonly areaM2: number;
  readonly use: 'residential' | 'commercial';
  /** The family's only home (家庭唯一住房: buyer, spouse and minor children). */
  readonly firstHome: boolean;
  /** The family's second home (a family owning one home buys its second); absent means not claimed. */
  readonly secondHome?: boolean;
  /** The day the transfer contract was signed, ISO `yyyy-MM-dd`. */
  readonly contractDate: string;
}

/** The province's general rate (契税法第三条: 3 %–5 %, set by the province) and the decision setting it. */
export interface GeneralRate {
  readonly rateBp: number;
  readonly citation: string;
}

/** A rule that produced an amount: what it says and where. */
export interface RuleText {
  readonly zh: string;
  readonly en: string;
  readonly citation: string;
}

export interface DeedTaxAssessment {
  readonly baseFen: number;
  readonly rateBp: number;
  readonly amountFen: number;
  readonly rule: RuleText;
}

/** Why circumstances cannot be assessed, naming the value at fault (a declared field). */
export class DeedTaxRuleError extends Error {
  constructor(
    readonly field: 'buyer.isSecondHome' | 'transaction.contractDate' | 'transaction.price' | 'property.area',
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** A period of the preferential rates for individuals' homes: area threshold and the rates either side. */
interface HomePolicy {
  readonly from: string;
  readonly thresholdM2: number;
  readonly first: { readonly upTo: number; readonly above: number };
  readonly second: { readonly upTo: number; readonly above: number };
  readonly instrument: string;
}

/**
 * The preferential rates in force, newest first. 2024年第16号 applies from 2024-12-01 and
 * replaced 财税〔2016〕23号 (in force from 2016-02-22), whose thresholds were 90 m². The 2016 notice excluded
 * Beijing, Shanghai, Guangzhou and Shenzhen from the second-home rate; none of the seeded places is one.
 */
const HOME_POLICIES: readonly HomePolicy[] = [
  {
    from: '2024-12-01',
    thresholdM2: 140,
    first: { upTo: 100, above: 150 },
    second: { upTo: 100, above: 200 },
    instrument:
      '财政部 税务总局 住房城乡建设部公告2024年第16号《关于促进房地产市场平稳健康发展有关税收政策的公告》',
  },
  {
    from: '2016-02-22',
    thresholdM2: 90,
    first: { upTo: 100, above: 150 },
    second: { upTo: 100, above: 200 },
    instrument:
      '财政部 国家税务总局 住房城乡建设部《关于调整房地产交易环节契税 营业税优惠政策的通知》（财税〔2016〕23号）',
  },
];

const percent = (bp: number) => `${bp / 100}%`;

/** Rounds fen × basis points to the fen, half up (分以下四舍五入); exact for any safe integer price. */
export function applyRate(baseFen: number, rateBp: number): number {
  return Number((BigInt(baseFen) * BigInt(rateBp) + 5_000n) / 10_000n);
}

/** The rate and the rule for the circumstances, before any amount is computed. */
function rateFor(c: DeedTaxCircumstances, general: GeneralRate): { rateBp: number; rule: RuleText } {
  const generalRule = (why: { zh: string; en: string }) => ({
    rateBp: general.rateBp,
    rule: {
      zh: `${why.zh}，适用本省契税税率${percent(general.rateBp)}`,
      en: `${why.en}: the province's deed tax rate of ${percent(general.rateBp)}`,
      citation: `《中华人民共和国契税法》第三条；${general.citation}`,
    },
  });
  if (c.use !== 'residential') return generalRule({ zh: '非住房', en: 'not a home' });
  if (c.firstHome && c.secondHome)
    throw new DeedTaxRuleError('buyer.isSecondHome', '家庭唯一住房与家庭第二套住房不能同时为“是”');
  const policy = HOME_POLICIES.find((p) => c.contractDate >= p.from);
  if (!policy)
    throw new DeedTaxRuleError(
      'transaction.contractDate',
      `合同签订日期早于${HOME_POLICIES.at(-1)!.from}，本系统不核定，请到办税服务厅按当时政策申报`,
    );
  const small = c.areaM2 <= policy.thresholdM2;
  const side = small
    ? { zh: `${policy.thresholdM2}平方米及以下`, en: `${policy.thresholdM2} m² or less` }
    : { zh: `${policy.thresholdM2}平方米以上`, en: `more than ${policy.thresholdM2} m²` };
  if (c.firstHome) {
    const rateBp = small ? policy.first.upTo : policy.first.above;
    return {
      rateBp,
      rule: {
        zh: `个人购买家庭唯一住房，面积为${side.zh}的，减按${percent(rateBp)}的税率征收契税`,
        en: `an individual buying the family's only home of ${side.en}: deed tax at the reduced rate of ${percent(rateBp)}`,
        citation: `${policy.instrument}第一条第（一）项`,
      },
    };
  }
  if (c.secondHome) {
    const rateBp = small ? policy.second.upTo : policy.second.above;
    return {
      rateBp,
      rule: {
        zh: `个人购买家庭第二套住房，面积为${side.zh}的，减按${percent(rateBp)}的税率征收契税`,
        en: `an individual buying the family's second home of ${side.en}: deed tax at the reduced rate of ${percent(rateBp)}`,
        citation: `${policy.instrument}第一条第（二）项`,
      },
    };
  }
  return generalRule({
    zh: '非家庭唯一住房或第二套住房',
    en: "neither the family's only home nor its second",
  });
}

/**
 * The deed tax on a purchase: the rate in force on the contract's day for the home's circumstances, on
 * the declared price, rounded to the fen. Throws {@link DeedTaxRuleError} naming the value at fault.
 */
export function assessDeedTax(c: DeedTaxCircumstances, general: GeneralRate): DeedTaxAssessment {
  if (!Number.isSafeInteger(c.priceFen) || c.priceFen <= 0)
    throw new DeedTaxRuleError('transaction.price', '成交价格应为大于0的整数（分）');
  if (!Number.isFinite(c.areaM2) || c.areaM2 <= 0)
    throw new DeedTaxRuleError('property.area', '建筑面积应大于0');
  const { rateBp, rule } = rateFor(c, general);
  return { baseFen: c.priceFen, rateBp, amountFen: applyRate(c.priceFen, rateBp), rule };
}
