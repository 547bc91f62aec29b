import type { ColumnType, Generated } from 'kysely';

/** The hall's tables, as Kysely sees them. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface ConsentTable {
  id: string;
  applicant_id_number: string;
  bundle_code: string;
  /** Departments whose data may be read for prefill. */
  scopes: Json<string[]>;
  granted_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface PrefillTable {
  id: string;
  applicant_id_number: string;
  bundle_code: string;
  enterprise_uscc: string | null;
  values: Json<{ key: string; value: string; department: string; updatedAt: string; editable: boolean }[]>;
  unavailable: Json<{ department: string; code: string; message: string; fields: string[] }[]>;
  read_at: Timestamp;
}

export interface AuditRecordTable {
  id: string;
  at: Timestamp;
  /** Who caused the read: the applicant's or staff member's subject. */
  actor_subject: string;
  actor_role: string;
  /** Whose data: a person… */
  subject_id_number: string | null;
  /** …or an enterprise. */
  subject_uscc: string | null;
  department: string;
  /** Semantic keys (and what was read to give them). */
  fields: Json<string[]>;
  bundle_code: string | null;
  application_id: string | null;
  purpose: string;
  seq: Generated<number>;
}

export interface HallDatabase {
  consents: ConsentTable;
  prefills: PrefillTable;
  audit_records: AuditRecordTable;
}
