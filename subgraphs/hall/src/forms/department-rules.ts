import { fenToYuan, yuanToFen } from '@onething/schema';
import { type FormProblem, problem } from '@onething/schema/forms';
import type { CrossCheckInput, NotChecked } from './cross-checks';

type Out = { problems: FormProblem[]; notChecked: NotChecked[] };

/**
 * The refusals a department's reviewer would make on a form, checked before it is handed in so that the
 * applicant corrects them now rather than after a correction request days later. Each rule mirrors one the
 * department's system applies on review (legacy/<department>/src/rules.ts), with its source:
 *
 * - Fund: a purchase withdrawal is at most the account's balance, from a normally deposited account, of
 *   the applicant's own account number (《住房公积金管理条例》第二十四条: 职工购买自住住房的，可以提取
 *   职工住房公积金账户内的存储余额); a loan at most 1,200,000 yuan (the fund's 贷款最高额度, a city's
 *   figure under 《住房公积金管理条例》第二十六条) and at most 80% of the price.
 * - Tax: a small-scale taxpayer asks for at most 100 invoices a month (the tax office's 发票领用 limit).
 * - Market regulation: a business scope of at least four characters, never "待定" (《经营范围登记规范
 *   表述目录》, 市场监管总局 2022).
 */

/** The fund's largest loan (贷款最高额度), in fen, as the fund applies it. */
export const MAX_FUND_LOAN_FEN = 120_000_000;
/** Invoices a small-scale taxpayer may take a month, as the tax office applies it. */
export const SMALL_SCALE_INVOICE_LIMIT = 100;

export function localDepartmentRules(input: CrossCheckInput, out: Out): void {
  const v = (k: string) => input.values.get(k);
  const say = (field: string, code: string, zh: string, en: string) =>
    out.problems.push(problem(field, code, zh, en, input.usedBy(field)));

  const loan = v('fund.loanAmount') === undefined ? undefined : yuanToFen(v('fund.loanAmount')!);
  if (loan !== undefined && loan > MAX_FUND_LOAN_FEN) {
    say(
      'fund.loanAmount',
      'loan.aboveMaximum',
      `公积金贷款最高 ${fenToYuan(MAX_FUND_LOAN_FEN)} 元`,
      `a provident fund loan is at most ${fenToYuan(MAX_FUND_LOAN_FEN)} yuan`,
    );
  }
  const invoices = v('tax.invoiceMonthlyQuantity');
  if (
    v('tax.taxpayerType') === 'small-scale' &&
    invoices !== undefined &&
    Number(invoices) > SMALL_SCALE_INVOICE_LIMIT
  ) {
    say(
      'tax.invoiceMonthlyQuantity',
      'invoices.aboveSmallScaleLimit',
      `小规模纳税人每月领用发票不超过 ${SMALL_SCALE_INVOICE_LIMIT} 份`,
      `a small-scale taxpayer takes at most ${SMALL_SCALE_INVOICE_LIMIT} invoices a month`,
    );
  }
  const scope = v('enterprise.businessScope');
  if (scope !== undefined && ([...scope.trim()].length < 4 || scope.includes('待定'))) {
    say(
      'enterprise.businessScope',
      'businessScope.notStandard',
      '经营范围应按《经营范围登记规范表述目录》填写：至少 4 个字，不能写“待定”',
      'describe the business as the official catalogue of business scopes words it: at least four characters, never “to be decided”',
    );
  }
}

/**
 * The fund's own refusals on a purchase withdrawal or loan, against the applicant's account as the fund
 * holds it: read through the one schema as the hall acting for the applicant (their own record), audited.
 */
export async function fundAccountRules(input: CrossCheckInput, out: Out): Promise<void> {
  const v = (k: string) => input.values.get(k);
  const withdrawal = v('fund.withdrawalAmount');
  const loan = v('fund.loanAmount');
  const personalAccount = v('fund.personalAccount');
  if (withdrawal === undefined && loan === undefined && personalAccount === undefined) return;
  const answer = await input.client.query<{
    me: { fundAccount: { personalAccount: string; balance: string; status: string } | null } | null;
  }>('query FundAccount { me { fundAccount { personalAccount balance status } } }', {}, input.applicant);
  if (answer.errors?.length || !answer.data?.me) {
    out.notChecked.push({
      rule: 'fund.account',
      department: 'fund',
      reason: answer.errors?.[0]?.message ?? 'no answer',
    });
    return;
  }
  await input.audit.record([
    {
      actorSubject: input.applicant.subject,
      actorRole: input.applicant.role,
      officer: input.applicant.officer ?? null,
      agent: input.applicant.agent ?? null,
      subjectIdNumber: input.applicant.idNumber,
      subjectUscc: null,
      department: 'fund',
      fields: ['fund.personalAccount', 'fund.balance', 'fund.status'],
      bundleCode: input.bundleCode,
      applicationId: null,
      purpose: { kind: 'fund-check', about: null },
    },
  ]);
  const say = (field: string, code: string, zh: string, en: string) =>
    out.problems.push(problem(field, code, zh, en, input.usedBy(field)));
  const account = answer.data.me.fundAccount;
  const field = withdrawal !== undefined ? 'fund.withdrawalAmount' : 'fund.loanAmount';
  if (!account) {
    say(field, 'fund.noAccount', '您没有住房公积金个人账户', 'you have no housing provident fund account');
    return;
  }
  if (account.status !== 'NORMAL') {
    say(
      field,
      'fund.accountNotNormal',
      '您的公积金账户已封存或停缴，不能办理购房提取或贷款',
      'your fund account is sealed: purchase withdrawals and loans need one being paid into',
    );
  }
  if (personalAccount !== undefined && personalAccount !== account.personalAccount) {
    say(
      'fund.personalAccount',
      'fund.accountNotYours',
      '公积金个人账号与您的账户不符',
      'this is not your provident fund account number',
    );
  }
  const amount = withdrawal === undefined ? undefined : yuanToFen(withdrawal);
  const balance = yuanToFen(account.balance);
  if (amount !== undefined && balance !== undefined && amount > balance) {
    say(
      'fund.withdrawalAmount',
      'withdrawal.aboveBalance',
      `提取金额不能超过账户余额 ${account.balance} 元`,
      `the withdrawal cannot exceed the account’s balance of ${account.balance} yuan`,
    );
  }
}
