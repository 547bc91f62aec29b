import type { ColumnType, Generated } from 'kysely';

/** The hall's tables, as Kysely sees them. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;
/** A JSON column that may be null (and is left out on insert). */
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export interface ConsentTable {
  id: string;
  applicant_id_number: string;
  bundle_code: string;
  /** Departments whose data may be read for prefill. */
  scopes: Json<string[]>;
  granted_at: Timestamp;
  revoked_at: Timestamp | null;
  witness: NullableJson<StaffJson>;
  signature_form: ColumnType<string | null, string | null | undefined, string | null>;
  signature_upload_id: ColumnType<string | null, string | null | undefined, string | null>;
  agent: NullableJson<AgentJson>;
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
  /** Why (see consent/audit-purposes.ts): a kind, and the unit or enterprise a check concerned. */
  purpose_kind: ColumnType<string, string | undefined, string>;
  purpose_about: string | null;
  /** The sentence of a record written before kinds, when not recognised (kind `other`); else null. */
  purpose: string | null;
  seq: Generated<number>;
  officer: NullableJson<StaffJson>;
  agent: NullableJson<AgentJson>;
}

export interface HallDatabase {
  consents: ConsentTable;
  prefills: PrefillTable;
  audit_records: AuditRecordTable;
  applications: ApplicationTable;
  parts: PartTable;
  dispatch_jobs: DispatchJobTable;
  uploads: UploadTable;
  callback_nonces: CallbackNonceTable;
  sale_confirmations: SaleConfirmationTable;
  public_status_tokens: PublicStatusTokenTable;
  window_visits: WindowVisitTable;
  drafts: DraftTable;
  handovers: HandoverTable;
  staff_seen: StaffSeenTable;
  delegations: DelegationTable;
  payments: PaymentTable;
  payment_reconciliations: PaymentReconciliationTable;
  notices: NoticeTable;
  hand_outs: HandOutTable;
  staff_notices: StaffNoticeTable;
  urges: UrgeTable;
  calendar_years: CalendarYearTable;
  documents: DocumentTable;
  ratings: RatingTable;
  rating_follow_ups: RatingFollowUpTable;
}

/** A member of staff as stored (their token's subject, name and centre). */
export interface StaffJson {
  subject: string;
  name: string;
  centre: string | null;
}

/** An agent as stored. */
export interface AgentJson {
  idNumber: string;
  name: string;
  delegationId: string;
}

export interface WindowVisitTable {
  id: string;
  applicant_id_number: string;
  applicant_name: string;
  /** Departments that hold the person (lower case). */
  known_to: Json<string[]>;
  /** Enterprises the market register says the person represents (active ones). */
  enterprises: Json<string[]>;
  identity_check: string;
  officer: Json<StaffJson>;
  officer_subject: string;
  opened_at: Timestamp;
  expires_at: Timestamp;
}

export interface DraftTable {
  id: string;
  applicant_id_number: string;
  bundle_code: string;
  options: Json<string[]>;
  values: Json<{ key: string; value: string }[]>;
  materials: Json<{ id: string; uploadId: string }[]>;
  prefill_id: string | null;
  enterprise_uscc: string | null;
  /** Who saved it last, by name. */
  saved_by: string;
  /** `ONLINE` or `WINDOW`. */
  saved_channel: string;
  updated_at: Timestamp;
  expires_at: Timestamp;
}

export interface HandoverTable {
  seq: Generated<number>;
  application_id: string;
  from_officer: NullableJson<StaffJson>;
  to_officer: Json<StaffJson>;
  reason: string | null;
  at: Timestamp;
}

export interface StaffSeenTable {
  subject: string;
  role: string;
  name: string;
  centre: ColumnType<string | null, string | null | undefined, string | null>;
  last_seen_at: Timestamp;
}

/** A signed callback's nonce, remembered for the callbacks' maximum age. */
export interface CallbackNonceTable {
  department: string;
  nonce: string;
  seen_at: Timestamp;
}

