import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import { developmentIdentityKeys } from '@onething/runtime/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtEntry, ensureServicesBuilt } from '../../scripts/service-build';
import { freePort } from '../../scripts/stack';
import { ensureWebBuilt } from '../../scripts/web-build';
import { openDatabase } from '../../subgraphs/hall/src/platform/database';
import { processTree } from '../bench/processes';
import {
  deployed,
  launch,
  problemsIn,
  productionEnv,
  ROOT,
  refusedStarts,
  start,
} from '../reliability/security/starts';
import { startTestStack, type TestStack } from './support';

/**
 * The production build (`npm run build`) as a deployment runs it: every service from its dist/ with plain
 * node — no tsx, no TypeScript compiled at start — serving the README's first query; the hall's store
 * migrated first by the migration entry alone, as a deployment's migration job does; and the production
 * profile refusing each development convenience of the built gateway and hall.
 *
 * The test builds what is stale first (esbuild, about 2 s for every service on this machine; the web app
 * when web/ changed, about 5 s more), so it runs on a fresh clone.
 */
const README_FIRST_QUERY = `{
  me {
    idNumber
    taxpayer { name status }
    properties { unitCode address }
    fundAccount { balance status }
  }
}`;

/** The command line a process runs, as /proc has it. */
const commandLine = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);

/** The names of the migrations a PGlite store has run, in order. */
async function migrationsIn(lite: PGlite): Promise<string[]> {
  const { rows } = await lite.query<{ name: string }>('select name from kysely_migration order by name');
  return rows.map((r) => r.name);
}

