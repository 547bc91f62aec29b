import { randomUUID } from 'node:crypto';
import { type ExpressionBuilder, sql } from 'kysely';
import type { AgentRef, StaffRef } from '../acting/acting';
import type { Database } from '../platform/database';
import type { HallDatabase } from '../platform/schema';
import type { AuditPurpose, PurposeKind } from './audit-purposes';

/** A cross-department read: who caused it, whose data, which fields, from which department, why, when. */
export interface AuditRecord {
  readonly id: string;
  /** Its place in the trail: increasing, the order of newest first and of cursors. */
  readonly seq: number;
  readonly at: Date;
  readonly actorSubject: string;
  readonly actorRole: string;
  readonly subjectIdNumber: string | null;
  readonly subjectUscc: string | null;
  readonly department: string;
  readonly fields: readonly string[];
  readonly bundleCode: string | null;
  readonly applicationId: string | null;
  readonly purpose: AuditPurpose;
  /** The window officer in whose visit it was read (一窗受理), or null. */
  readonly officer: StaffRef | null;
  /** The agent who caused it for the principal under a delegation (代办), or null. */
  readonly agent: AgentRef | null;
}

export type NewAuditRecord = Omit<AuditRecord, 'id' | 'at' | 'seq' | 'officer' | 'agent'> & {
  readonly at?: Date;
  readonly officer?: StaffRef | null;
  readonly agent?: AgentRef | null;
};

/**
 * Whose trail: an applicant's (their person and the enterprises they represent), or for staff the whole
 * trail narrowed to a person and to departments (department staff: theirs).
 */
export type AuditScope =
  | { readonly idNumber: string; readonly enterprises: readonly string[] }
  | { readonly subjectIdNumber?: string | undefined; readonly departments?: readonly string[] | undefined };

/** Narrows a scope: records by one actor, of one purpose, older than a place in the trail. */
export interface AuditFilter {
  readonly actorSubject?: string | undefined;
  readonly purpose?: PurposeKind | undefined;
  readonly beforeSeq?: number | undefined;
}

/** Someone who caused reads in a scope: how many, the first (their stable id) and the last. */
export interface AuditReader {
  readonly actorSubject: string;
  readonly actorRole: string;
  readonly firstSeq: number;
  readonly count: number;
  readonly lastAt: Date;
}

type Where = ExpressionBuilder<HallDatabase, 'audit_records'>;

/** The audit trail of cross-department reads (数据调用留痕), append-only. */
export class AuditTrail {
  constructor(private readonly db: Database) {}

  async record(records: readonly NewAuditRecord[]): Promise<AuditRecord[]> {
    if (records.length === 0) return [];
    const rows = records.map((r) => ({
      id: randomUUID(),
      at: r.at ?? new Date(),
      actor_subject: r.actorSubject,
      actor_role: r.actorRole,
      subject_id_number: r.subjectIdNumber,
      subject_uscc: r.subjectUscc,
      department: r.department,
      fields: JSON.stringify(r.fields),
      bundle_code: r.bundleCode,
      application_id: r.applicationId,
      purpose_kind: r.purpose.kind,
      purpose_about: r.purpose.about,
      purpose: r.purpose.text ?? null,
      officer: r.officer ? JSON.stringify(r.officer) : null,
      agent: r.agent ? JSON.stringify(r.agent) : null,
    }));
    const saved = await this.db.insertInto('audit_records').values(rows).returning(['id', 'seq']).execute();
    const seqOf = new Map(saved.map((s) => [s.id, s.seq]));
    return rows.map((r, i) => ({
      ...records[i]!,
      officer: records[i]!.officer ?? null,
      agent: records[i]!.agent ?? null,
      id: r.id,
      at: r.at,
      seq: seqOf.get(r.id)!,
    }));
  }

  /** Reads of a person's data, or of the enterprises they represent, newest first. */
  async about(idNumber: string, enterprises: readonly string[], limit = 200): Promise<AuditRecord[]> {
    return (await this.page({ idNumber, enterprises }, {}, limit)).records;
  }

  /** For staff: by subject and department (departments limits what department staff see). */
  async search(filter: {
    subjectIdNumber?: string | undefined;
    departments?: readonly string[] | undefined;
    limit: number;
  }): Promise<AuditRecord[]> {
    return (await this.page(filter, {}, filter.limit)).records;
  }

