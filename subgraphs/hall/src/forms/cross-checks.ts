import { fenToYuan, yuanToFen } from '@onething/schema';
import { type FormProblem, problem } from '@onething/schema/forms';
import type { ReadBy } from '../applicant';
import type { AuditTrail } from '../consent/audit-trail';
import type { ActingFor, SupergraphClient } from '../platform/supergraph-client';
import { isLive, type SaleConfirmations } from '../sales/store';
import { readUnitAsOwner } from '../sales/unit';
import { fundAccountRules, localDepartmentRules } from './department-rules';

/** A rule that could not be checked now because a department could not be asked. */
export interface NotChecked {
  readonly rule: string;
  readonly department: string;
  readonly reason: string;
}

export interface CrossCheckInput {
  /** Values that passed their own field's checks, by semantic key. */
  readonly values: ReadonlyMap<string, string>;
  /** Items each field is used by. */
  readonly usedBy: (key: string) => readonly string[];
  readonly today: string;
  readonly client: SupergraphClient;
  readonly applicant: ActingFor & { readonly subject: string; readonly role: string } & ReadBy;
  readonly audit: AuditTrail;
  readonly bundleCode: string;
  /** Sellers' confirmations: the house transfer is checked against the register only under one. */
  readonly sales: SaleConfirmations;
}

type Out = { problems: FormProblem[]; notChecked: NotChecked[] };

function localRules(input: CrossCheckInput, out: Out): void {
  const v = (k: string) => input.values.get(k);
  const fen = (k: string) => (v(k) === undefined ? undefined : yuanToFen(v(k)!));
  const say = (field: string, code: string, zh: string, en: string) =>
    out.problems.push(problem(field, code, zh, en, input.usedBy(field)));

  // The application is stored and sent as its applicant's (the one signed in, the walk-in of a window
  // visit, or an agent's principal): a form naming someone else as the applicant would hand that person's
  // details to the departments under this applicant's name.
  const named = v('applicant.idNumber')?.toUpperCase();
  if (named && named !== input.applicant.idNumber.toUpperCase()) {
    say(
      'applicant.idNumber',
      'applicant.notYou',
      '申请人身份证号码应为本申请人的号码（本人，或所代办、所受理的申请人）',
      'the applicant’s ID number must be that of the applicant this form is for (you, or whom you act for)',
    );
  }
  if (v('seller.idNumber') && v('seller.idNumber') === v('applicant.idNumber')) {
    say(
      'seller.idNumber',
      'seller.isApplicant',
      '出卖人不能是申请人（买受人）本人',
      'the seller cannot be the applicant (the buyer)',
    );
  }
  if (v('transaction.contractDate') && v('transaction.contractDate')! > input.today) {
    say(
      'transaction.contractDate',
      'contractDate.future',
      '合同签订日期不能晚于今天',
      'the contract cannot be dated after today',
    );
  }
  const price = fen('transaction.price');
  const withdrawal = fen('fund.withdrawalAmount');
  if (price !== undefined && withdrawal !== undefined && withdrawal > price) {
    say(
      'fund.withdrawalAmount',
      'withdrawal.abovePrice',
      '提取金额不能超过成交价格',
      'the withdrawal cannot exceed the price of the home',
    );
  }
  const loan = fen('fund.loanAmount');
  if (price !== undefined && loan !== undefined && loan > Math.floor(price * 0.8)) {
    say(
      'fund.loanAmount',
      'loan.aboveLimit',
      '公积金贷款不能超过成交价格的80%',
      'a provident fund loan is at most 80% of the price',
    );
  }
  const mortgage = fen('mortgage.amount');
  if (loan !== undefined && mortgage !== undefined && mortgage > loan) {
    say(
      'mortgage.amount',
      'mortgage.aboveLoan',
      '抵押担保的债权不能超过贷款金额',
      'the secured debt cannot exceed the loan',
    );
  }
}

const NOT_CHECKED_WITHOUT_CONFIRMATION =
  'checked on submission, once the seller has confirmed the sale to you: the register answers about a unit only to its owner';

/**
 * The house transfer against the register, only under the seller's confirmation given to this buyer
 * (《不动产登记暂行条例》第十四条: a sale is registered on the joint application of both parties). Without
 * one, nothing is read: the register answers about a unit only to its owner, so no one learns here who owns
 * what; the form is refused for the missing confirmation and the ownership is reported as not checked.
 */
