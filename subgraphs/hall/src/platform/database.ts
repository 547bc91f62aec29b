import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock';
import { migrate } from './migrations';
import { pglitePool } from './pglite-pool';
import type { HallDatabase } from './schema';

export type Database = Kysely<HallDatabase>;

/** Where the hall keeps its state: PostgreSQL when a URL is given, else an embedded PGlite in a directory. */
export interface DatabaseOptions {
  /** `postgres://…`: the shared engine several hall processes use. */
  readonly url?: string | undefined;
  /** PGlite's directory; `memory://` keeps it in memory (tests). */
  readonly dataDir: string;
  /** PGlite's shared_buffers (a PostgreSQL size; PostgreSQL's 128MB when absent). */
  readonly pgliteSharedBuffers?: string;
  /** Connections to PostgreSQL at most. */
  readonly poolSize?: number;
  /** Told when a PostgreSQL connection fails, idle or in use (the pool replaces it). */
  readonly onConnectionError?: (err: Error) => void;
  /** Migrate only up to this migration (tests of a later migration's data); the latest when absent. */
  readonly migrateTo?: string;
}

/** Opens the database and migrates it to the latest schema. */
export async function openDatabase(
  options: DatabaseOptions,
): Promise<{ db: Database; engine: 'postgresql' | 'pglite' }> {
  let dialect: PostgresDialect;
  let engine: 'postgresql' | 'pglite';
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // A connection the server ends (restart, failover) is dropped and replaced, not a crash: each says so
    // once, idle in the pool or checked out. The pool itself listens only to idle ones, and a connection
    // ended between two queries of a transaction would otherwise raise an unhandled 'error' and end the
    // process; the query in flight, if any, fails, and the pool drops the connection when it comes back.
    pool.on('connect', (client) => client.on('error', (err) => options.onConnectionError?.(err)));
    // The pool repeats an idle connection's failure as it drops it: told above already.
    pool.on('error', () => {});
    dialect = new PostgresDialect({ pool });
    engine = 'postgresql';
  } else {
    if (!options.dataDir.startsWith('memory://')) {
      mkdirSync(options.dataDir, { recursive: true });
      lockDataDir(options.dataDir);
    }
    // Its buffers live in the WebAssembly memory, which never shrinks: PostgreSQL's 128MB default would
    // be held by the hall for good (BENCHMARKS.md §6).
    const lite = new PGlite(options.dataDir, {
      ...(options.pgliteSharedBuffers
        ? { postgresqlconf: [`shared_buffers=${options.pgliteSharedBuffers}`] }
        : {}),
    });
    await lite.waitReady;
    dialect = new PostgresDialect({ pool: pglitePool(lite) });
    engine = 'pglite';
  }
  const db = new Kysely<HallDatabase>({ dialect });
  await migrate(db as unknown as Kysely<unknown>, options.migrateTo);
  return { db, engine };
}
