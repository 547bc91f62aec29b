import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/platform/database';
import { freshPostgres, needingPostgres, POSTGRES_REACHABLE } from './databases';

/**
 * A PostgreSQL connection the server ends (a restart, a failover, an administrator) while the hall holds
 * it between two queries of a transaction: the transaction fails, the process goes on, and the next
 * query gets a fresh connection.
 */
describe.skipIf(!POSTGRES_REACHABLE)(
  needingPostgres('the hall store when PostgreSQL ends a connection'),
  () => {
    let fresh: Awaited<ReturnType<typeof freshPostgres>>;
    let db: Database;
    const failures: Error[] = [];

    beforeAll(async () => {
      fresh = await freshPostgres();
      db = (await openDatabase({ url: fresh.url, dataDir: '', onConnectionError: (e) => failures.push(e) }))
        .db;
    });
    afterAll(async () => {
      await db?.destroy();
      await fresh?.drop();
    });

    it('fails the transaction holding it, not the process, and serves the next query', async () => {
      const transaction = db.transaction().execute(async (tx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx);
        // Between two queries: the connection is checked out of the pool, no query in flight.
        const admin = new pg.Client({ connectionString: fresh.url });
        await admin.connect();
        await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
        await admin.end();
        // Until the pool has heard of the ended connection (however long a loaded machine takes).
        while (failures.length === 0) await sleep(20);
        await sql`select 1`.execute(tx);
      });
      await expect(transaction).rejects.toThrow(/terminat|Connection/i);
      expect(failures.map((e) => e.message).join('; ')).toMatch(/terminat/i);
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
      expect(rows).toEqual([{ one: 1 }]);
    });
  },
);
