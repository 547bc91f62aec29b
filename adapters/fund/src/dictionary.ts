import type { CaseStatus, FieldType, ItemType } from '@onething/adapter-core';

/** How a field's value is written on the fund's wire. */
export type WireKind = 'text' | 'money' | 'integer' | 'decimal' | 'date' | 'boolean' | 'enum';

/** A semantic field key as the fund's wire knows it: its pinyin code, its format, its code table. */
export interface WireFieldSpec {
  readonly code: string;
  readonly kind: WireKind;
  /** For enums: semantic value → the fund's code. */
  readonly codes?: Readonly<Record<string, string>>;
}

const text = (code: string): WireFieldSpec => ({ code, kind: 'text' });

/**
 * The fund's field dictionary (字段字典, PROTOCOL.md of the fund): each semantic key the fund's items use,
 * with its wire code (sent as `bd_<code>`) and format.
 */
export const FIELDS: Readonly<Record<string, WireFieldSpec>> = {
  'applicant.idNumber': text('zjhm'),
  'applicant.name': text('xm'),
  'applicant.phone': text('sjhm'),
  'fund.personalAccount': text('grzh'),
  'fund.employerAccount': text('dwzh'),
  'fund.withdrawalAmount': { code: 'tqje', kind: 'money' },
  'fund.receivingBankAccount': text('skyhkh'),
  'fund.loanAmount': { code: 'dkje', kind: 'money' },
  'fund.loanTermMonths': { code: 'dkqx', kind: 'integer' },
  'fund.depositRatePercent': { code: 'jcbl', kind: 'integer' },
  'fund.employeeCount': { code: 'jcrs', kind: 'integer' },
  'fund.contactName': text('jbrxm'),
  'property.unitCode': text('bdcdyh'),
  'transaction.price': { code: 'cjjg', kind: 'money' },
  'transaction.contractNumber': text('htbh'),
  'applicant.isLegalRepresentative': { code: 'sffddbr', kind: 'boolean' },
  'buyer.maritalStatus': {
    code: 'hyzk',
    kind: 'enum',
    codes: { single: '10', married: '20', widowed: '30', divorced: '40' },
  },
  'enterprise.uscc': text('tyshxydm'),
  'enterprise.name': text('dwmc'),
  'enterprise.address': text('dwdz'),
  'enterprise.legalRepName': text('fddbr'),
  'enterprise.newName': text('bghmc'),
  'enterprise.newAddress': text('bghdz'),
  'enterprise.deregistrationReason': {
    code: 'zxyy',
    kind: 'enum',
    codes: { dissolution: '01', 'term-expired': '02', merger: '03' },
  },
};

const BY_CODE = new Map(Object.entries(FIELDS).map(([key, spec]) => [spec.code, key]));

/** The semantic key of a wire code; an unknown code is kept as it is rather than dropped. */
export function semanticKey(code: string): string {
  return BY_CODE.get(code) ?? code;
}

/** Case status (办理状态 `blzt`) → domain status. */
export const STATUSES: Readonly<Record<string, CaseStatus>> = {
  '1': 'ACCEPTED',
  '2': 'IN_REVIEW',
  '3': 'APPROVED',
  '4': 'REJECTED',
  '5': 'CORRECTION_REQUESTED',
};

/** Item type (事项类型 `sxlx`) → domain item type. */
export const ITEM_TYPES: Readonly<Record<string, ItemType>> = {
  '01': 'administrative-licence',
  '04': 'administrative-levy',
  '07': 'administrative-confirmation',
  '10': 'other-power',
  '20': 'public-service',
};

/** Field type (字段类型 `zdlx`) → domain field type. */
export const FIELD_TYPES: Readonly<Record<string, FieldType>> = {
  wb: 'text',
  sfzh: 'idNumber',
  xydm: 'uscc',
  dyh: 'unitCode',
  je: 'money',
  rq: 'date',
  dh: 'phone',
  zs: 'integer',
  xs: 'decimal',
  mj: 'enum',
  sf: 'boolean',
  yhzh: 'bankAccount',
  gjjzh: 'fundAccount',
};

/** Result kind (结果类型 `jglx`) → domain result kind. */
export const RESULT_KINDS: Readonly<Record<string, string>> = {
  '1': 'licence',
  '2': 'certificate',
  '3': 'notice',
  '4': 'receipt',
  '5': 'approval',
};
