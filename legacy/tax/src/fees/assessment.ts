import type { PublishedItem } from '@onething/legacy-kit';
import { fieldCode } from '../codes';
import type { FieldError } from '../envelope';
import { decodeForm } from '../form';
import { authorityOf } from '../state';
import { assessDeedTax, DeedTaxRuleError, type GeneralRate, type RuleText } from './deed-tax-rates';

/** One line of an assessment, in the tax system's terms (before its wire shape). */
export interface TaxFeeLine {
  readonly itemCode: string;
  readonly feeCode: 'deed_tax' | 'none';
  readonly name: { readonly zh: string; readonly en: string };
  readonly payee: { readonly zh: string; readonly en: string };
  readonly baseFen?: number;
  readonly rateBp?: number;
  readonly amountFen: number;
  readonly rule: RuleText;
}

/** The fields the deed tax is assessed on; without any of them there is nothing to assess. */
const DEED_TAX_NEEDS = ['transaction.price', 'property.area', 'property.use', 'buyer.isFirstHome'] as const;

const TREASURY = { zh: '国家金库（税务机关征收）', en: 'the state treasury, collected by the tax office' };

/** Items other than the deed tax charge nothing: the implementation list (实施清单) says so. */
const noFee = (item: PublishedItem): TaxFeeLine => ({
  itemCode: item.code,
  feeCode: 'none',
  name: { zh: `${item.name.zh}（不收费）`, en: `${item.name.en} (no fee)` },
  payee: TREASURY,
  amountFen: 0,
  rule: {
    zh: '本事项不收取任何费用',
    en: 'this item charges nothing',
    citation: `${item.code}《${item.name.zh}》实施清单：收费标准为不收费`,
  },
});

/**
 * Assesses what the tax office charges for items given the values declared so far (a read: nothing is
 * recorded). Every problem is returned at once, under the wire's field codes (`form.transaction_price`).
 */
export function assessTaxFees(
  items: readonly PublishedItem[],
  form: Readonly<Record<string, unknown>>,
  general: GeneralRate,
  today: string,
): { lines: TaxFeeLine[] } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const lines: TaxFeeLine[] = [];
  for (const item of items) {
    if (item.code !== 'TAX-DEED-TAX') {
      lines.push(noFee(item));
      continue;
    }
    const decoded = decodeForm(item, form, { partial: true });
    errors.push(...decoded.errors);
    const v = decoded.values;
    for (const key of DEED_TAX_NEEDS)
      if (v[key] === undefined && !decoded.errors.some((e) => e.field === `form.${fieldCode(key)}`))
        errors.push({ field: `form.${fieldCode(key)}`, reason: '核定契税需要此项' });
    if (errors.length > 0) continue;
    try {
      const a = assessDeedTax(
        {
          priceFen: v['transaction.price'] as number,
          areaM2: v['property.area'] as number,
          use: v['property.use'] === 'residential' ? 'residential' : 'commercial',
          firstHome: v['buyer.isFirstHome'] === true,
          secondHome: v['buyer.isSecondHome'] === true,
          contractDate:
            typeof v['transaction.contractDate'] === 'string' ? v['transaction.contractDate'] : today,
        },
        general,
      );
      const unit = typeof v['property.unitCode'] === 'string' ? v['property.unitCode'] : undefined;
      lines.push({
        itemCode: item.code,
        feeCode: 'deed_tax',
        name: { zh: '契税', en: 'Deed tax' },
        // Paid to the treasury, collected by the tax office where the home lies.
        payee: unit ? { zh: `国家金库（${authorityOf(unit.slice(0, 6))}征收）`, en: TREASURY.en } : TREASURY,
        baseFen: a.baseFen,
        rateBp: a.rateBp,
        amountFen: a.amountFen,
        rule: a.rule,
      });
    } catch (e) {
      if (!(e instanceof DeedTaxRuleError)) throw e;
      errors.push({ field: `form.${fieldCode(e.field)}`, reason: e.reason });
    }
  }
  return errors.length > 0 ? { errors } : { lines };
}
