import { type DepartmentKey, departmentNamed } from '@onething/schema';

/** A stored department key named in a sentence (an unknown one, from an older record, as it is). */
export const departmentName = (key: string): { zh: string; en: string } =>
  departmentNamed(key)?.inSentence ?? { zh: key, en: key };

/**
 * Where a prefilled value comes from: which department, read how through the one schema, on the
 * applicant (`me`) or on the enterprise they act for. Only sources whose department the applicant
 * consented to are read; every value keeps its department and the time the department last changed it.
 */
export interface PrefillSource {
  readonly key: string;
  readonly department: DepartmentKey;
  readonly on: 'me' | 'enterprise';
  /** A selection on Person (`me`) or Enterprise, merged with the others into one query. */
  readonly selection: string;
  /** The value from the answer's node; undefined when the department holds none. */
  // biome-ignore lint/suspicious/noExplicitAny: a GraphQL answer's node, read by the source that selected it
  read(node: Record<string, any>, readAt: string): { value: string; updatedAt: string } | undefined;
}

const latest = (dates: string[], fallback: string) => (dates.length ? dates.sort().at(-1)! : fallback);

const enterpriseField = (
  key: string,
  field: string,
  format: (v: unknown) => string = String,
): PrefillSource => ({
  key,
  department: 'market',
  on: 'enterprise',
  selection: `${field} updatedAt`,
  read: (n) =>
    n[field] === null || n[field] === undefined
      ? undefined
      : { value: format(n[field]), updatedAt: n.updatedAt },
});

export const PREFILL_SOURCES: readonly PrefillSource[] = [
  {
    key: 'applicant.name',
    department: 'tax',
    on: 'me',
    selection: 'taxpayer { name updatedAt }',
    read: (n) => n.taxpayer && { value: n.taxpayer.name, updatedAt: n.taxpayer.updatedAt },
  },
  {
    key: 'buyer.isFirstHome',
    department: 'realestate',
    on: 'me',
    selection: 'properties { unitCode use updatedAt }',
    read: (n, readAt) =>
      n.properties && {
        value: String(!n.properties.some((p: { use: string }) => p.use === 'RESIDENTIAL')),
        updatedAt: latest(
          n.properties.map((p: { updatedAt: string }) => p.updatedAt),
          readAt,
        ),
      },
  },
  {
    key: 'fund.personalAccount',
    department: 'fund',
    on: 'me',
    selection: 'fundAccount { personalAccount updatedAt }',
    read: (n) =>
      n.fundAccount && { value: n.fundAccount.personalAccount, updatedAt: n.fundAccount.updatedAt },
  },
  {
    key: 'applicant.isLegalRepresentative',
    department: 'market',
    on: 'me',
    selection: 'representedEnterprises { uscc status updatedAt }',
    read: (n, readAt) =>
      n.representedEnterprises && {
        value: String(n.representedEnterprises.some((e: { status: string }) => e.status === 'ACTIVE')),
        updatedAt: latest(
          n.representedEnterprises.map((e: { updatedAt: string }) => e.updatedAt),
          readAt,
        ),
      },
  },
  {
    key: 'enterprise.uscc',
    department: 'market',
    on: 'enterprise',
    selection: 'uscc updatedAt',
    // The code is the applicant's own input; the register confirms it names a registered enterprise.
    read: (n) => (n.updatedAt ? { value: n.uscc, updatedAt: n.updatedAt } : undefined),
  },
  enterpriseField('enterprise.name', 'name'),
  enterpriseField('enterprise.address', 'address'),
  enterpriseField('enterprise.businessScope', 'businessScope'),
  enterpriseField('enterprise.registeredCapital', 'registeredCapital'),
  {
    key: 'enterprise.legalRepIdNumber',
    department: 'market',
    on: 'enterprise',
    selection: 'legalRepresentative { idNumber } updatedAt',
    read: (n) => n.legalRepresentative && { value: n.legalRepresentative.idNumber, updatedAt: n.updatedAt },
  },
  {
    key: 'tax.taxpayerType',
    department: 'tax',
    on: 'enterprise',
    selection: 'taxpayer { taxpayerType updatedAt }',
    read: (n) =>
      n.taxpayer?.taxpayerType
        ? {
            value: n.taxpayer.taxpayerType === 'GENERAL' ? 'general' : 'small-scale',
            updatedAt: n.taxpayer.updatedAt,
          }
        : undefined,
  },
  {
    key: 'fund.employerAccount',
    department: 'fund',
    on: 'enterprise',
    selection: 'employerAccount { employerAccount updatedAt }',
    read: (n) =>
      n.employerAccount && {
        value: n.employerAccount.employerAccount,
        updatedAt: n.employerAccount.updatedAt,
      },
  },
  {
    key: 'fund.depositRatePercent',
    department: 'fund',
    on: 'enterprise',
    selection: 'employerAccount { depositRatePercent updatedAt }',
    read: (n) =>
      n.employerAccount && {
        value: String(n.employerAccount.depositRatePercent),
        updatedAt: n.employerAccount.updatedAt,
      },
  },
];

/** The sources that can fill some of `keys`. */
export function sourcesFor(keys: ReadonlySet<string>): PrefillSource[] {
  return PREFILL_SOURCES.filter((s) => keys.has(s.key));
}
