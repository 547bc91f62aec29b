import {
  type CaseRecord,
  type CaseRules,
  type CaseSubmission,
  type Decision,
  type PublishedItem,
  type SimClock,
  scheduleFromItems,
} from '@onething/legacy-kit';
import { fenToYuan } from '@onething/schema';
import type { FundState } from './state';
import { monthlyRepaymentFen } from './state';
import { beijingDate, wireDay } from './time';

/** The largest provident fund loan the fund grants (贷款最高额度), in fen: 1,200,000.00 yuan. */
export const MAX_LOAN_FEN = 120_000_000;
/** The largest share of the price a loan may cover (首付不低于20%), in percent. */
export const MAX_LOAN_PERCENT_OF_PRICE = 80;

const str = (fields: CaseSubmission['fields'], key: string) => {
  const v = fields[key];
  return typeof v === 'string' ? v : undefined;
};
const fen = (fields: CaseSubmission['fields'], key: string) => {
  const v = fields[key];
  return typeof v === 'number' ? v : 0;
};

function decideWithdrawal(s: CaseSubmission, state: FundState, at: number): Decision {
  const account = state.accounts.get(s.applicantId);
  if (!account) return { outcome: 'rejected', reason: '申请人无住房公积金个人账户' };
  if (account.status === 'sealed') return { outcome: 'rejected', reason: '个人账户已封存，不能办理购房提取' };
  if (str(s.fields, 'fund.personalAccount') !== account.personalAccount) {
    return {
      outcome: 'correction_requested',
      reason: '个人账号与申请人证件号码不符',
      correctionFields: ['fund.personalAccount'],
    };
  }
  const amount = fen(s.fields, 'fund.withdrawalAmount');
  if (amount > account.balanceFen) {
    return {
      outcome: 'correction_requested',
      reason: `提取金额超过账户余额${fenToYuan(account.balanceFen)}元`,
      correctionFields: ['fund.withdrawalAmount'],
    };
  }
  return { outcome: 'approved', result: { 'withdrawal-approval': state.nextNumber('TQHZ', at) } };
}

function decideLoan(s: CaseSubmission, state: FundState, at: number): Decision {
  const account = state.accounts.get(s.applicantId);
  if (account?.status !== 'normal') {
    return { outcome: 'rejected', reason: '申请人无正常缴存的住房公积金个人账户' };
  }
  if (str(s.fields, 'fund.personalAccount') !== account.personalAccount) {
    return {
      outcome: 'correction_requested',
      reason: '个人账号与申请人证件号码不符',
      correctionFields: ['fund.personalAccount'],
    };
  }
  const amount = fen(s.fields, 'fund.loanAmount');
  const price = fen(s.fields, 'transaction.price');
  if (amount > MAX_LOAN_FEN || amount * 100 > price * MAX_LOAN_PERCENT_OF_PRICE) {
    return {
      outcome: 'correction_requested',
      reason: `贷款金额不得超过${fenToYuan(MAX_LOAN_FEN)}元，且不得超过成交价格的${MAX_LOAN_PERCENT_OF_PRICE}%`,
      correctionFields: ['fund.loanAmount'],
    };
  }
  return { outcome: 'approved', result: { 'loan-contract': state.nextNumber('JKHT', at) } };
}

/**
 * Checks a submission can be accepted at all (受理审查), before it becomes a case: the reason of the
 * refusal (E3002), or undefined. Business outcomes after acceptance are {@link fundRules}' `decide`.
 */
export function admissionRefusal(
  itemCode: string,
  fields: CaseSubmission['fields'],
  state: FundState,
  isOpen: (caseNumber: string) => boolean,
): string | undefined {
  const uscc = str(fields, 'enterprise.uscc') ?? '';
  if (itemCode === 'FUND-EMPLOYER-OPEN') {
    const existing = state.employerOf(uscc);
    if (existing) return `该单位已开立住房公积金单位账户${existing.employerAccount}`;
    const opening = state.openings.get(uscc);
    if (opening && isOpen(opening)) return `该单位缴存登记正在办理中（受理编号${opening}）`;
  }
  if (itemCode === 'FUND-EMPLOYER-CHANGE' || itemCode === 'FUND-EMPLOYER-CLOSE') {
    const account = str(fields, 'fund.employerAccount') ?? '';
    const employer = state.employers.get(account);
    if (!employer) return `单位账号${account}不存在或已注销`;
    if (employer.uscc !== uscc) return `单位账号${account}与统一社会信用代码${uscc}不符`;
  }
  return undefined;
}

