import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * PGlite behind Kysely's Postgres dialect: one embedded database, one connection. Callers take turns
 * (a transaction holds the connection until it commits), so the same SQL runs on PGlite and on PostgreSQL.
 */
export function pglitePool(db: PGlite): PostgresPool {
  let queue: Promise<void> = Promise.resolve();
  return {
    connect() {
      let release!: () => void;
      const turn = new Promise<void>((resolve) => {
        release = resolve;
      });
      const acquired = queue.then(() => client(db, release));
      queue = queue.then(() => turn);
      return acquired;
    },
    async end() {
      await queue;
      await db.close();
    },
  };
}

const COMMANDS = new Set(['UPDATE', 'DELETE', 'INSERT', 'SELECT', 'MERGE']);

function client(db: PGlite, release: () => void): PostgresPoolClient {
  return {
    async query<R>(sql: unknown, parameters?: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
      if (typeof sql !== 'string') throw new Error('cursors are not supported on PGlite');
      const result = await db.query<R>(sql, parameters as unknown[]);
      const word = /^\s*(?:with\b[\s\S]*?\)\s*)?(\w+)/i.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT';
      const command = (COMMANDS.has(word) ? word : 'SELECT') as PostgresQueryResult<R>['command'];
      return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
    },
    release,
  } as PostgresPoolClient;
}
