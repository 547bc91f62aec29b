/**
 * What the hall tells an applicant, and how: one registry of notices, each with the inbox's words and the
 * SMS template (registered at the SMS gateway, legacy/sms/data/templates.json) it is texted with. A text
 * carries only what its template needs — the bundle's name, the first eight characters of the application
 * number, an amount — never a name, an ID number or an address (《个人信息保护法》第六条: no more than the
 * purpose needs).
 */

export const NOTICE_KINDS = [
  'ACCEPTED',
  'CORRECTION_REQUESTED',
  'PAYMENT_DUE',
  'APPROVED',
  'REJECTED',
  'READY_TO_COLLECT',
  'POSTED',
  'DELIVERED',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The variables of a notice: what its texts are made of. */
export interface NoticeParams {
  /** The bundle's name (zh), at most 20 characters as the templates allow. */
  readonly bundle: string;
  readonly bundleEn: string;
  /** The first eight characters of the application number. */
  readonly ref: string;
  /** For PAYMENT_DUE: the total in yuan, e.g. "9358.23". */
  readonly amount?: string;
  /** For POSTED: the courier and the waybill number. */
  readonly courier?: string;
  readonly waybill?: string;
}

interface NoticeKindSpec {
  readonly template: string;
  /** The template's variables, from the notice's params. */
  readonly variables: (p: NoticeParams) => Record<string, string>;
  readonly zh: (p: NoticeParams) => string;
  readonly en: (p: NoticeParams) => string;
}

const base = (p: NoticeParams) => ({ bundle: p.bundle.slice(0, 20), ref: p.ref });

export const NOTICE: Readonly<Record<NoticeKind, NoticeKindSpec>> = {
  ACCEPTED: {
    template: 'ONETHING_ACCEPTED',
    variables: base,
    zh: (p) => `您的“${p.bundle}”申请（编号${p.ref}）已受理，各部门正在并联办理。`,
    en: (p) =>
      `Your application “${p.bundleEn}” (${p.ref}) was accepted; the departments are working on it in parallel.`,
  },
  CORRECTION_REQUESTED: {
    template: 'ONETHING_CORRECTION',
    variables: base,
    zh: (p) => `您的“${p.bundle}”申请（编号${p.ref}）需要补正，请查看补正要求并提交。`,
    en: (p) =>
      `Your application “${p.bundleEn}” (${p.ref}) needs a correction: see what is asked and send it.`,
  },
  PAYMENT_DUE: {
    template: 'ONETHING_PAYMENT_DUE',
    variables: (p) => ({ ...base(p), amount: p.amount ?? '0.00' }),
    zh: (p) => `您的“${p.bundle}”申请（编号${p.ref}）有${p.amount}元费用待缴纳，请凭缴款码一次缴清。`,
    en: (p) =>
      `Your application “${p.bundleEn}” (${p.ref}) has ¥${p.amount} of fees due: pay them at once with the payment code.`,
  },
  APPROVED: {
    template: 'ONETHING_APPROVED',
    variables: base,
    zh: (p) => `您的“${p.bundle}”申请（编号${p.ref}）已办结，各事项均已批准。`,
    en: (p) => `Your application “${p.bundleEn}” (${p.ref}) is complete: every item was approved.`,
  },
  REJECTED: {
    template: 'ONETHING_REFUSED',
    variables: base,
    zh: (p) => `您的“${p.bundle}”申请（编号${p.ref}）未获批准，请查看原因。`,
    en: (p) => `Your application “${p.bundleEn}” (${p.ref}) was refused: see why.`,
  },
  READY_TO_COLLECT: {
    template: 'ONETHING_READY_TO_COLLECT',
    variables: base,
    zh: (p) =>
      `您的“${p.bundle}”申请（编号${p.ref}）的办理结果可以领取了，请携带本人身份证件到出件窗口领取。`,
    en: (p) =>
      `The results of your application “${p.bundleEn}” (${p.ref}) are ready: collect them at the output window with your ID card.`,
  },
  POSTED: {
    template: 'ONETHING_POSTED',
    variables: (p) => ({ ...base(p), courier: p.courier ?? 'EMS', waybill: p.waybill ?? '' }),
    zh: (p) => `您的“${p.bundle}”申请（编号${p.ref}）的办理结果已交${p.courier}寄出，运单号${p.waybill}。`,
    en: (p) =>
      `The results of your application “${p.bundleEn}” (${p.ref}) were posted by ${p.courier}, waybill ${p.waybill}.`,
  },
  DELIVERED: {
    template: 'ONETHING_DELIVERED',
    variables: base,
    zh: (p) => `您的“${p.bundle}”申请（编号${p.ref}）的办理结果已送达签收，欢迎对本次服务作出评价。`,
    en: (p) =>
      `The results of your application “${p.bundleEn}” (${p.ref}) were handed over: please rate the service.`,
  },
};

/** The notice an application's change of status sends, if any (accepted only from submitted). */
export function noticeOfStatus(from: string, to: string): NoticeKind | null {
  if (from === to) return null;
  if (to === 'IN_PROGRESS') return from === 'SUBMITTED' ? 'ACCEPTED' : null;
  if (to === 'CORRECTION_REQUESTED') return 'CORRECTION_REQUESTED';
  if (to === 'COMPLETED') return 'APPROVED';
  if (to === 'REJECTED') return 'REJECTED';
  return null;
}

/** A mainland mobile number as the SMS gateway takes it (11 digits, 13x–19x), or null. */
export const mobileOf = (values: readonly { key: string; value: string }[]): string | null => {
  const phone = values
    .find((v) => v.key === 'applicant.phone')
    ?.value.replace(/^\+?86/, '')
    .trim();
  return phone && /^1[3-9]\d{9}$/.test(phone) ? phone : null;
};
