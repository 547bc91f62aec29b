import type { LoggedRequest } from '@onething/legacy-kit';
import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import type { Department, TestStack } from '../../stack/support';

/**
 * The stand-ins' operations that read a person's, an enterprise's or a unit's records: what the audit
 * trail is about. Case operations (submitting, reading back or finding the hall's own cases) and the item
 * catalogues are not reads of anyone's data, and are left out.
 */
export const DATA_READS: Readonly<Record<Department, readonly string[]>> = {
  tax: ['taxpayers.query', 'deed_tax.query'],
  market: ['enterprise.get', 'enterprise.list'],
  realestate: ['QueryUnits', 'QueryUnitsByOwner'],
  fund: ['grzhcx', 'dwzhcx', 'dkcx'],
};

/** An audit record as staff read it. */
export interface Audited {
  readonly id: string;
  readonly department: string;
  readonly subjectIdNumber: string | null;
  readonly subjectUscc: string | null;
  readonly fields: readonly string[];
  readonly purpose: string;
}

/** Where each stand-in's request log and the audit trail stand now. */
export interface Mark {
  readonly seq: Readonly<Record<Department, number>>;
  readonly audited: ReadonlySet<string>;
}

export async function auditTrail(s: TestStack, staff: string): Promise<Audited[]> {
  const r = await s.gql<{ auditRecords: Audited[] }>(
    '{ auditRecords(limit: 1000) { id department subjectIdNumber subjectUscc fields purpose } }',
    {},
    staff,
  );
  if (r.errors) throw new Error(`cannot read the audit trail: ${JSON.stringify(r.errors)}`);
  return r.data!.auditRecords;
}

export async function mark(s: TestStack, staff: string): Promise<Mark> {
  const seq = {} as Record<Department, number>;
  for (const d of DEPARTMENT_KEYS) seq[d] = (await s.admin(d).requestLog(0)).at(-1)?.seq ?? 0;
  return { seq, audited: new Set((await auditTrail(s, staff)).map((r) => r.id)) };
}

/** The data reads each stand-in served since a mark, and the audit records written since. */
export async function since(
  s: TestStack,
  staff: string,
  from: Mark,
): Promise<{ reads: (LoggedRequest & { department: Department })[]; records: Audited[] }> {
  const reads: (LoggedRequest & { department: Department })[] = [];
  for (const d of DEPARTMENT_KEYS)
    for (const e of await s.admin(d).requestLog(from.seq[d]))
      if (DATA_READS[d].includes(e.op) && e.outcome === 'ok') reads.push({ ...e, department: d });
  const records = (await auditTrail(s, staff)).filter((r) => !from.audited.has(r.id));
  return { reads, records };
}

/** Who owns a unit, by its code (the seeded register: no test here changes an owner). */
export type Owners = (unitCode: string) => readonly string[] | undefined;

/**
 * Whose data a read was: the people and enterprises it names by key, or, for a read by unit code, the
 * unit's owners (the register answers with them).
 */
export const subjectsOf = (read: LoggedRequest, owners: Owners): string[] =>
  asked(read).flatMap((k) => owners(k) ?? [k]);

/**
 * The keys a read asked for. A stand-in logs every record a request read; listing the enterprises a
 * person represents logs the person, then each enterprise found: it is a read about the person.
 */
const asked = (read: LoggedRequest): string[] =>
  read.op === 'enterprise.list' ? read.keys.slice(0, 1) : read.keys;

/** Whether an audit record accounts for a read: the same department, and one whose data it was. */
export const accounts = (
  r: Audited,
  read: LoggedRequest & { department: Department },
  owners: Owners,
): boolean =>
  r.department === read.department.toUpperCase() &&
  subjectsOf(read, owners).some((k) => k === r.subjectIdNumber || k === r.subjectUscc);

/** Whether the records account for every one whose data a read was. */
export const covered = (
  records: readonly Audited[],
  read: LoggedRequest & { department: Department },
  owners: Owners,
): boolean =>
  subjectsOf(read, owners).every((k) =>
    records.some(
      (r) =>
        r.department === read.department.toUpperCase() && (k === r.subjectIdNumber || k === r.subjectUscc),
    ),
  );