/** Runs a built entry point to its end: its exit code and output. */
function runToEnd(entry: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [join(ROOT, builtEntry(entry))], {
    cwd: ROOT,
    env: deployed(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

describe('the built stack (npm run build), as deployed', () => {
  let s: TestStack;
  const dir = mkdtempSync(join(tmpdir(), 'onething-built-'));
  const hallDataDir = join(dir, 'hall-db');
  let migrated: { code: number | null; out: string };

  beforeAll(async () => {
    await ensureServicesBuilt();
    await ensureWebBuilt();
    // The migration job first, on the store the hall then opens.
    migrated = await runToEnd('subgraphs/hall/src/migrate.ts', { DATA_DIR: hallDataDir, LOG_LEVEL: 'info' });
  });
  afterAll(() => s?.stop());

  it('migrates the hall’s store with the migration entry alone, then exits', async () => {
    expect(migrated.code, migrated.out).toBe(0);
    const lite = new PGlite(hallDataDir);
    const reference = await openDatabase({ dataDir: 'memory://' });
    try {
      const names = await migrationsIn(lite);
      const latest = await reference.db
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute();
      expect(names.length).toBeGreaterThan(0);
      expect(names).toEqual((latest as { name: string }[]).map((r) => r.name).sort());
    } finally {
      await lite.close();
      await reference.db.destroy();
    }
  });

  it('runs every service from its build with plain node, and serves the README’s first query', async () => {
    s = await startTestStack({ built: true, hallDataDir });
    for (const service of s.stack.services.values()) {
      const pid = service.process.pid!;
      expect(commandLine(pid), service.spec.name).toEqual([
        process.execPath,
        join(ROOT, builtEntry(service.spec.entry)),
      ]);
      // Nothing beside it: no esbuild helper, as tsx keeps beside each service it runs.
      expect(processTree(pid), service.spec.name).toEqual([pid]);
    }
    const token = await s.token('citizen');
    const answer = await s.gql<{ me: Record<string, any> }>(README_FIRST_QUERY, {}, token);
    expect(answer.errors).toBeUndefined();
    const me = answer.data!.me;
    const idNumber = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).id_number;
    expect(me.idNumber).toBe(idNumber);
    expect(me.taxpayer).toMatchObject({ name: expect.any(String), status: expect.any(String) });
    expect(Array.isArray(me.properties)).toBe(true);
    expect(me.fundAccount).toMatchObject({ status: expect.any(String) });
    // The web app, as built today, served by the built gateway.
    const page = await fetch(`${s.gatewayUrl}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module"');
  });
});

describe('the production profile on the built gateway and hall', () => {
  const keys = developmentIdentityKeys(join(mkdtempSync(join(tmpdir(), 'built-profile-')), 'identity'));
  const STARTS = refusedStarts(keys).filter((c) => c.service === 'gateway' || c.service === 'hall');

  beforeAll(() => ensureServicesBuilt());

  it('starts the built gateway and hall in production when no convenience is set', async () => {
    const { gateway, subgraph } = productionEnv(keys);
    // The gateway serves its supergraph file on its own: it answers /health, and runs only the web app's
    // registered operations (the manifest it finds beside its build), by default.
    const port = await freePort();
    const g = launch(
      'gateway/src/main.ts',
      // The hall out of reach, wherever another stack on this machine may listen.
      { ...gateway, PORT: String(port), LOG_LEVEL: 'warn', SUBGRAPH_URLS: 'hall=http://127.0.0.1:9/graphql' },
      false,
      true,
    );
    try {
      for (;;) {
        expect(g.exitCode, 'the built gateway exited').toBeNull();
        const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        await sleep(100);
      }
      const ask = async (body: unknown) => {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return {
          status: res.status,
          codes: ((await res.json()) as any).errors?.map((e: any) => e.extensions.code),
        };
      };
      expect(await ask({ query: '{ bundles { code } }' })).toEqual({
        status: 400,
        codes: ['OPERATION_NOT_REGISTERED'],
      });
      const manifest: Record<string, string> = JSON.parse(
        readFileSync(join(ROOT, 'web/src/api/generated/persisted-documents.json'), 'utf8'),
      );
      const bundleNames = Object.keys(manifest).find((h) => manifest[h]!.startsWith('query BundleNames '))!;
      // Planned and sent on to the hall, which is not running here.
      expect(await ask({ extensions: { persistedQuery: { version: 1, sha256Hash: bundleNames } } })).toEqual({
        status: 200,
        codes: ['SUBGRAPH_UNAVAILABLE'],
      });
    } finally {
      g.kill('SIGKILL');
    }
    // The hall listens only once the supergraph serves the departments' items (none here): past its
    // settings, it opens its store and says so.
    const hall = launch(
      'subgraphs/hall/src/main.ts',
      {
        ...subgraph,
        HALL_CLIENT_SECRET: 'a-secret-the-idp-issued',
        CALLBACK_SECRETS:
          'tax=tax-s3cret-agreed-with-hall,market=market-s3cret-agreed,realestate=realestate-s3cret-agreed,fund=fund-s3cret-agreed-with-hall',
        PUBLIC_BASE_URL: 'https://zwfw.example.gov.cn',
        PAYMENT_CALLBACK_SECRET: 'payment-relay-s3cret-agreed',
        SMS_ACCESS_KEY_SECRET: 'sms-s3cret-the-platform-issued',
        COURIER_APP_SECRET: 'courier-s3cret-the-courier-issued',
        DATA_DIR: join(mkdtempSync(join(tmpdir(), 'built-hall-')), 'db'),
        GATEWAY_URL: 'http://127.0.0.1:9/graphql',
        LOG_LEVEL: 'info',
      },
      true,
      true,
    );
    let out = '';
    hall.stdout?.on('data', (d) => (out += d));
    hall.stderr?.on('data', (d) => (out += d));
    try {
      while (!out.includes('"msg":"hall store open"')) {
        expect(hall.exitCode, `the built hall exited:\n${out}`).toBeNull();
        await sleep(100);
      }
    } finally {
      hall.kill('SIGKILL');
    }
  });

  it('refuses each development convenience, naming it', async () => {
    expect(STARTS.length).toBeGreaterThanOrEqual(8);
    for (let i = 0; i < STARTS.length; i += 3) {
      const batch = STARTS.slice(i, i + 3);
      const results = await Promise.all(batch.map((c) => start(c.entry, c.env, true)));
      batch.forEach((c, j) => {
        const { code, fatal } = results[j]!;
        const problems = problemsIn(fatal);
        expect(code, `${c.service}: ${c.convenience}\n${fatal}`).toBe(1);
        expect(problems, `${c.service}: ${c.convenience}\n${fatal}`).toHaveLength(c.names.length);
        for (const name of c.names)
          expect(
            problems.some((p) => p.startsWith(`  - ${name}=`)),
            `${c.service}: ${c.convenience} names ${name}`,
          ).toBe(true);
      });
    }
  }, 300_000);
});
