import {
  type CaseRules,
  type Decision,
  type PublishedItem,
  type SimClock,
  scheduleFromItems,
} from '@onething/legacy-kit';
import { assessDeedTax, DeedTaxRuleError, type GeneralRate } from './fees/deed-tax-rates';
import { authorityOf, type TaxRecords } from './state';
import { compactDate, wireDate } from './time';

/** Below this share of the unit's last taxable amount, a declared price is "obviously low" (明显偏低). */
const LOW_PRICE_SHARE = 0.6;
/** Invoices a month a small-scale taxpayer may draw at most before review asks to lower the number. */
const SMALL_SCALE_INVOICE_LIMIT = 100;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/**
 * The tax system's rules: what each item's review decides, how case and document numbers look, and what
 * an approval changes in the tax records (so later reads show it).
 */
export function taxRules(
  items: readonly PublishedItem[],
  records: TaxRecords,
  clock: SimClock,
  generalRate: GeneralRate,
): CaseRules {
  /** The deed tax of a declaration, by the same rules as an assessment (fees/deed-tax-rates.ts). */
  const deedTax = (f: Readonly<Record<string, unknown>>, now: number) =>
    assessDeedTax(
      {
        priceFen: num(f['transaction.price']),
        areaM2: num(f['property.area']),
        use: f['property.use'] === 'commercial' ? 'commercial' : 'residential',
        firstHome: f['buyer.isFirstHome'] === true,
        secondHome: f['buyer.isSecondHome'] === true,
        contractDate: str(f['transaction.contractDate']) || wireDate(now),
      },
      generalRate,
    );

  let documentSeq = 0;
  const documentNumber = (prefix: string) =>
    `${prefix}${compactDate(clock.now())}${String(++documentSeq).padStart(6, '0')}`;

  const decisions: Record<string, (f: Readonly<Record<string, unknown>>, applicantId: string) => Decision> = {
    'TAX-DEED-TAX': (f, applicantId) => {
      if ((records.taxpayer(applicantId)?.arrearsFen ?? 0) > 0)
        return { outcome: 'rejected', reason: '存在欠税未缴' };
      const last = records.deedTaxOfUnit(str(f['property.unitCode'])).at(-1);
      if (last && num(f['transaction.price']) < last.taxableAmountFen * LOW_PRICE_SHARE) {
        return {
          outcome: 'correction_requested',
          reason: '申报价格明显偏低，请核实成交价格',
          correctionFields: ['transaction.price'],
        };
      }
      try {
        deedTax(f, clock.now());
      } catch (e) {
        if (!(e instanceof DeedTaxRuleError)) throw e;
        return { outcome: 'correction_requested', reason: e.reason, correctionFields: [e.field] };
      }
      return { outcome: 'approved', result: { 'deed-tax-receipt': documentNumber('SWPZ') } };
    },
    'TAX-NEW-TAXPAYER': (f) => {
      const type = f['tax.taxpayerType'];
      if (type === 'general' || type === 'small-scale') records.declareType(str(f['enterprise.uscc']), type);
      return { outcome: 'approved', result: { 'tax-registration-notice': documentNumber('SWTZ') } };
    },
    'TAX-INVOICE': (f) => {
      const type = records.typeOf(str(f['enterprise.uscc'])) ?? 'small-scale';
      if (type === 'small-scale' && num(f['tax.invoiceMonthlyQuantity']) > SMALL_SCALE_INVOICE_LIMIT) {
        return {
          outcome: 'correction_requested',
          reason: `小规模纳税人每月发票领用数量不得超过${SMALL_SCALE_INVOICE_LIMIT}份`,
          correctionFields: ['tax.invoiceMonthlyQuantity'],
        };
      }
      return { outcome: 'approved' };
    },
    'TAX-CLEARANCE': (f) => {
      if ((records.taxpayer(str(f['enterprise.uscc']))?.arrearsFen ?? 0) > 0)
        return { outcome: 'rejected', reason: '存在欠税' };
      return { outcome: 'approved', result: { 'tax-clearance-certificate': documentNumber('QSZM') } };
    },
  };

  const effects: Record<
    string,
    (f: Readonly<Record<string, unknown>>, applicantId: string, now: number) => void
  > = {
    'TAX-DEED-TAX': (f, applicantId, now) => {
      const unitCode = str(f['property.unitCode']);
      const tax = deedTax(f, now);
      records.addDeedTax({
        recordNumber: records.nextDeedTaxNumber(unitCode, wireDate(now).slice(0, 4)),
        unitCode,
        payerIdNumber: applicantId,
        taxableAmountFen: tax.baseFen,
        rateBp: tax.rateBp,
        amountFen: tax.amountFen,
        paidOn: wireDate(now),
        updatedAt: new Date(now).toISOString(),
      });
    },
    'TAX-NEW-TAXPAYER': (f, _applicantId, now) => {
      const uscc = str(f['enterprise.uscc']);
      const taxpayerType = f['tax.taxpayerType'] === 'general' ? 'general' : 'small-scale';
      const change = {
        name: str(f['enterprise.name']),
        kind: 'enterprise',
        status: 'normal',
        taxpayerType,
        updatedAt: new Date(now).toISOString(),
      } as const;
      // A USCC never seen here is the normal case: market regulation has just issued it.
      records.putTaxpayer(uscc, change, {
        ...change,
        taxpayerId: uscc,
        authority: authorityOf(uscc.slice(2, 8)),
        registeredOn: wireDate(now),
        arrearsFen: 0,
      });
    },
    'TAX-CLEARANCE': (f, _applicantId, now) => {
      records.putTaxpayer(str(f['enterprise.uscc']), {
        status: 'cancelled',
        updatedAt: new Date(now).toISOString(),
      });
    },
    'TAX-INFO-UPDATE': (f, _applicantId, now) => {
      const newName = str(f['enterprise.newName']);
      if (newName)
        records.putTaxpayer(str(f['enterprise.uscc']), {
          name: newName,
          updatedAt: new Date(now).toISOString(),
        });
    },
  };

  return {
    decide: (s) => decisions[s.itemCode]?.(s.fields, s.applicantId) ?? { outcome: 'approved' },
    schedule: scheduleFromItems(items),
    caseNumber: (seq, _itemCode, at) => `SW${compactDate(at)}${String(seq).padStart(6, '0')}`,
    onPhase: (record, phase) => {
      if (phase.status === 'approved')
        effects[record.itemCode]?.(record.fields, record.applicantId, phase.at);
    },
  };
}