  /**
   * One page of a scope, newest first: at most `first` records older than `filter.beforeSeq`, whether more
   * follow, and how many records the scope and filter hold (without `beforeSeq`).
   */
  async page(
    scope: AuditScope,
    filter: AuditFilter,
    first: number,
  ): Promise<{ records: AuditRecord[]; hasMore: boolean; total: number }> {
    const where = (eb: Where) => eb.and([inScope(eb, scope), ...narrowedBy(eb, filter)]);
    const rows = await this.db
      .selectFrom('audit_records')
      .selectAll()
      .where((eb) =>
        filter.beforeSeq === undefined ? where(eb) : eb.and([where(eb), eb('seq', '<', filter.beforeSeq)]),
      )
      .orderBy('seq', 'desc')
      .limit(first + 1)
      .execute();
    const { n } = await this.db
      .selectFrom('audit_records')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where(where)
      .executeTakeFirstOrThrow();
    return { records: rows.slice(0, first).map(fromRow), hasMore: rows.length > first, total: Number(n) };
  }

  /** Who caused the reads of a scope (at most `limit`), most reads first. */
  async readers(scope: AuditScope, limit = 100): Promise<AuditReader[]> {
    const rows = await this.db
      .selectFrom('audit_records')
      .select((eb) => [
        'actor_subject',
        eb.fn.max('actor_role').as('actor_role'),
        eb.fn.min('seq').as('first_seq'),
        eb.fn.countAll<string>().as('n'),
        eb.fn.max('at').as('last_at'),
      ])
      .where((eb) => inScope(eb, scope))
      .groupBy('actor_subject')
      .orderBy(sql`count(*)`, 'desc')
      .orderBy('first_seq', 'asc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      actorSubject: r.actor_subject,
      actorRole: r.actor_role,
      firstSeq: Number(r.first_seq),
      count: Number(r.n),
      lastAt: new Date(r.last_at),
    }));
  }

  /** The first place in the scope of each of these actors: their reader id. */
  async firstSeqs(scope: AuditScope, actors: readonly string[]): Promise<Map<string, number>> {
    if (actors.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('audit_records')
      .select((eb) => ['actor_subject', eb.fn.min('seq').as('first_seq')])
      .where((eb) => eb.and([inScope(eb, scope), eb('actor_subject', 'in', [...actors])]))
      .groupBy('actor_subject')
      .execute();
    return new Map(rows.map((r) => [r.actor_subject, Number(r.first_seq)]));
  }

  /** The actor of the record at `seq`, if that record is in the scope. */
  async actorAt(scope: AuditScope, seq: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('audit_records')
      .select('actor_subject')
      .where((eb) => eb.and([inScope(eb, scope), eb('seq', '=', seq)]))
      .executeTakeFirst();
    return row?.actor_subject;
  }
}

function inScope(eb: Where, scope: AuditScope) {
  if ('idNumber' in scope)
    return scope.enterprises.length > 0
      ? eb.or([
          eb('subject_id_number', '=', scope.idNumber),
          eb('subject_uscc', 'in', [...scope.enterprises]),
        ])
      : eb('subject_id_number', '=', scope.idNumber);
  const all = [];
  if (scope.subjectIdNumber) all.push(eb('subject_id_number', '=', scope.subjectIdNumber));
  if (scope.departments)
    all.push(eb('department', 'in', scope.departments.length ? [...scope.departments] : ['']));
  return eb.and(all);
}

function narrowedBy(eb: Where, filter: AuditFilter) {
  return [
    ...(filter.actorSubject !== undefined ? [eb('actor_subject', '=', filter.actorSubject)] : []),
    ...(filter.purpose !== undefined ? [eb('purpose_kind', '=', filter.purpose)] : []),
  ];
}

function fromRow(r: {
  id: string;
  seq: number;
  at: Date;
  actor_subject: string;
  actor_role: string;
  subject_id_number: string | null;
  subject_uscc: string | null;
  department: string;
  fields: string[];
  bundle_code: string | null;
  application_id: string | null;
  purpose_kind: string;
  purpose_about: string | null;
  purpose: string | null;
  officer?: StaffRef | null;
  agent?: AgentRef | null;
}): AuditRecord {
  return {
    id: r.id,
    seq: Number(r.seq),
    at: new Date(r.at),
    actorSubject: r.actor_subject,
    actorRole: r.actor_role,
    subjectIdNumber: r.subject_id_number,
    subjectUscc: r.subject_uscc,
    department: r.department,
    fields: r.fields,
    bundleCode: r.bundle_code,
    applicationId: r.application_id,
    purpose: { kind: r.purpose_kind as PurposeKind, about: r.purpose_about, text: r.purpose },
    officer: r.officer ?? null,
    agent: r.agent ?? null,
  };
}
