/**
 * Why a department's data was read (用途), stored as a kind and what it concerned — never as a sentence —
 * so the trail can be filtered by purpose and said in the reader's language with names, not codes.
 */
export const PURPOSE_KINDS = [
  'prefill',
  'owners-check',
  'representative-check',
  'fund-check',
  'sale-confirmation',
  'identity-check',
  'other',
] as const;

export type PurposeKind = (typeof PURPOSE_KINDS)[number];

/** A purpose as stored: its kind, and the unit or enterprise a check concerned. */
export interface AuditPurpose {
  readonly kind: PurposeKind;
  /** The real-estate unit code (owners-check) or USCC (representative-check) checked. */
  readonly about: string | null;
  /** Only for records written before purposes had kinds and not recognised: their sentence as written. */
  readonly text?: string | null;
}

interface Localized {
  readonly zh: string;
  readonly en: string;
}

/** The GraphQL enum value of a kind (`owners-check` → `OWNERS_CHECK`), and back. */
export const purposeEnum = (kind: PurposeKind): string => kind.toUpperCase().replace(/-/g, '_');
export const purposeOfEnum = (value: string): PurposeKind | undefined =>
  PURPOSE_KINDS.find((k) => purposeEnum(k) === value);

/**
 * The purpose in words, one sentence per language, naming the bundle (not its code); `bundle` is the
 * bundle's name when the record has one the hall still serves.
 */
export function purposeText(purpose: AuditPurpose, bundle: Localized | undefined): Localized {
  const zhFor = bundle ? `办理「${bundle.zh}」时` : '';
  const enFor = bundle ? ` for “${bundle.en}”` : '';
  switch (purpose.kind) {
    case 'prefill':
      return bundle
        ? { zh: `预填「${bundle.zh}」申请表`, en: `prefilling the form of “${bundle.en}”` }
        : { zh: '预填申请表', en: 'prefilling a form' };
    case 'owners-check':
      return {
        zh: `${zhFor}核验不动产单元 ${purpose.about ?? ''} 的权利人`.trim(),
        en: `checking the owners of real-estate unit ${purpose.about ?? ''}${enFor}`.replace('  ', ' '),
      };
    case 'representative-check':
      return {
        zh: `${zhFor}核验企业 ${purpose.about ?? ''} 的法定代表人`.trim(),
        en: `checking who represents enterprise ${purpose.about ?? ''}${enFor}`.replace('  ', ' '),
      };
    case 'sale-confirmation':
      return {
        zh: `${zhFor}核验出售的不动产单元 ${purpose.about ?? ''} 的权利人`.trim(),
        en: `checking the owners of real-estate unit ${purpose.about ?? ''} offered for sale${enFor}`.replace(
          '  ',
          ' ',
        ),
      };
    case 'fund-check':
      return {
        zh: `${zhFor}核验公积金账户的余额与状态`,
        en: `checking the balance and status of the fund account${enFor}`,
      };
    case 'identity-check':
      return {
        zh: '窗口受理时核验申请人身份（各部门是否登记该人）',
        en: 'checking a walk-in’s identity at a window (whether each department holds the person)',
      };
    case 'other': {
      // A sentence of old written as "中文 / English": each language its half.
      const [zh, en] = (purpose.text ?? '').split(' / ');
      return { zh: zh ?? '', en: en ?? zh ?? '' };
    }
  }
}
