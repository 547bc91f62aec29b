import { yuanToFen } from '@onething/schema';
import { type FormProblem, problem } from '@onething/schema/forms';
import type { AuditTrail } from '../store/audit';
import type { ActingFor, SupergraphClient } from '../supergraph-client';
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
  readonly applicant: ActingFor & { readonly subject: string; readonly role: string };
  readonly audit: AuditTrail;
  readonly bundleCode: string;
}

type Out = { problems: FormProblem[]; notChecked: NotChecked[] };

function localRules(input: CrossCheckInput, out: Out): void {
  const v = (k: string) => input.values.get(k);
  const fen = (k: string) => (v(k) === undefined ? undefined : yuanToFen(v(k)!));
  const say = (field: string, code: string, zh: string, en: string) =>
    out.problems.push(problem(field, code, zh, en, input.usedBy(field)));

  // The application is stored and sent as the signed-in applicant's: a form naming someone else as the
  // applicant would hand that person's details to the departments under this applicant's name.
  const named = v('applicant.idNumber')?.toUpperCase();
  if (named && named !== input.applicant.idNumber.toUpperCase()) {
    say(
      'applicant.idNumber',
      'applicant.notYou',
      '申请人身份证号码应为您本人的号码：本人申请，代办请到窗口办理',
      'the applicant’s ID number must be your own: apply for yourself; agents apply at the window',
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

async function registryRules(input: CrossCheckInput, out: Out): Promise<void> {
  const unitCode = input.values.get('property.unitCode');
  const seller = input.values.get('seller.idNumber');
  const certificate = input.values.get('property.certificateNumber');
  if (!unitCode || (!seller && !certificate)) return;
  const answer = await input.client.query<{
    property: {
      owners: { idNumber: string }[];
      certificateNumber: string | null;
      seized: boolean | null;
    } | null;
  }>(
    'query Ownership($u: UnitCode!) { property(unitCode: $u) { owners { idNumber } certificateNumber seized } }',
    { u: unitCode },
    input.applicant,
  );
  const failure = answer.errors?.find((e) => e.extensions?.code !== 'FORBIDDEN');
  if (failure || !answer.data) {
    out.notChecked.push({
      rule: 'seller.owner',
      department: 'realestate',
      reason: failure?.message ?? 'no answer',
    });
    return;
  }
  const unit = answer.data.property;
  const owners = unit?.owners.map((o) => o.idNumber) ?? [];
  // Whose data was read is the unit's owners' (the register answered with them), whoever the form names as
  // the seller: each owner finds the read in their own trail; a unit without owners concerns no one.
  await input.audit.record(
    (owners.length > 0 ? owners : [null]).map((owner) => ({
      actorSubject: input.applicant.subject,
      actorRole: input.applicant.role,
      subjectIdNumber: owner,
      subjectUscc: null,
      department: 'realestate',
      fields: ['property.owners', 'property.certificateNumber', 'property.seized'],
      bundleCode: input.bundleCode,
      applicationId: null,
      purpose: { kind: 'owners-check', about: unitCode },
    })),
  );
  const say = (field: string, code: string, zh: string, en: string) =>
    out.problems.push(problem(field, code, zh, en, input.usedBy(field)));
  if (owners.length === 0) {
    say(
      'property.unitCode',
      'property.notRegistered',
      `不动产单元 ${unitCode} 未登记`,
      `unit ${unitCode} is not in the register`,
    );
    return;
  }
  if (seller && !owners.includes(seller)) {
    say(
      'seller.idNumber',
      'seller.notOwner',
      '出卖人不是该不动产登记簿记载的权利人',
      'the seller is not an owner of this unit in the register',
    );
  }
  if (unit?.seized)
    say(
      'property.unitCode',
      'property.seized',
      '该不动产已被查封，不能转移',
      'the unit is seized by a court and cannot be transferred',
    );
  if (certificate && unit?.certificateNumber && certificate !== unit.certificateNumber) {
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
 * Rules across fields, and against what the departments hold (the seller owns the unit at the registry;
 * the applicant represents the enterprise in the market register). Lookups go through the supergraph as
 * the hall acting for the applicant, and are audited; a department that cannot be asked is reported as
 * not checked rather than as a problem of the form.
 */
export async function crossChecks(input: CrossCheckInput): Promise<Out> {
  const out: Out = { problems: [], notChecked: [] };
  localRules(input, out);
  localDepartmentRules(input, out);
  await Promise.all([registryRules(input, out), registerRules(input, out), fundAccountRules(input, out)]);
  return out;
}
