import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { type Database, openDatabase } from '../src/platform/database';

/**
 * The engines the store's tests run on: an in-memory PGlite always, and PostgreSQL — a fresh database on
 * the server at TEST_POSTGRES_URL (default: the machine's local server) — when it is reachable. CI sets
 * REQUIRE_POSTGRES=1 so an unreachable server fails the run instead of skipping.
 */
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresReachable(): Promise<boolean> {
  // No server refuses at once; a loaded machine can take seconds to accept: a short timeout would take a
  // slow server for none and skip its tests.
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 20_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (e) {
    if (process.env.REQUIRE_POSTGRES)
      throw new Error(`PostgreSQL is required but ${ADMIN_URL} cannot be reached: ${(e as Error).message}`);
    return false;
  }
}

export interface TestDatabase {
  readonly engine: 'pglite' | 'postgresql';
  readonly url?: string;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

/** A fresh, empty PostgreSQL database (its URL), and how to drop it. */
export async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `onething_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Whether the PostgreSQL server at TEST_POSTGRES_URL answered (CI requires it: REQUIRE_POSTGRES=1). */
export const POSTGRES_REACHABLE = await postgresReachable();

/** Why a PostgreSQL test is skipped, in its name, so the reporter lists it skipped and says why. */
export const POSTGRES_SKIPPED = `skipped: no PostgreSQL at ${new URL(ADMIN_URL).host} (set TEST_POSTGRES_URL, or REQUIRE_POSTGRES=1 to fail instead)`;

/** A test's name, with why it is skipped where it needs PostgreSQL and none answers. */
export const needingPostgres = (name: string): string =>
  POSTGRES_REACHABLE ? name : `${name} — ${POSTGRES_SKIPPED}`;

export const ALL_ENGINES: readonly ('pglite' | 'postgresql')[] = ['pglite', 'postgresql'];

/** The engines reachable here: PGlite always, PostgreSQL when its server answers. */
export const ENGINES: readonly ('pglite' | 'postgresql')[] = POSTGRES_REACHABLE ? ALL_ENGINES : ['pglite'];

/**
 * The same tests on every engine, named `<name> on <engine>`; without a PostgreSQL server its variant is
 * listed as skipped, with why (not left out silently).
 */
export function describeOnEngines(name: string, body: (engine: 'pglite' | 'postgresql') => void): void {
  for (const engine of ALL_ENGINES) {
    const skipped = !ENGINES.includes(engine);
    describe.skipIf(skipped)(`${name} on ${engine}${skipped ? ` — ${POSTGRES_SKIPPED}` : ''}`, () =>
      body(engine),
    );
  }
}

export async function testDatabase(engine: 'pglite' | 'postgresql'): Promise<TestDatabase> {
  if (engine === 'pglite') {
    return {
      engine,
      open: async () => (await openDatabase({ dataDir: 'memory://' })).db,
      drop: async () => {},
    };
  }
  const fresh = await freshPostgres();
  return {
    engine,
    url: fresh.url,
    open: async () => (await openDatabase({ url: fresh.url, dataDir: '' })).db,
    drop: fresh.drop,
  };
}