export interface ApplicationTable {
  id: string;
  applicant_id_number: string;
  applicant_name: string;
  applicant_subject: string;
  enterprises: Json<string[]>;
  enterprise_uscc: string | null;
  bundle_code: string;
  options: Json<string[]>;
  /** The filled one form: `{ key, value }` in the form's text. */
  values: Json<{ key: string; value: string }[]>;
  /** Materials handed in: material id and the upload that holds it. */
  materials: Json<{ id: string; uploadId: string }[]>;
  status: string;
  submitted_at: Timestamp;
  completed_at: Timestamp | null;
  updated_at: Timestamp;
  rating: number | null;
  rating_comment: string | null;
  rated_at: Timestamp | null;
  /** `ONLINE` or `WINDOW`. */
  channel: ColumnType<string, string | undefined, string>;
  intake_officer: NullableJson<StaffJson>;
  identity_check: ColumnType<string | null, string | null | undefined, string | null>;
  agent: NullableJson<AgentJson>;
  delegation_id: ColumnType<string | null, string | null | undefined, string | null>;
  responsible_officer: NullableJson<StaffJson>;
  responsible_subject: ColumnType<string | null, string | null | undefined, string | null>;
  /** The responsible officer's centre (null: none yet, or centres not configured). */
  centre: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PartTable {
  id: string;
  application_id: string;
  /** Order of the item in the bundle. */
  seq: number;
  item_code: string;
  department: string;
  /** Item codes this part waits for. */
  after: Json<string[]>;
  promised_days: number;
  status: string;
  case_number: string | null;
  accepted_at: Timestamp | null;
  status_at: Timestamp | null;
  /** The promised deadline, a Beijing date `yyyy-MM-dd`. */
  deadline: string | null;
  reason: string | null;
  correction_fields: Json<string[]>;
  result: Json<Record<string, string>>;
  attempts: Generated<number>;
  /** The full problem of the last dispatch (staff only); its code is `last_error_code`. */
  last_error: string | null;
  last_error_code: string | null;
  corrections: Generated<number>;
  dead_lettered_at: Timestamp | null;
  /** The stops of the part's legal clock (applications/model.ts PartClockStop). */
  clock_stops: ColumnType<PartClockStopRow[], string | undefined, string>;
  updated_at: Timestamp;
  /** The item's legal limit in working days, from submission (performance/finish.ts). */
  legal_days: ColumnType<number | null, number | null | undefined, number | null>;
  /** When it was decided, on its department's clock (performance/finish.ts). */
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Its application's submission, kept on the part (it never changes) so the figures count parts taken in by range. */
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Working days it took, running time only (its clock's stops left out). */
  working_days: ColumnType<number | null, number | null | undefined, number | null>;
  /** Whether it was decided by its deadline. */
  on_time: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
}

/** A stop of a part's legal clock as its row keeps it. */
export interface PartClockStopRow {
  reason: string;
  from: string;
  until: string | null;
  declaredDays: number | null;
  by: { kind: 'department'; department: string } | { kind: 'staff'; subject: string; name: string };
  note: string | null;
  at: string;
}

/** A year's working-day schedule an administrator loaded at run time. */
export interface DispatchJobTable {
  id: Generated<number>;
  part_id: string;
  /** `submit`, `correct` or `poll`. */
  kind: string;
  payload: Json<Record<string, unknown>>;
  run_at: Timestamp;
  attempts: number;
  lease_owner: string | null;
  lease_until: Timestamp | null;
  done_at: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  /** The `traceparent` of the request that made the job (null while tracing is off). */
  trace_parent: string | null;
}

export interface UploadTable {
  id: string;
  applicant_id_number: string;
  /** Content address of the stored file. */
  sha256: string;
  /** The type found in the content (application/pdf, image/jpeg, image/png). */
  content_type: string;
  size: number;
  name: string;
  uploaded_at: Timestamp;
  /** When an application first handed it in; null while it is the applicant's alone (then it may expire). */
  handed_in_at: Timestamp | null;
  /** The window visit an officer uploaded it in, for the walk-in (null: uploaded by the applicant or an agent). */
  visit_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SaleConfirmationTable {
  id: string;
  /** The owner who confirmed the sale, as signed in. */
  seller_id_number: string;
  seller_name: string;
  unit_code: string;
  /** The unit's location as the registry held it when the seller confirmed (shown to the buyer). */
  address: string | null;
  /** The buyer it is confirmed to: only they may apply with it. */
  buyer_id_number: string;
  /** The agreed price in fen, when the seller gave one. */
  price_fen: ColumnType<string | null, string | number | null, string | number | null>;
  confirmed_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

/** The token of an application's public status page (papers/status-tokens.ts): one per application. */
export interface PublicStatusTokenTable {
  application_id: string;
  /** 128 random bits, base64url. */
  token: string;
  issued_at: Timestamp;
}

export interface DelegationTable {
  id: string;
  /** Who grants it: the applicant signed in, or the walk-in of a window visit. */
  principal_id_number: string;
  principal_name: string;
  principal_subject: string;
  /** The enterprise the agent acts for, when the delegation is for one. */
  enterprise_uscc: string | null;
  agent_id_number: string;
  agent_name: string;
  /** The bundles the agent may act in. */
  bundle_codes: Json<string[]>;
  /** First and last day of validity, Beijing dates `yyyy-MM-dd`. */
  valid_from: string;
  valid_until: string;
  /** The principal's upload holding the power of attorney (授权委托书). */
  power_of_attorney_upload_id: string | null;
  /** The window officer who recorded it from the signed paper: `{ subject, name, centre }`; null online. */
  recorded_by: ColumnType<
    { subject: string; name: string; centre: string | null } | null,
    string | null,
    string | null
  >;
  granted_at: Timestamp;
  revoked_at: Timestamp | null;
}

/** An application's payment (payments/model.ts Payment); dates inside the JSON columns as ISO strings. */
export interface PaymentTable {
  application_id: string;
  anchor_part_id: string;
  waits_for: Json<string[]>;
  holds: Json<string[]>;
  proof: string;
  status: string;
  attempt: number;
  lines: Json<unknown[]>;
  total_fen: ColumnType<string | number | null, number | null | undefined, number | null>;
  orders: Json<Record<string, unknown>[]>;
  refunds: Json<Record<string, unknown>[]>;
  paid_at: Timestamp | null;
  problem: string | null;
  /** The order numbers, for the platform's notifications to find their payment (one row per order). */
  order_numbers: Json<string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A day's statement reconciled against the hall's payments, with every mismatch found. */
export interface PaymentReconciliationTable {
  date: string;
  reconciled_at: Timestamp;
  lines: number;
  paid_fen: ColumnType<string | number, number, number>;
  refunded_fen: ColumnType<string | number, number, number>;
  mismatches: Json<Record<string, unknown>[]>;
}

/** A notice to an applicant (the inbox) and the outbox of its text message. */
export interface NoticeTable {
  id: string;
  application_id: string;
  /** The applicant's ID number. */
  recipient: string;
  kind: string;
  params: Json<Record<string, unknown>>;
  created_at: Timestamp;
  read_at: Timestamp | null;
  /** The number the text goes to, kept only until it is sent or given up. */
  mobile: string | null;
  /** PENDING, SENT, FAILED, or NO_NUMBER (the form gave none). */
  text_status: string;
  text_attempts: number;
  text_next_at: Timestamp | null;
  text_lease_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  text_sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  text_message_id: ColumnType<string | null, string | null | undefined, string | null>;
  text_error: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the carrier reported the text delivered, or not (DELIVERED, UNDELIVERED). */
  text_delivered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The carrier's status code of that report: `DELIVRD`, or why not (`UNDELIV`, `MN:0001`…). */
  text_carrier_code: ColumnType<string | null, string | null | undefined, string | null>;
}

/** How an application's results are handed out (handout/model.ts HandOut). */
export interface HandOutTable {
  application_id: string;
  method: string;
  address: NullableJson<Record<string, unknown>>;
  status: string;
  waybill_number: ColumnType<string | null, string | null | undefined, string | null>;
  waybill_status: ColumnType<string | null, string | null | undefined, string | null>;
  signer: ColumnType<string | null, string | null | undefined, string | null>;
  collection: NullableJson<Record<string, unknown>>;
  delivered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: Timestamp;
}

/** A notice to staff (supervision/staff-notices.ts). */
export interface StaffNoticeTable {
  id: string;
  part_id: string;
  application_id: string;
  /** PART_YELLOW, PART_RED, URGED or URGE_ANSWERED. */
  kind: string;
  /** DEPARTMENT, OFFICER or SUPERVISOR. */
  audience: string;
  /** The department's key, the officer's subject, or the supervised centre ('' where none). */
  audience_key: string;
  /** What makes it once: the deadline flagged, or the urge's id. */
  occasion: string;
  params: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

/** An urge (催办) on a part, and its department's answer (supervision/urges.ts). */
export interface UrgeTable {
  id: string;
  part_id: string;
  message: string;
  urged_by: Json<StaffJson>;
  urged_at: Timestamp;
  answer: ColumnType<string | null, string | null | undefined, string | null>;
  answered_by: NullableJson<StaffJson>;
  answered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** A year's holiday schedule loaded at run time (supervision/calendar-years.ts). */
export interface CalendarYearTable {
  id: string;
  year: number;
  notice: string;
  holidays: Json<[string, string, string][]>;
  workdays: Json<string[]>;
  loaded_by: Json<StaffJson>;
  loaded_at: Timestamp;
}

/** The department's signature over a document's metadata, as kept (documents/store.ts). */
export interface DocumentSignatureJson {
  algorithm: string;
  keyId: string;
  signedText: string;
  value: string;
}

/** A document a department issued on approving a part (documents/store.ts). */
export interface DocumentTable {
  id: string;
  application_id: string;
  part_id: string;
  bundle_code: string;
  item_code: string;
  applicant_id_number: string;
  department: string;
  case_number: string;
  number: string;
  material_id: string;
  name: Json<{ zh: string; en: string }>;
  kind: string;
  holder_id_number: string;
  holder_name: string;
  subject: string | null;
  issued_at: Timestamp;
  issuer: string;
  content_type: string;
  sha256: string;
  size: number;
  signature: Json<DocumentSignatureJson>;
  kept_at: Timestamp;
}

/** A rating (好差评) of a department's part or of the window's service (ratings/store.ts). */
export interface RatingTable {
  id: string;
  application_id: string;
  /** The part rated; null for the window's service. */
  part_id: string | null;
  /** `PART` or `WINDOW`. */
  target: string;
  /** The part's department key (`tax`); null for the window. */
  department: string | null;
  item_code: string | null;
  /** The window: the application's responsible officer's subject, when it has one. */
  officer_subject: string | null;
  centre: string | null;
  /** 1 (非常不满意) to 5 (非常满意). */
  level: number;
  /** Reason codes of ratings/reasons.ts; `[]` for a good rating. */
  reasons: Json<string[]>;
  comment: string | null;
  /** `ONLINE` or `WINDOW`. */
  channel: string;
  rated_at: Timestamp;
}

/** The follow-up of a bad rating: called back, rectified, the applicant's view (ratings/store.ts). */
export interface RatingFollowUpTable {
  id: string;
  rating_id: string;
  /** The part's department key; `window` for the window's service. */
  department: string;
  centre: string | null;
  /** OPEN, CALLED_BACK, RECTIFIED or CLOSED (ratings/follow-up-machine.ts). */
  status: string;
  opened_at: Timestamp;
  call_back_due: Timestamp;
  rectify_due: Timestamp;
  called_back_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  call_back_note: ColumnType<string | null, string | null | undefined, string | null>;
  called_back_by: NullableJson<StaffJson>;
  rectified_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  rectification: ColumnType<string | null, string | null | undefined, string | null>;
  rectified_by: NullableJson<StaffJson>;
  /** SATISFIED or NOT_SATISFIED, once the applicant answered. */
  applicant_view: ColumnType<string | null, string | null | undefined, string | null>;
  applicant_comment: ColumnType<string | null, string | null | undefined, string | null>;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The supervisor who closed it unanswered (null when the applicant's answer closed it). */
  closed_by: NullableJson<StaffJson>;
}