async function registryRules(input: CrossCheckInput, out: Out): Promise<void> {
  if (input.usedBy('seller.confirmation').length === 0) return;
  const v = (k: string) => input.values.get(k);
  const say = (field: string, code: string, zh: string, en: string) =>
    out.problems.push(problem(field, code, zh, en, input.usedBy(field)));
  const id = v('seller.confirmation');
  const confirmation = id ? await input.sales.forBuyer(input.applicant.idNumber, id) : undefined;
  if (!confirmation || !isLive(confirmation)) {
    if (id)
      say(
        'seller.confirmation',
        'sale.notConfirmed',
        confirmation
          ? '出卖人的确认已撤回或已过期：请出卖人重新确认'
          : '出卖人尚未向您确认出售：请出卖人在网上“出售房屋”中确认，再从“出卖人已确认的房屋”中选择',
        confirmation
          ? 'the seller’s confirmation was withdrawn or has expired: ask the seller to confirm again'
          : 'the seller has not confirmed this sale to you: the seller confirms online (Sell), then you pick it',
      );
    out.notChecked.push({
      rule: 'seller.owner',
      department: 'realestate',
      reason: NOT_CHECKED_WITHOUT_CONFIRMATION,
    });
    return;
  }
  const unitCode = v('property.unitCode');
  const seller = v('seller.idNumber');
  if (unitCode && unitCode !== confirmation.unitCode)
    say(
      'property.unitCode',
      'sale.otherUnit',
      '不动产单元号与出卖人确认出售的房屋不一致',
      'the unit differs from the one the seller confirmed selling to you',
    );
  if (seller && seller !== confirmation.sellerIdNumber)
    say(
      'seller.idNumber',
      'sale.otherSeller',
      '出卖人与确认出售的权利人不一致',
      'the seller differs from the owner who confirmed the sale',
    );
  const price = v('transaction.price') === undefined ? undefined : yuanToFen(v('transaction.price')!);
  if (confirmation.priceFen !== null && price !== undefined && price !== confirmation.priceFen)
    say(
      'transaction.price',
      'sale.otherPrice',
      `成交价格与出卖人确认的价格（${fenToYuan(confirmation.priceFen)}元）不一致`,
      `the price differs from the one the seller confirmed (${fenToYuan(confirmation.priceFen)} yuan)`,
    );
  // Read acting for the seller, who consented by confirming: the register answers only if they still own it.
  const read = await readUnitAsOwner(input.client, confirmation.unitCode, confirmation.sellerIdNumber);
  if (read.kind === 'unavailable') {
    out.notChecked.push({ rule: 'seller.owner', department: 'realestate', reason: read.reason });
    return;
  }
  await input.audit.record([
    {
      actorSubject: input.applicant.subject,
      actorRole: input.applicant.role,
      officer: input.applicant.officer ?? null,
      agent: input.applicant.agent ?? null,
      subjectIdNumber: confirmation.sellerIdNumber,
      subjectUscc: null,
      department: 'realestate',
      fields: ['property.owners', 'property.certificateNumber', 'property.seized'],
      bundleCode: input.bundleCode,
      applicationId: null,
      purpose: { kind: 'owners-check', about: confirmation.unitCode },
    },
  ]);
  if (read.kind !== 'unit') {
    say(
      'seller.idNumber',
      'seller.notOwner',
      '出卖人已不是该不动产登记簿记载的权利人',
      'the seller is no longer an owner of this unit in the register',
    );
    return;
  }
  if (read.unit.seized)
    say(
      'property.unitCode',
      'property.seized',
      '该不动产已被查封，不能转移',
      'the unit is seized by a court and cannot be transferred',
    );
  const certificate = v('property.certificateNumber');
  if (certificate && read.unit.certificateNumber && certificate !== read.unit.certificateNumber) {
    say(
      'property.certificateNumber',
      'property.certificateMismatch',
      '不动产权证书号与登记簿不一致',
      'the certificate number differs from the register',
    );
  }
}

async function registerRules(input: CrossCheckInput, out: Out): Promise<void> {
  const uscc = input.values.get('enterprise.uscc');
  if (!uscc) return;
  const answer = await input.client.query<{
    enterprise: { status: string | null; legalRepresentative: { idNumber: string } | null } | null;
  }>(
    'query Representation($u: USCC!) { enterprise(uscc: $u) { status legalRepresentative { idNumber } } }',
    { u: uscc },
    input.applicant,
  );
  const say = (code: string, zh: string, en: string) =>
    out.problems.push(problem('enterprise.uscc', code, zh, en, input.usedBy('enterprise.uscc')));
  if (answer.errors?.some((e) => e.extensions?.code === 'FORBIDDEN')) {
    say(
      'enterprise.notRepresented',
      '申请人不是该企业的法定代表人',
      'the applicant is not the legal representative of this enterprise',
    );
    return;
  }
  const failure = answer.errors?.[0];
  if (failure || !answer.data) {
    out.notChecked.push({
      rule: 'enterprise.representative',
      department: 'market',
      reason: failure?.message ?? 'no answer',
    });
    return;
  }
  await input.audit.record([
    {
      actorSubject: input.applicant.subject,
      actorRole: input.applicant.role,
      officer: input.applicant.officer ?? null,
      agent: input.applicant.agent ?? null,
      subjectIdNumber: null,
      subjectUscc: uscc,
      department: 'market',
      fields: ['enterprise.status', 'enterprise.legalRepIdNumber'],
      bundleCode: input.bundleCode,
      applicationId: null,
      purpose: { kind: 'representative-check', about: uscc },
    },
  ]);
  const e = answer.data.enterprise;
  if (!e?.status)
    say(
      'enterprise.notRegistered',
      '该统一社会信用代码未登记',
      'no enterprise is registered under this code',
    );
  else if (e.status === 'DEREGISTERED')
    say('enterprise.deregistered', '该企业已注销', 'the enterprise is deregistered');
  else if (e.legalRepresentative?.idNumber !== input.applicant.idNumber) {
    say(
      'enterprise.notRepresented',
      '申请人不是该企业的法定代表人',
      'the applicant is not the legal representative of this enterprise',
    );
  }
}

/**
 * Rules across fields, and against what the departments hold (under the seller's confirmation, the seller
 * owns the unit at the registry; the applicant represents the enterprise in the market register). Lookups
 * go through the supergraph as the hall acting for the person whose data it is (the seller who confirmed,
 * the applicant), and are audited; a department that cannot be asked is reported as not checked rather
 * than as a problem of the form.
 */
export async function crossChecks(input: CrossCheckInput): Promise<Out> {
  const out: Out = { problems: [], notChecked: [] };
  localRules(input, out);
  localDepartmentRules(input, out);
  await Promise.all([registryRules(input, out), registerRules(input, out), fundAccountRules(input, out)]);
  return out;
}
