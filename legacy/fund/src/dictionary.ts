import type { CaseStatus, FieldType, ITEM_TYPES, PublishedItem } from '@onething/legacy-kit';

/**
 * The fund's field dictionary (字段字典): each shared semantic key as the fund's own pinyin-abbreviated
 * wire code. A form travels as `bd_<code>` parameters; correction requests and results name fields by
 * these codes. PROTOCOL.md lists the same table.
 */
export const WIRE_CODES: Readonly<Record<string, string>> = {
  'applicant.idNumber': 'zjhm',
  'applicant.name': 'xm',
  'applicant.phone': 'sjhm',
  'fund.personalAccount': 'grzh',
  'fund.employerAccount': 'dwzh',
  'fund.withdrawalAmount': 'tqje',
  'fund.receivingBankAccount': 'skyhkh',
  'fund.loanAmount': 'dkje',
  'fund.loanTermMonths': 'dkqx',
  'fund.depositRatePercent': 'jcbl',
  'fund.employeeCount': 'jcrs',
  'fund.contactName': 'jbrxm',
  'property.unitCode': 'bdcdyh',
  'transaction.price': 'cjjg',
  'transaction.contractNumber': 'htbh',
  'applicant.isLegalRepresentative': 'sffddbr',
  'buyer.maritalStatus': 'hyzk',
  'enterprise.uscc': 'tyshxydm',
  'enterprise.name': 'dwmc',
  'enterprise.address': 'dwdz',
  'enterprise.legalRepName': 'fddbr',
  'enterprise.newName': 'bghmc',
  'enterprise.newAddress': 'bghdz',
  'enterprise.deregistrationReason': 'zxyy',
};

/** Semantic key of a wire code. */
export const SEMANTIC_KEYS: ReadonlyMap<string, string> = new Map(
  Object.entries(WIRE_CODES).map(([key, code]) => [code, key]),
);

/**
 * Enumerations in the fund's own codes (代码表). Marital status follows GB/T 2261.2 (婚姻状况代码); the
 * reasons for closure are the fund's own.
 */
export const ENUM_CODES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'buyer.maritalStatus': { single: '10', married: '20', widowed: '30', divorced: '40' },
  'enterprise.deregistrationReason': { dissolution: '01', 'term-expired': '02', merger: '03' },
};

/** Field types (字段类型, `zdlx`) in the fund's codes. */
export const FIELD_TYPE_CODES: Readonly<Record<FieldType, string>> = {
  text: 'wb',
  idNumber: 'sfzh',
  uscc: 'xydm',
  unitCode: 'dyh',
  money: 'je',
  date: 'rq',
  phone: 'dh',
  integer: 'zs',
  decimal: 'xs',
  enum: 'mj',
  boolean: 'sf',
  bankAccount: 'yhzh',
  fundAccount: 'gjjzh',
};

/** Kinds of item (事项类型, `sxlx`) in the fund's codes. */
export const ITEM_TYPE_CODES: Readonly<Record<(typeof ITEM_TYPES)[number], string>> = {
  'administrative-licence': '01',
  'administrative-levy': '04',
  'administrative-confirmation': '07',
  'other-power': '10',
  'public-service': '20',
};

/** Kinds of result (结果类型, `jglx`) in the fund's codes. */
export const RESULT_KIND_CODES: Readonly<Record<string, string>> = {
  licence: '1',
  certificate: '2',
  notice: '3',
  receipt: '4',
  approval: '5',
};

/** Case status (办理状态, `blzt`). */
export const STATUS_CODES: Readonly<Record<CaseStatus, string>> = {
  accepted: '1',
  in_review: '2',
  approved: '3',
  rejected: '4',
  correction_requested: '5',
};

/** Booleans on the wire: 是 `1`, 否 `0`. */
export const YES = '1';
export const NO = '0';

/** Refuses to start when an item has a field the dictionary cannot put on the wire. */
export function checkDictionary(items: readonly PublishedItem[]): void {
  const missing = items.flatMap((i) =>
    i.fields.filter((f) => !WIRE_CODES[f.key]).map((f) => `${i.code}: ${f.key}`),
  );
  if (missing.length > 0) {
    throw new Error(
      `fields without a wire code in legacy/fund/src/dictionary.ts:\n  ${missing.join('\n  ')}`,
    );
  }
  for (const i of items) {
    for (const f of i.fields) {
      if (f.type === 'enum' && !ENUM_CODES[f.key])
        throw new Error(`${i.code}: enum ${f.key} has no fund codes`);
    }
  }
}