/**
 * Applies an approval to the fund's records and answers what it produced: the decision's result, with
 * whatever it lacks filled in (a decision forced through the admin port may carry none), so an approved
 * case always has its document number or new account.
 */
function applyApproval(
  record: CaseRecord,
  decision: Decision | undefined,
  state: FundState,
  at: number,
): Record<string, string> {
  const f = record.fields;
  const given = decision?.result ?? {};
  const numbered = (key: string, prefix: string) => ({
    [key]: given[key] ?? state.nextNumber(prefix, at),
    ...given,
  });
  switch (record.itemCode) {
    case 'FUND-PURCHASE-WITHDRAWAL':
      state.withdraw(record.applicantId, fen(f, 'fund.withdrawalAmount'), at);
      return numbered('withdrawal-approval', 'TQHZ');
    case 'FUND-LOAN': {
      const principalFen = fen(f, 'fund.loanAmount');
      const termMonths = fen(f, 'fund.loanTermMonths');
      state.disburseLoan({
        idNumber: record.applicantId,
        unitCode: str(f, 'property.unitCode') ?? '',
        principalFen,
        remainingFen: principalFen,
        monthlyRepaymentFen: monthlyRepaymentFen(principalFen, termMonths),
        termMonths,
        startedOn: beijingDate(at),
        updatedAt: new Date(at).toISOString(),
      });
      return numbered('loan-contract', 'JKHT');
    }
    case 'FUND-EMPLOYER-OPEN': {
      const uscc = str(f, 'enterprise.uscc') ?? '';
      const employerAccount =
        given['fund.employerAccount'] ?? state.allocateEmployerAccount(record.requestRef, uscc);
      state.openEmployer({
        employerAccount,
        uscc,
        name: str(f, 'enterprise.name') ?? '',
        address: str(f, 'enterprise.address') ?? '',
        depositRatePercent: fen(f, 'fund.depositRatePercent'),
        openedOn: beijingDate(at),
        updatedAt: new Date(at).toISOString(),
      });
      return { ...given, 'fund.employerAccount': employerAccount };
    }
    case 'FUND-EMPLOYER-CHANGE':
      state.changeEmployer(
        str(f, 'fund.employerAccount') ?? '',
        { name: str(f, 'enterprise.newName'), address: str(f, 'enterprise.newAddress') },
        at,
      );
      return { ...given };
    case 'FUND-EMPLOYER-CLOSE':
      state.closeEmployer(str(f, 'fund.employerAccount') ?? '', at);
      return numbered('fund-closure-certificate', 'ZXZM');
    default:
      return { ...given };
  }
}

/**
 * The fund's rules for its cases: the business checks of each item, its schedule, its case numbers
 * (`GJJ` + Beijing day + six digits), and the effects of an approval on the fund's records.
 */
export function fundRules(items: readonly PublishedItem[], state: FundState, clock: SimClock): CaseRules {
  return {
    decide(s) {
      const at = clock.now();
      switch (s.itemCode) {
        case 'FUND-PURCHASE-WITHDRAWAL':
          return decideWithdrawal(s, state, at);
        case 'FUND-LOAN':
          return decideLoan(s, state, at);
        case 'FUND-EMPLOYER-OPEN':
          return {
            outcome: 'approved',
            result: {
              'fund.employerAccount': state.allocateEmployerAccount(
                s.requestRef,
                str(s.fields, 'enterprise.uscc') ?? '',
              ),
            },
          };
        case 'FUND-EMPLOYER-CLOSE':
          return {
            outcome: 'approved',
            result: { 'fund-closure-certificate': state.nextNumber('ZXZM', at) },
          };
        default:
          return { outcome: 'approved' };
      }
    },
    schedule: scheduleFromItems(items),
    caseNumber: (seq, _itemCode, at) => `GJJ${wireDay(at)}${String(seq).padStart(6, '0')}`,
    onPhase(record, phase) {
      if (phase.status !== 'approved' || state.approvals.has(record.caseNumber)) return;
      state.approvals.set(record.caseNumber, applyApproval(record, phase.decision, state, phase.at));
    },
  };
}
