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
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the database to the latest schema; throws naming the migration that failed. */
export async function migrate(db: Kysely<unknown>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error)
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message}`);
}
