import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

/**
 * The hall's migrations, in order. Kysely's migrator takes a lock first (an advisory lock on PostgreSQL),
 * so several hall processes starting at once migrate once.
 */
const migrations: Record<string, Migration> = {
  '2026-11-22-001-consents-prefills-audit': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('consents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('applicant_id_number', 'text', (c) => c.notNull())
        .addColumn('bundle_code', 'text', (c) => c.notNull())
        .addColumn('scopes', 'jsonb', (c) => c.notNull())
        .addColumn('granted_at', 'timestamptz', (c) => c.notNull())
        .addColumn('revoked_at', 'timestamptz')
        .execute();
      await db.schema
        .createIndex('consents_applicant')
        .on('consents')
        .columns(['applicant_id_number', 'bundle_code'])
        .execute();
      // One consent in force per applicant and bundle, whatever the concurrency.
      await sql`create unique index consents_in_force on consents (applicant_id_number, bundle_code) where revoked_at is null`.execute(
        db,
      );
      await db.schema
        .createTable('prefills')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('applicant_id_number', 'text', (c) => c.notNull())
        .addColumn('bundle_code', 'text', (c) => c.notNull())
        .addColumn('enterprise_uscc', 'text')
        .addColumn('values', 'jsonb', (c) => c.notNull())
        .addColumn('unavailable', 'jsonb', (c) => c.notNull())
        .addColumn('read_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('audit_records')
        .addColumn('seq', 'serial', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addColumn('actor_subject', 'text', (c) => c.notNull())
        .addColumn('actor_role', 'text', (c) => c.notNull())
        .addColumn('subject_id_number', 'text')
        .addColumn('subject_uscc', 'text')
        .addColumn('department', 'text', (c) => c.notNull())
        .addColumn('fields', 'jsonb', (c) => c.notNull())
        .addColumn('bundle_code', 'text')
        .addColumn('application_id', 'text')
        .addColumn('purpose', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('audit_subject_person')
        .on('audit_records')
        .columns(['subject_id_number', 'seq'])
        .execute();
      await db.schema
        .createIndex('audit_subject_enterprise')
        .on('audit_records')
        .columns(['subject_uscc', 'seq'])
        .execute();
      await db.schema
        .createIndex('audit_department')
        .on('audit_records')
        .columns(['department', 'seq'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await sql`drop table audit_records, prefills, consents`.execute(db);
    },
  },
  '2026-11-22-002-applications-dispatch-uploads': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('applications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('applicant_id_number', 'text', (c) => c.notNull())
        .addColumn('applicant_name', 'text', (c) => c.notNull())
        .addColumn('applicant_subject', 'text', (c) => c.notNull())
        .addColumn('enterprises', 'jsonb', (c) => c.notNull())
        .addColumn('enterprise_uscc', 'text')
        .addColumn('bundle_code', 'text', (c) => c.notNull())
        .addColumn('options', 'jsonb', (c) => c.notNull())
        .addColumn('values', 'jsonb', (c) => c.notNull())
        .addColumn('materials', 'jsonb', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
        .addColumn('completed_at', 'timestamptz')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addColumn('rating', 'integer')
        .addColumn('rating_comment', 'text')
        .addColumn('rated_at', 'timestamptz')
        .execute();
      await db.schema
        .createIndex('applications_applicant')
        .on('applications')
        .columns(['applicant_id_number', 'submitted_at'])
        .execute();
      await db.schema
        .createTable('parts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('item_code', 'text', (c) => c.notNull())
        .addColumn('department', 'text', (c) => c.notNull())
        .addColumn('after', 'jsonb', (c) => c.notNull())
        .addColumn('promised_days', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('case_number', 'text')
        .addColumn('accepted_at', 'timestamptz')
        .addColumn('status_at', 'timestamptz')
        .addColumn('deadline', 'text')
        .addColumn('reason', 'text')
        .addColumn('correction_fields', 'jsonb', (c) => c.notNull())
        .addColumn('result', 'jsonb', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('corrections', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('dead_lettered_at', 'timestamptz')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('parts_application')
        .on('parts')
        .columns(['application_id', 'seq'])
        .execute();
      await db.schema
        .createIndex('parts_department_status')
        .on('parts')
        .columns(['department', 'status'])
        .execute();
      await db.schema.createIndex('parts_case').on('parts').columns(['department', 'case_number']).execute();
      // The outbox: dispatch work written with the application in one transaction, claimed with a lease.
      await db.schema
        .createTable('dispatch_jobs')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('part_id', 'text', (c) => c.notNull().references('parts.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payload', 'jsonb', (c) => c.notNull())
        .addColumn('run_at', 'timestamptz', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'timestamptz')
        .addColumn('done_at', 'timestamptz')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await sql`create index dispatch_jobs_due on dispatch_jobs (run_at) where done_at is null`.execute(db);
      // One open job of a kind per part: enqueuing twice (two pollers approving predecessors) is a no-op.
      await sql`create unique index dispatch_jobs_open on dispatch_jobs (part_id, kind) where done_at is null`.execute(
        db,
      );
      await db.schema
        .createTable('uploads')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('applicant_id_number', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('uploads_applicant')
        .on('uploads')
        .columns(['applicant_id_number', 'uploaded_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await sql`drop table uploads, dispatch_jobs, parts, applications`.execute(db);
    },
  },
  '2026-12-04-001-upload-retention': {
    // When an application first handed an upload in: from then on it is part of a service record and kept;
    // one never handed in is deleted after UPLOAD_RETENTION_HOURS (materials/retention.ts).
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('uploads').addColumn('handed_in_at', 'timestamptz').execute();
      await sql`update uploads u set handed_in_at = (
          select min(a.submitted_at) from applications a
          where a.materials @> jsonb_build_array(jsonb_build_object('uploadId', u.id)))`.execute(db);
      await sql`create index uploads_not_handed_in on uploads (uploaded_at) where handed_in_at is null`.execute(
        db,
      );
    },
    async down(db: Kysely<unknown>) {
      await sql`drop index uploads_not_handed_in`.execute(db);
      await db.schema.alterTable('uploads').dropColumn('handed_in_at').execute();
    },
  },
  '2026-12-04-002-callback-nonces-part-errors': {
    async up(db: Kysely<unknown>) {
      // The nonces of signed callbacks, kept for the callbacks' maximum age, so a replay is refused.
      await db.schema
        .createTable('callback_nonces')
        .addColumn('department', 'text', (c) => c.notNull())
        .addColumn('nonce', 'text', (c) => c.notNull())
        .addColumn('seen_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('callback_nonces_pk', ['department', 'nonce'])
        .execute();
      await db.schema.createIndex('callback_nonces_seen').on('callback_nonces').column('seen_at').execute();
      // The code of a part's last dispatch problem: applicants see it with a plain sentence, staff the detail.
      await db.schema.alterTable('parts').addColumn('last_error_code', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('parts').dropColumn('last_error_code').execute();
      await db.schema.dropTable('callback_nonces').execute();
    },
  },
  // Purposes as kinds (a kind and the unit or enterprise checked) instead of a sentence in both languages,
  // so the trail filters by purpose and speaks one language at a time; readers counted per actor.
  '2026-12-04-003-audit-purposes': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('audit_records')
        .addColumn('purpose_kind', 'text', (c) => c.notNull().defaultTo('other'))
        .addColumn('purpose_about', 'text')
        .execute();
      await db.schema
        .alterTable('audit_records')
        .alterColumn('purpose', (c) => c.dropNotNull())
        .execute();
      // The three sentences the hall wrote, recognised; anything else stays `other` with its sentence.
      await sql`update audit_records set purpose_kind = 'prefill', purpose = null
        where purpose ~ '^预填「.*」申请表 / prefill of the \\S+ form$'`.execute(db);
      await sql`update audit_records set purpose_kind = 'owners-check',
          purpose_about = substring(purpose from '^核验不动产 (\\S+) 的权利人 / '), purpose = null
        where purpose ~ '^核验不动产 \\S+ 的权利人 / '`.execute(db);
      await sql`update audit_records set purpose_kind = 'representative-check',
          purpose_about = substring(purpose from '^核验企业 (\\S+) 的法定代表人 / '), purpose = null
        where purpose ~ '^核验企业 \\S+ 的法定代表人 / '`.execute(db);
      // An applicant's trail filtered by reader, and its readers counted, without reading the whole trail.
      await db.schema
        .createIndex('audit_subject_person_actor')
        .on('audit_records')
        .columns(['subject_id_number', 'actor_subject', 'seq'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await sql`drop index audit_subject_person_actor`.execute(db);
      await sql`update audit_records set purpose = coalesce(purpose, purpose_kind || ' ' || coalesce(purpose_about, ''))`.execute(
        db,
      );
      await sql`alter table audit_records drop column purpose_kind, drop column purpose_about, alter column purpose set not null`.execute(
        db,
      );
    },
  },
  '2026-12-04-004-sale-confirmations': {
    async up(db: Kysely<unknown>) {
      // A seller's confirmation that they sell a unit to a named buyer (《不动产登记暂行条例》第十四条: a sale
      // is registered on the joint application of both parties).
      await db.schema
        .createTable('sale_confirmations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('seller_id_number', 'text', (c) => c.notNull())
        .addColumn('seller_name', 'text', (c) => c.notNull())
        .addColumn('unit_code', 'text', (c) => c.notNull())
        .addColumn('address', 'text')
        .addColumn('buyer_id_number', 'text', (c) => c.notNull())
        .addColumn('price_fen', 'bigint')
        .addColumn('confirmed_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('revoked_at', 'timestamptz')
        .execute();
      await db.schema
        .createIndex('sale_confirmations_seller')
        .on('sale_confirmations')
        .columns(['seller_id_number', 'confirmed_at'])
        .execute();
      await db.schema
        .createIndex('sale_confirmations_buyer')
        .on('sale_confirmations')
        .columns(['buyer_id_number', 'confirmed_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await sql`drop table sale_confirmations`.execute(db);
    },
  },
  '2026-12-04-005-front-desk': {
    async up(db: Kysely<unknown>) {
      // 一窗受理: a walk-in's visit, opened by a window officer after checking who they are.
      await db.schema
        .createTable('window_visits')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('applicant_id_number', 'text', (c) => c.notNull())
        .addColumn('applicant_name', 'text', (c) => c.notNull())
        .addColumn('known_to', 'jsonb', (c) => c.notNull())
        .addColumn('enterprises', 'jsonb', (c) => c.notNull())
        .addColumn('identity_check', 'text', (c) => c.notNull())
        .addColumn('officer', 'jsonb', (c) => c.notNull())
        .addColumn('officer_subject', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .execute();
      // Drafts of one form: as typed, unchecked, until submitted, discarded or expired.
      await db.schema
        .createTable('drafts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('applicant_id_number', 'text', (c) => c.notNull())
        .addColumn('bundle_code', 'text', (c) => c.notNull())
        .addColumn('options', 'jsonb', (c) => c.notNull())
        .addColumn('values', 'jsonb', (c) => c.notNull())
        .addColumn('materials', 'jsonb', (c) => c.notNull())
        .addColumn('prefill_id', 'text')
        .addColumn('enterprise_uscc', 'text')
        .addColumn('saved_by', 'text', (c) => c.notNull())
        .addColumn('saved_channel', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('drafts_applicant')
        .on('drafts')
        .columns(['applicant_id_number', 'updated_at'])
        .execute();
      // How an application was handed in, and its responsible officer (首问负责) with their centre.
      await sql`alter table applications
        add column channel text not null default 'ONLINE',
        add column intake_officer jsonb,
        add column identity_check text,
        add column agent jsonb,
        add column delegation_id text,
        add column responsible_officer jsonb,
        add column responsible_subject text,
        add column centre text`.execute(db);
      await db.schema
        .createIndex('applications_responsible')
        .on('applications')
        .columns(['responsible_subject', 'submitted_at'])
        .execute();
      await sql`create index applications_agent on applications ((agent->>'idNumber'), submitted_at)`.execute(
        db,
      );
      await db.schema
        .createTable('handovers')
        .addColumn('seq', 'serial', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) => c.notNull())
        .addColumn('from_officer', 'jsonb')
        .addColumn('to_officer', 'jsonb', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('handovers_application').on('handovers').column('application_id').execute();
      // Window officers as the hall saw them sign in: whom an application may be handed over to.
      await db.schema
        .createTable('staff_seen')
        .addColumn('subject', 'text', (c) => c.primaryKey())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('centre', 'text')
        .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await sql`alter table consents
        add column witness jsonb,
        add column signature_form text,
        add column signature_upload_id text,
        add column agent jsonb`.execute(db);
      await sql`alter table audit_records add column officer jsonb, add column agent jsonb`.execute(db);
      // An upload an officer made in a visit (the walk-in's, as theirs): what a witnessed consent's signature must be.
      await sql`alter table uploads add column visit_id text`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await sql`alter table uploads drop column visit_id`.execute(db);
      await sql`alter table audit_records drop column officer, drop column agent`.execute(db);
      await sql`alter table consents drop column witness, drop column signature_form, drop column signature_upload_id, drop column agent`.execute(
        db,
      );
      await sql`drop table staff_seen`.execute(db);
      await sql`drop table handovers`.execute(db);
      await sql`drop index applications_agent`.execute(db);
      await sql`drop index applications_responsible`.execute(db);
      await sql`alter table applications drop column channel, drop column intake_officer, drop column identity_check, drop column agent, drop column delegation_id, drop column responsible_officer, drop column responsible_subject, drop column centre`.execute(
        db,
      );
      await sql`drop table drafts`.execute(db);
      await sql`drop table window_visits`.execute(db);
    },
  },
  // Named after the day's migrations already shipped (001–004): a name sorting before one a database has
  // run would be refused by the migrator there.
  '2026-12-04-006-delegations': {
    // Named after every migration an existing hall has run: Kysely refuses a database whose run migrations
    // are not a prefix of the sorted list, so a name sorting before them would stop that hall from starting.
    // Delegations (授权委托): a principal lets an agent act for them (or an enterprise they represent) in
    // named bundles for a term, under a power of attorney; revoked, never deleted (the applications handed
    // in under one name it).
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('delegations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('principal_id_number', 'text', (c) => c.notNull())
        .addColumn('principal_name', 'text', (c) => c.notNull())
        .addColumn('principal_subject', 'text', (c) => c.notNull())
        .addColumn('enterprise_uscc', 'text')
        .addColumn('agent_id_number', 'text', (c) => c.notNull())
        .addColumn('agent_name', 'text', (c) => c.notNull())
        .addColumn('bundle_codes', 'jsonb', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_until', 'text', (c) => c.notNull())
        .addColumn('power_of_attorney_upload_id', 'text')
        .addColumn('recorded_by', 'jsonb')
        .addColumn('granted_at', 'timestamptz', (c) => c.notNull())
        .addColumn('revoked_at', 'timestamptz')
        .execute();
      await db.schema
        .createIndex('delegations_principal')
        .on('delegations')
        .columns(['principal_id_number', 'granted_at'])
        .execute();
      await db.schema
        .createIndex('delegations_agent')
        .on('delegations')
        .columns(['agent_id_number', 'granted_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await sql`drop table delegations`.execute(db);
    },
  },
  '2026-12-04-007-papers': {
    async up(db: Kysely<unknown>) {
      // The token of an application's public status page (the receipt's QR code): random, issued on first
      // ask, one per application. The page shows the number and status only; the token is its only key.
      await db.schema
        .createTable('public_status_tokens')
        .addColumn('application_id', 'text', (c) => c.primaryKey().references('applications.id'))
        .addColumn('token', 'text', (c) => c.notNull().unique())
        .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await sql`drop table public_status_tokens`.execute(db);
    },
  },
  '2026-12-04-008-part-clocks': {
    async up(db: Kysely<unknown>) {
      // Each part's legal clock ledger (限时办结): the stops of its clock (a correction, a payment waited
      // for, an exclusion its department declared), on the part's row, read with it wherever it is read.
      await db.schema
        .alterTable('parts')
        .addColumn('clock_stops', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .execute();
      // The working-day schedules an administrator loaded at run time (a year's State Council notice),
      // over the one shipped with the hall: audited by who loaded it and when.
      await db.schema
        .createTable('calendar_years')
        .addColumn('year', 'integer', (c) => c.primaryKey())
        .addColumn('notice', 'text', (c) => c.notNull())
        .addColumn('holidays', 'jsonb', (c) => c.notNull())
        .addColumn('workdays', 'jsonb', (c) => c.notNull())
        .addColumn('loaded_by', 'text', (c) => c.notNull())
        .addColumn('loaded_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await sql`drop table calendar_years`.execute(db);
      await sql`alter table parts drop column clock_stops`.execute(db);
    },
  },
  '2026-12-04-009-payments': {
    async up(db: Kysely<unknown>) {
      // Each application's payment of its fees (一窗收费): where it stands, the lines the departments
      // assessed, the orders made at the platform (a new one after an expiry), the refunds owed and made.
      await db.schema
        .createTable('payments')
        .addColumn('application_id', 'text', (c) => c.primaryKey().references('applications.id'))
        .addColumn('anchor_part_id', 'text', (c) => c.notNull().references('parts.id'))
        .addColumn('waits_for', 'jsonb', (c) => c.notNull())
        .addColumn('holds', 'jsonb', (c) => c.notNull())
        .addColumn('proof', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('lines', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('total_fen', 'bigint')
        .addColumn('orders', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('refunds', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('order_numbers', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('paid_at', 'timestamptz')
        .addColumn('problem', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
      // A notification names an order: found through its number (jsonb containment, GIN-indexed).
      await sql`create index payments_order_numbers on payments using gin (order_numbers)`.execute(db);
      await sql`create index payments_outstanding on payments (status) where status in ('ORDERING', 'UNPAID', 'EXPIRED')`.execute(
        db,
      );
      // Each day's statement reconciled: what it held and every mismatch with the hall's records.
      await db.schema
        .createTable('payment_reconciliations')
        .addColumn('date', 'text', (c) => c.primaryKey())
        .addColumn('reconciled_at', 'timestamptz', (c) => c.notNull())
        .addColumn('lines', 'integer', (c) => c.notNull())
        .addColumn('paid_fen', 'bigint', (c) => c.notNull())
        .addColumn('refunded_fen', 'bigint', (c) => c.notNull())
        .addColumn('mismatches', 'jsonb', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await sql`drop table payment_reconciliations, payments`.execute(db);
    },
  },
  '2026-12-04-010-notices': {
    async up(db: Kysely<unknown>) {
      // What the applicant is told (the inbox), and the outbox of its text message: written in the
      // transaction of the change it tells of, sent once under its id.
      await db.schema
        .createTable('notices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('params', 'jsonb', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('read_at', 'timestamptz')
        .addColumn('mobile', 'text')
        .addColumn('text_status', 'text', (c) => c.notNull())
        .addColumn('text_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('text_next_at', 'timestamptz')
        .addColumn('text_lease_until', 'timestamptz')
        .addColumn('text_sent_at', 'timestamptz')
        .addColumn('text_message_id', 'text')
        .addColumn('text_error', 'text')
        .execute();
      await sql`create index notices_inbox on notices (recipient, created_at desc)`.execute(db);
      await sql`create index notices_texts_due on notices (text_next_at) where text_status = 'PENDING'`.execute(
        db,
      );
    },
    async down(db: Kysely<unknown>) {
      await sql`drop table notices`.execute(db);
    },
  },
  '2026-12-04-011-hand-outs': {
    async up(db: Kysely<unknown>) {
      // 统一出件: how each application's results reach the applicant (collected at the window, or posted),
      // its waybill and who signed or collected.
      await db.schema
        .createTable('hand_outs')
        .addColumn('application_id', 'text', (c) => c.primaryKey().references('applications.id'))
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('address', 'jsonb')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('waybill_number', 'text', (c) => c.unique())
        .addColumn('waybill_status', 'text')
        .addColumn('signer', 'text')
        .addColumn('collection', 'jsonb')
        .addColumn('delivered_at', 'timestamptz')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
      // Applications handed in before: their results are collected at the window.
      await sql`insert into hand_outs (application_id, method, status, updated_at)
        select id, 'COLLECT', case when status = 'COMPLETED' then 'READY' else 'WAITING' end, now() from applications`.execute(
        db,
      );
    },
    async down(db: Kysely<unknown>) {
      await sql`drop table hand_outs`.execute(db);
    },
  },
  '2026-12-04-020-dispatch-trace-parent': {
    async up(db: Kysely<unknown>) {
      // The W3C trace context (`traceparent`) of the request that made a job, kept with it: its dispatch,
      // by whichever hall process and however long after (a restart between), is traced linked to it.
      // Null while tracing is off, and for jobs made before this column.
      await db.schema.alterTable('dispatch_jobs').addColumn('trace_parent', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await sql`alter table dispatch_jobs drop column trace_parent`.execute(db);
    },
  },
  '2026-12-04-021-supervision': {
    async up(db: Kysely<unknown>) {
      // What staff are told (a part's time limit running out, an urge sent or answered): one row per
      // part, kind, audience and deadline, so every hall's sweep may write it and only the first does.
      await db.schema
        .createTable('staff_notices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('part_id', 'text', (c) => c.notNull().references('parts.id'))
        .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('audience_key', 'text', (c) => c.notNull())
        .addColumn('occasion', 'text', (c) => c.notNull())
        .addColumn('params', 'jsonb', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addUniqueConstraint('staff_notices_once', [
          'part_id',
          'kind',
          'audience',
          'audience_key',
          'occasion',
        ])
        .execute();
      await sql`create index staff_notices_inbox on staff_notices (audience, audience_key, created_at desc)`.execute(
        db,
      );
      // 催办: a supervisor urges a department on a part; the department answers.
      await db.schema
        .createTable('urges')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('part_id', 'text', (c) => c.notNull().references('parts.id'))
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('urged_by', 'jsonb', (c) => c.notNull())
        .addColumn('urged_at', 'timestamptz', (c) => c.notNull())
        .addColumn('answer', 'text')
        .addColumn('answered_by', 'jsonb')
        .addColumn('answered_at', 'timestamptz')
        .execute();
      await sql`create index urges_of_part on urges (part_id, urged_at)`.execute(db);
      // A year's holiday schedule loaded at run time (the shipped file's years are the release's): every
      // load kept, the newest of a year in force. It replaces the table of 008, which nothing wrote (one
      // row per year could not keep the loads it replaced).
      await sql`drop table calendar_years`.execute(db);
      await db.schema
        .createTable('calendar_years')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('notice', 'text', (c) => c.notNull())
        .addColumn('holidays', 'jsonb', (c) => c.notNull())
        .addColumn('workdays', 'jsonb', (c) => c.notNull())
        .addColumn('loaded_by', 'jsonb', (c) => c.notNull())
        .addColumn('loaded_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await sql`create index calendar_years_by_year on calendar_years (year, loaded_at desc)`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await sql`drop table calendar_years, urges, staff_notices`.execute(db);
      await db.schema
        .createTable('calendar_years')
        .addColumn('year', 'integer', (c) => c.primaryKey())
        .addColumn('notice', 'text', (c) => c.notNull())
        .addColumn('holidays', 'jsonb', (c) => c.notNull())
        .addColumn('workdays', 'jsonb', (c) => c.notNull())
        .addColumn('loaded_by', 'text', (c) => c.notNull())
        .addColumn('loaded_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
  '2026-12-04-022-text-delivery': {
    async up(db: Kysely<unknown>) {
      // A text's delivery report (状态报告): delivered to the handset, or not, with the carrier's code.
      await db.schema
        .alterTable('notices')
        .addColumn('text_delivered_at', 'timestamptz')
        .addColumn('text_carrier_code', 'text')
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await sql`alter table notices drop column text_delivered_at, drop column text_carrier_code`.execute(db);
    },
  },
  '2026-12-05-023-documents': {
    async up(db: Kysely<unknown>) {
      // 我的证照: the documents departments issue on approving a part (a certificate, a licence, a receipt),
      // kept with the application: the file (content-addressed, beside the uploads) and the metadata the
      // department signed, with its signature, so it can be checked again later. One row per document a
      // department numbered: fetching twice keeps it once.
      await db.schema
        .createTable('documents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
        .addColumn('part_id', 'text', (c) => c.notNull().references('parts.id'))
        .addColumn('bundle_code', 'text', (c) => c.notNull())
        .addColumn('item_code', 'text', (c) => c.notNull())
        .addColumn('applicant_id_number', 'text', (c) => c.notNull())
        .addColumn('department', 'text', (c) => c.notNull())
        .addColumn('case_number', 'text', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('material_id', 'text', (c) => c.notNull())
        .addColumn('name', 'jsonb', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('holder_id_number', 'text', (c) => c.notNull())
        .addColumn('holder_name', 'text', (c) => c.notNull())
        .addColumn('subject', 'text')
        .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('signature', 'jsonb', (c) => c.notNull())
        .addColumn('kept_at', 'timestamptz', (c) => c.notNull())
        .addUniqueConstraint('documents_once', ['department', 'number'])
        .execute();
      await sql`create index documents_of_holder on documents (holder_id_number, issued_at desc)`.execute(db);
      await sql`create index documents_of_applicant on documents (applicant_id_number, issued_at desc)`.execute(
        db,
      );
      await sql`create index documents_of_application on documents (application_id)`.execute(db);
      await sql`create index documents_by_material on documents (material_id, subject)`.execute(db);
      await sql`create index documents_by_sha on documents (sha256)`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await sql`drop table documents`.execute(db);
    },
  },
  '2026-12-05-023-queue-by-centre': {
    async up(db: Kysely<unknown>) {
      // A centre's queue (its window officers' and supervisors'), listed and followed live (GET
      // /events/queue reads its fingerprint every second per page): by centre, not a scan of every centre's.
      await sql`create index applications_centre on applications (centre, updated_at)`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await sql`drop index applications_centre`.execute(db);
    },
  },
  '2026-12-05-024-ratings': {
    async up(db: Kysely<unknown>) {
      // 好差评, 一事一评 (国办发〔2019〕51号): each department's part and the window's service rated
      // separately, once each; a part's id null is the window's. The old one rating per application
      // (applications.rating, rating_comment, rated_at) is kept but no longer written.
      await db.schema
        .createTable('ratings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
        .addColumn('part_id', 'text', (c) => c.references('parts.id'))
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('department', 'text')
        .addColumn('item_code', 'text')
        .addColumn('officer_subject', 'text')
        .addColumn('centre', 'text')
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('reasons', 'jsonb', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('rated_at', 'timestamptz', (c) => c.notNull())
        .execute();
      // A part once and the window once per application, whatever the concurrency.
      await sql`create unique index ratings_once on ratings (application_id, target, coalesce(part_id, ''))`.execute(
        db,
      );
      await sql`create index ratings_by_time on ratings (rated_at)`.execute(db);
      await sql`create index ratings_by_department on ratings (department, rated_at)`.execute(db);
      await sql`create index ratings_by_officer on ratings (officer_subject, rated_at)`.execute(db);
      // Every bad rating (差评) is called back, rectified and the applicant told: one follow-up per rating.
      await db.schema
        .createTable('rating_follow_ups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('rating_id', 'text', (c) => c.notNull().unique().references('ratings.id'))
        .addColumn('department', 'text', (c) => c.notNull())
        .addColumn('centre', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
        .addColumn('call_back_due', 'timestamptz', (c) => c.notNull())
        .addColumn('rectify_due', 'timestamptz', (c) => c.notNull())
        .addColumn('called_back_at', 'timestamptz')
        .addColumn('call_back_note', 'text')
        .addColumn('called_back_by', 'jsonb')
        .addColumn('rectified_at', 'timestamptz')
        .addColumn('rectification', 'text')
        .addColumn('rectified_by', 'jsonb')
        .addColumn('applicant_view', 'text')
        .addColumn('applicant_comment', 'text')
        .addColumn('closed_at', 'timestamptz')
        // Who closed it when a supervisor did (the applicant's answer closes it with no one here).
        .addColumn('closed_by', 'jsonb')
        .execute();
      await sql`create index rating_follow_ups_due on rating_follow_ups (status, rectify_due)`.execute(db);
      await sql`create index rating_follow_ups_by_department on rating_follow_ups (department, opened_at)`.execute(
        db,
      );
      // Each application already rated becomes its window's rating, as given online. A bad one gets the
      // generic reason (其他: the old form asked for none) and no follow-up: it predates the procedure, and
      // opening them now would tell staff of call-backs long overdue.
      await sql`
        insert into ratings (id, application_id, part_id, target, department, item_code, officer_subject,
          centre, level, reasons, comment, channel, rated_at)
        select gen_random_uuid()::text, id, null, 'WINDOW', null, null, responsible_subject, centre, rating,
          case when rating <= 2 then '["OTHER"]'::jsonb else '[]'::jsonb end, rating_comment, 'ONLINE', rated_at
        from applications where rating is not null and rated_at is not null`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await sql`drop table rating_follow_ups, ratings`.execute(db);
    },
  },
  '2026-12-05-025-performance': {
    async up(db: Kysely<unknown>) {
      // The performance figures (issue 20) count in the database: each part keeps, once decided, when (on its
      // department's clock), the working days it took (running time only) and whether it kept its deadline;
      // and from submission its item's legal limit, for the speed-up against it. Parts decided before this
      // migration get their decision time and whether it kept the deadline; their working days stay unknown
      // (the averages leave them out).
      await db.schema
        .alterTable('parts')
        .addColumn('legal_days', 'integer')
        .addColumn('finished_at', 'timestamptz')
        .addColumn('working_days', 'integer')
        .addColumn('on_time', 'boolean')
        .addColumn('submitted_at', 'timestamptz')
        .execute();
      await sql`update parts p set submitted_at = a.submitted_at from applications a where a.id = p.application_id`.execute(
        db,
      );
      await sql`update parts set finished_at = coalesce(status_at, updated_at),
          on_time = deadline is null or (coalesce(status_at, updated_at) at time zone 'Asia/Shanghai')::date <= deadline::date
        where status in ('APPROVED', 'REJECTED')`.execute(db);
      // Each figure's statement reads one range of one instant (performance/figures.ts): the parts decided
      // in the period from this index alone (everything the figures of a decision read is in it, so a
      // year of a city is read from the index, not from three million rows of parts: BENCHMARKS.md §8);
      // those decided late, for the overdue drill-down; the applications submitted or completed in the
      // period with what the cuts read of them; the parts by their application's submission (kept on each
      // part, as it never changes) with what the figures of taking in read; the ratings with what theirs read.
      await sql`create index parts_finished on parts (finished_at)
        include (status, on_time, working_days, promised_days, legal_days, department, item_code, application_id)
        where finished_at is not null`.execute(db);
      await sql`create index parts_finished_late on parts (finished_at) where not on_time`.execute(db);
      await sql`create index parts_submitted on parts (submitted_at)
        include (application_id, status, corrections, department, item_code)`.execute(db);
      await sql`create index ratings_figures on ratings (rated_at)
        include (level, centre, department, item_code, officer_subject, application_id)`.execute(db);
      await sql`create index parts_department_finished on parts (department, finished_at)`.execute(db);
      await sql`create index parts_open_deadline on parts (deadline) where status not in ('APPROVED', 'REJECTED', 'CANCELLED')`.execute(
        db,
      );
      await sql`create index parts_dead_lettered on parts (dead_lettered_at) where dead_lettered_at is not null`.execute(
        db,
      );
      await sql`create index applications_submitted on applications (submitted_at)
        include (id, centre, bundle_code, responsible_subject)`.execute(db);
      await sql`create index applications_completed on applications (completed_at)
        include (id, centre, bundle_code, responsible_subject) where completed_at is not null`.execute(db);
      await sql`create index payments_paid on payments (paid_at) where paid_at is not null`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await sql`drop index parts_finished, parts_finished_late, parts_submitted, ratings_figures, parts_department_finished, parts_open_deadline, parts_dead_lettered,
        applications_submitted, applications_completed, payments_paid`.execute(db);
      await sql`alter table parts drop column legal_days, drop column finished_at, drop column working_days, drop column on_time, drop column submitted_at`.execute(
        db,
      );
    },
  },
  '2026-12-05-026-performance-days': {
    async up(db: Kysely<unknown>) {
      // The figures of past days, summed once (performance/rollup.ts): a month of a city's year read from
      // its parts took seconds (BENCHMARKS.md §8). One row per day and grain (centre, bundle, officer,
      // department, item), each activity's counts and sums keyed by the day of its own instant; the working
      // days of the parts decided, as a histogram, so the 90th percentile stays exact.
      const grain = sql`day date not null, centre text not null, bundle_code text not null, officer text not null,
        department text not null, item_code text not null`;
      const counts = [
        'applications_taken_in',
        'applications_completed',
        'parts_taken_in',
        'corrections',
        'taken_in_first_of_department',
        'taken_in_first_of_item',
        'completed_first_of_department',
        'completed_first_of_item',
        'parts_completed',
        'on_time',
        'overdue_completed',
        'days_count',
        'promised_count',
        'legal_count',
        'instant',
        'refusals',
        'dead_letters',
        'payments',
        'payment_lines',
        'ratings',
        'bad_ratings',
        'follow_ups_opened',
        'follow_ups_closed',
      ];
      const sums = [
        'days_sum',
        'promised_sum',
        'legal_sum',
        'promised_with_legal_sum',
        'actual_sum',
        'promised_timed_sum',
        'payments_fen',
        'lines_fen',
        'rating_sum',
      ];
      const columns = [...counts, ...sums].map((c) => sql.raw(`${c} bigint not null default 0`));
      await sql`create table performance_days (${grain}, ${sql.join(columns)},
        primary key (day, centre, bundle_code, officer, department, item_code))`.execute(db);
      await sql`create table performance_day_days (${grain}, working_days integer not null, parts bigint not null,
        primary key (day, centre, bundle_code, officer, department, item_code, working_days))`.execute(db);
      // The same summed again per calendar month (its day the month's first), for a year read in twelve steps.
      await sql`create table performance_months (${grain}, ${sql.join(columns)},
        primary key (day, centre, bundle_code, officer, department, item_code))`.execute(db);
      await sql`create table performance_month_days (${grain}, working_days integer not null, parts bigint not null,
        primary key (day, centre, bundle_code, officer, department, item_code, working_days))`.execute(db);
      // Which days are summed: through `marked_through` a change is marked (the days it touches become
      // dirty); through `ready_through` the sums are read. A day is marked first and summed once the
      // transactions that began before its marking have ended, so none of them is missed.
      await sql`create table performance_rollup (id integer primary key check (id = 1),
        marked_through date, marked_at timestamptz, ready_through date)`.execute(db);
      await sql`insert into performance_rollup (id) values (1)`.execute(db);
      await sql`create table performance_dirty_days (day date primary key)`.execute(db);
      // Every change of a row a figure counts marks the summed days it touches, whatever code wrote it: a
      // late decision, a correction asked of a part taken in last month, an application handed to another
      // officer, a payment reconciled, a rating migrated. Marked days are read from the tables until summed
      // again.
      await sql`create function performance_mark(variadic instants timestamptz[]) returns void
        language plpgsql as $$
        declare
          through date;
          i timestamptz;
        begin
          select marked_through into through from performance_rollup where id = 1;
          if through is null then return; end if;
          foreach i in array instants loop
            if i is not null and (i at time zone 'Asia/Shanghai')::date <= through then
              insert into performance_dirty_days (day) values ((i at time zone 'Asia/Shanghai')::date)
                on conflict do nothing;
            end if;
          end loop;
        end $$`.execute(db);
      // Each of a part's days only for what it counts there: a decision does not touch the day the part
      // was taken in (a correction asked does), so the days of open parts are not summed again all day.
      await sql`create function performance_parts_changed() returns trigger language plpgsql as $$
        begin
          if tg_op = 'INSERT' then
            perform performance_mark(new.submitted_at, new.finished_at, new.dead_lettered_at);
          elsif tg_op = 'DELETE' then
            perform performance_mark(old.submitted_at, old.finished_at, old.dead_lettered_at);
          else
            -- Taken in: the part, and whether a correction was asked of it.
            if old.submitted_at is distinct from new.submitted_at or old.department is distinct from new.department
              or old.item_code is distinct from new.item_code or old.corrections is distinct from new.corrections
              or (old.status = 'CORRECTION_REQUESTED') is distinct from (new.status = 'CORRECTION_REQUESTED') then
              perform performance_mark(old.submitted_at, new.submitted_at);
            end if;
            -- Decided: when, in how long, on time or not, approved or refused.
            if old.finished_at is distinct from new.finished_at or old.on_time is distinct from new.on_time
              or old.working_days is distinct from new.working_days
              or old.promised_days is distinct from new.promised_days or old.legal_days is distinct from new.legal_days
              or old.department is distinct from new.department or old.item_code is distinct from new.item_code
              or (old.status in ('APPROVED', 'REJECTED')) is distinct from (new.status in ('APPROVED', 'REJECTED'))
              or (old.status = 'REJECTED') is distinct from (new.status = 'REJECTED') then
              perform performance_mark(old.finished_at, new.finished_at);
            end if;
            if old.dead_lettered_at is distinct from new.dead_lettered_at or old.department is distinct from new.department
              or old.item_code is distinct from new.item_code then
              perform performance_mark(old.dead_lettered_at, new.dead_lettered_at);
            end if;
          end if;
          return null;
        end $$`.execute(db);
      await sql`create trigger performance_parts_inserted_or_deleted after insert or delete on parts
        for each row execute function performance_parts_changed()`.execute(db);
      // A part's status moves often; only a move into or out of what a figure counts marks a day.
      await sql`create trigger performance_parts_updated after update on parts for each row
        when (old.corrections is distinct from new.corrections
          or ((old.status in ('CORRECTION_REQUESTED', 'APPROVED', 'REJECTED')
              or new.status in ('CORRECTION_REQUESTED', 'APPROVED', 'REJECTED'))
            and old.status is distinct from new.status)
          or old.submitted_at is distinct from new.submitted_at
          or old.finished_at is distinct from new.finished_at
          or old.on_time is distinct from new.on_time
          or old.working_days is distinct from new.working_days
          or old.promised_days is distinct from new.promised_days
          or old.legal_days is distinct from new.legal_days
          or old.dead_lettered_at is distinct from new.dead_lettered_at
          or old.department is distinct from new.department
          or old.item_code is distinct from new.item_code)
        execute function performance_parts_changed()`.execute(db);
      // An application's centre, bundle and officer are its parts', payments' and ratings' grain.
      await sql`create function performance_applications_changed() returns trigger language plpgsql as $$
        begin
          if tg_op = 'DELETE' then
            perform performance_mark(old.submitted_at, old.completed_at);
            return null;
          end if;
          perform performance_mark(new.submitted_at, new.completed_at);
          if tg_op = 'UPDATE' then
            perform performance_mark(old.submitted_at, old.completed_at);
            perform performance_mark(p.submitted_at, p.finished_at, p.dead_lettered_at) from parts p where p.application_id = new.id;
            perform performance_mark(pay.paid_at) from payments pay where pay.application_id = new.id;
            perform performance_mark(r.rated_at) from ratings r where r.application_id = new.id;
          end if;
          return null;
        end $$`.execute(db);
      await sql`create trigger performance_applications_inserted_or_deleted after insert or delete on applications
        for each row execute function performance_applications_changed()`.execute(db);
      await sql`create trigger performance_applications_updated after update on applications for each row
        when (old.centre is distinct from new.centre
          or old.bundle_code is distinct from new.bundle_code
          or old.responsible_subject is distinct from new.responsible_subject
          or old.submitted_at is distinct from new.submitted_at
          or old.completed_at is distinct from new.completed_at)
        execute function performance_applications_changed()`.execute(db);
      // A row counted on the day of one instant of its own (named as the trigger's argument): a payment when
      // paid, a rating when given, a follow-up when opened (closing it changes that day's 回访整改率).
      await sql`create function performance_instant_changed() returns trigger language plpgsql as $$
        begin
          if tg_op <> 'INSERT' then perform performance_mark((to_jsonb(old)->>tg_argv[0])::timestamptz); end if;
          if tg_op <> 'DELETE' then perform performance_mark((to_jsonb(new)->>tg_argv[0])::timestamptz); end if;
          return null;
        end $$`.execute(db);
      await sql`create trigger performance_payments_changed after insert or delete or update of status, paid_at, lines, total_fen, application_id
        on payments for each row execute function performance_instant_changed('paid_at')`.execute(db);
      await sql`create trigger performance_ratings_changed after insert or delete or update on ratings
        for each row execute function performance_instant_changed('rated_at')`.execute(db);
      await sql`create trigger performance_follow_ups_changed after insert or delete or update of status, rectified_at, opened_at, department
        on rating_follow_ups for each row execute function performance_instant_changed('opened_at')`.execute(
        db,
      );
    },
    async down(db: Kysely<unknown>) {
      await sql`drop trigger performance_parts_inserted_or_deleted on parts`.execute(db);
      await sql`drop trigger performance_parts_updated on parts`.execute(db);
      await sql`drop trigger performance_applications_inserted_or_deleted on applications`.execute(db);
      await sql`drop trigger performance_applications_updated on applications`.execute(db);
      await sql`drop trigger performance_payments_changed on payments`.execute(db);
      await sql`drop trigger performance_ratings_changed on ratings`.execute(db);
      await sql`drop trigger performance_follow_ups_changed on rating_follow_ups`.execute(db);
      await sql`drop function performance_parts_changed, performance_applications_changed, performance_instant_changed,
        performance_mark`.execute(db);
      await sql`drop table performance_days, performance_day_days, performance_rollup, performance_dirty_days`.execute(
        db,
      );
    },
  },
  /**
   * The work that moves an application on (submissions, corrections, payments, posting) is claimed before
   * the reads of cases being decided, however long those have been due: 10,000 young cases' reads kept
   * submissions waiting minutes behind them. Its own index, so the first claim reads no poll.
   */
  '2026-12-05-027-dispatch-jobs-first': {
    async up(db: Kysely<unknown>) {
      await sql`create index dispatch_jobs_due_first on dispatch_jobs (run_at) where done_at is null and kind <> 'poll'`.execute(
        db,
      );
    },
    async down(db: Kysely<unknown>) {
      await sql`drop index dispatch_jobs_due_first`.execute(db);
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the database to the latest schema (or to the named migration: tests of a migration's data);
 * throws naming the migration that failed.
 */
export async function migrate(db: Kysely<unknown>, upTo?: string): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = upTo ? await migrator.migrateTo(upTo) : await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error)
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message}`);
}
