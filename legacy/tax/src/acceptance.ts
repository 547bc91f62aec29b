import type { CaseSubmission } from '@onething/legacy-kit';
import type { TaxRecords } from './state';

/**
 * The acceptance conditions (受理条件) the tax system checks against its records before it accepts a case:
 * items that act on a registered taxpayer need one, and a cancelled (注销) one can no longer apply.
 * Gives the reason for refusing (code 3002), or `undefined` when the case can be accepted.
 */
export function acceptanceRefusal(submission: CaseSubmission, records: TaxRecords): string | undefined {
  const uscc = submission.fields['enterprise.uscc'];
  if (typeof uscc !== 'string') return undefined;
  const taxpayer = records.taxpayer(uscc);
  switch (submission.itemCode) {
    case 'TAX-INVOICE':
      // A registration under way counts: a new business asks for invoices in the same bundle.
      if (!taxpayer && !records.typeOf(uscc)) return `纳税人${uscc}未办理涉税信息确认，不予受理`;
      break;
    case 'TAX-INFO-UPDATE':
      if (!taxpayer) return `纳税人${uscc}未办理税务登记，不予受理`;
      break;
    case 'TAX-CLEARANCE':
      break;
    default:
      return undefined;
  }
  return taxpayer?.status === 'cancelled' ? `纳税人${uscc}已注销，不予受理` : undefined;
}
