import { randomUUID } from 'node:crypto';
import type { Database } from './database';

/** A cross-department read: who caused it, whose data, which fields, from which department, why, when. */
export interface AuditRecord {
  readonly id: string;
  readonly at: Date;
  readonly actorSubject: string;
  readonly actorRole: string;
  readonly subjectIdNumber: string | null;
  readonly subjectUscc: string | null;
  readonly department: string;
  readonly fields: readonly string[];
  readonly bundleCode: string | null;
  readonly applicationId: string | null;
  readonly purpose: string;
}

export type NewAuditRecord = Omit<AuditRecord, 'id' | 'at'> & { readonly at?: Date };

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
      purpose: r.purpose,
    }));
    await this.db.insertInto('audit_records').values(rows).execute();
    return rows.map((r, i) => ({ ...records[i]!, id: r.id, at: r.at }));
  }

  /** Reads of a person's data, or of the enterprises they represent, newest first. */
  async about(idNumber: string, enterprises: readonly string[], limit = 200): Promise<AuditRecord[]> {
    const rows = await this.db
      .selectFrom('audit_records')
      .selectAll()
      .where((eb) =>
        enterprises.length > 0
          ? eb.or([eb('subject_id_number', '=', idNumber), eb('subject_uscc', 'in', [...enterprises])])
          : eb('subject_id_number', '=', idNumber),
      )
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  /** For staff: by subject and department (departments limits what department staff see). */
  async search(filter: {
    subjectIdNumber?: string | undefined;
    departments?: readonly string[] | undefined;
    limit: number;
  }): Promise<AuditRecord[]> {
    let q = this.db.selectFrom('audit_records').selectAll();
    if (filter.subjectIdNumber) q = q.where('subject_id_number', '=', filter.subjectIdNumber);
    if (filter.departments)
      q = q.where('department', 'in', filter.departments.length ? [...filter.departments] : ['']);
    const rows = await q.orderBy('seq', 'desc').limit(filter.limit).execute();
    return rows.map(fromRow);
  }
}

function fromRow(r: {
  id: string;
  at: Date;
  actor_subject: string;
  actor_role: string;
  subject_id_number: string | null;
  subject_uscc: string | null;
  department: string;
  fields: string[];
  bundle_code: string | null;
  application_id: string | null;
  purpose: string;
}): AuditRecord {
  return {
    id: r.id,
    at: new Date(r.at),
    actorSubject: r.actor_subject,
    actorRole: r.actor_role,
    subjectIdNumber: r.subject_id_number,
    subjectUscc: r.subject_uscc,
    department: r.department,
    fields: r.fields,
    bundleCode: r.bundle_code,
    applicationId: r.application_id,
    purpose: r.purpose,
  };
}
