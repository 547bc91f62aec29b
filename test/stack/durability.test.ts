import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, type RunningStack, stackServices, startStack } from '../../scripts/stack';
import { freshPostgres, needingPostgres, POSTGRES_REACHABLE } from '../../subgraphs/hall/test/databases';
import {
  type ApplicationView,
  advanceClocks,
  application,
  buyerToken,
  completeHouseTransfers,
  eventually,
  houseTransferMaterials,
  houseTransferValues,
  idNumberOf,
  type Parties,
  parties,
  submit,
} from './house-transfer';
import { startTestStack, type TestStack } from './support';

/**
 * What the outbox and the leases promise, shown on the whole stack: a hall killed again and again in the
 * middle of dispatching, and two halls sharing one PostgreSQL, send every part to its department exactly
 * once — counted at the stand-ins, the non-idempotent registry included.
 */

/** Fast dispatch for tests: short leases so a killed process's jobs are taken over within seconds. */
const FAST = {
  POLL_INTERVAL_MS: '500',
  DISPATCH_LEASE_MS: '1500',
  DISPATCH_BACKOFF_MS: '100',
  DISPATCH_BACKOFF_MAX_MS: '1000',
};
/** The stand-ins' operations that create a case (tax, fund, registry, market). */
const SUBMIT_OPS = ['cases.submit', 'ywsl', 'SubmitApplication', 'applications.submit'];
const ITEMS = [
  ['tax', 'TAX-DEED-TAX'],
  ['fund', 'FUND-PURCHASE-WITHDRAWAL'],
  ['realestate', 'RE-TRANSFER'],
] as const;

interface Submitted {
  readonly parties: Parties;
  readonly token: string;
  readonly id: string;
}

async function submitMany(s: TestStack, first: number, n: number): Promise<Submitted[]> {
  const personas = [idNumberOf(await s.token('citizen')), idNumberOf(await s.token('seller'))];
  const out: Submitted[] = [];
  for (let i = 0; i < n; i++) {
    const p = parties(first + i, personas);
    const token = await buyerToken(s, p);
    const a = await submit(s, token, {
      bundleCode: 'HOUSE-TRANSFER',
      values: houseTransferValues(p.buyer.idNumber, p.seller.idNumber),
      materials: await houseTransferMaterials(s, token),
    });
    out.push({ parties: p, token, id: a.id });
  }
  return out;
}

/** Every application read back; each with its parts' statuses. */
const readAll = (s: TestStack, apps: readonly Submitted[]) =>
  Promise.all(apps.map((a) => application(s, a.token, a.id)));

const allParts = (apps: readonly ApplicationView[], item: string, statuses: readonly string[]) =>
  apps.every((a) => statuses.includes(a.parts.find((p) => p.itemCode === item)!.status));

/** Each department received each application's case once: one case per buyer and item. */
async function expectOneCaseEach(s: TestStack, apps: readonly Submitted[], done: readonly ApplicationView[]) {
  for (const [dept, item] of ITEMS) {
    const cases = (await s.admin(dept).cases({ item })).filter((c) =>
      apps.some((a) => a.parties.buyer.idNumber === c.applicantId),
    );
    const perBuyer = new Map<string, number>();
    for (const c of cases) perBuyer.set(c.applicantId, (perBuyer.get(c.applicantId) ?? 0) + 1);
    expect(
      [...perBuyer.values()].filter((n) => n !== 1),
      `${item}: buyers with other than one case`,
    ).toEqual([]);
    expect(perBuyer.size, item).toBe(apps.length);
    // …and the case each part recorded is that one.
    const numbers = new Set(cases.map((c) => c.caseNumber));
    for (const a of done)
      expect(numbers.has(a.parts.find((p) => p.itemCode === item)!.caseNumber!)).toBe(true);
  }
}

describe('durable dispatch on the whole stack', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
  });

  it('sends every part exactly once though the hall is killed (SIGKILL) again and again mid-dispatch', async () => {
    // One call at a time, so each kill lands on a different submission in flight.
    const s = await startTestStack({
      hallEnv: { ...FAST, POLL_INTERVAL_MS: '2000', DISPATCH_CONCURRENCY: '1' },
    });
    cleanups.push(() => s.stop());
    // Slow submissions: the department has the request in hand when the hall dies.
    for (const d of DEPARTMENT_KEYS)
      await s.admin(d).setFaults({ latencyMs: 500, jitterMs: 200, onlyOps: [...SUBMIT_OPS] });
    const hall = s.stack.services.get('subgraph-hall')!;
    const seen: Record<string, number> = {};
    /** Waits until a department has a submission from the hall in hand, then kills the hall and starts it again. */
    const killDuringSubmission = async (departments: readonly (typeof DEPARTMENT_KEYS)[number][]) => {
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        for (const d of departments) {
          const log = await s.admin(d).requestLog(seen[d] ?? 0);
          seen[d] = Math.max(seen[d] ?? 0, ...log.map((e) => e.seq));
          if (log.some((e) => SUBMIT_OPS.includes(e.op) && e.outcome === 'pending')) {
            await hall.restart(); // SIGKILL, then the same process started again
            return d;
          }
        }
        await sleep(10);
      }
      throw new Error(`no submission to ${departments.join(' or ')} in flight within 20 s`);
    };

    const apps = await submitMany(s, 0, 6);
    const first: string[] = [];
    for (let i = 0; i < 4; i++) first.push(await killDuringSubmission(['tax', 'fund']));
    await eventually(
      () => readAll(s, apps),
      (all) =>
        allParts(all, 'FUND-PURCHASE-WITHDRAWAL', ['ACCEPTED', 'IN_REVIEW', 'APPROVED']) &&
        allParts(all, 'TAX-DEED-TAX', ['ACCEPTED', 'IN_REVIEW', 'APPROVED']),
      'the first parts accepted after the kills',
      60_000,
    );
    await advanceClocks(s, 48);
    // The registry does not deduplicate submissions: only the hall's lookup by reference before resending does.
    const second: string[] = [];
    for (let i = 0; i < 4; i++) second.push(await killDuringSubmission(['realestate']));
    const done = await completeHouseTransfers(s, apps);
    await expectOneCaseEach(s, apps, done);
    expect(first).toHaveLength(4);
    expect(second).toEqual(['realestate', 'realestate', 'realestate', 'realestate']);
  }, 180_000);

  it.skipIf(!POSTGRES_REACHABLE)(
    needingPostgres('shares the work between two hall processes on one PostgreSQL, each part sent once'),
    async () => {
      const pg = await freshPostgres();
      cleanups.push(pg.drop);
      const shared = { ...FAST, DISPATCH_CONCURRENCY: '2' };
      const s = await startTestStack({
        hallDatabaseUrl: pg.url,
        hallEnv: { ...shared, WORKER_ID: 'hall-a' },
      });
      cleanups.push(() => s.stop());
      // The second hall: the same settings, its own port and worker id, the same database.
      const [spec] = stackServices(s.options).filter((x) => x.name === 'subgraph-hall');
      const port = await freePort();
      const second = await startStack({ logDir: s.logDir }, [
        {
          ...spec!,
          name: 'subgraph-hall-b',
          env: { ...spec!.env, PORT: String(port), WORKER_ID: 'hall-b' },
          url: `http://127.0.0.1:${port}/graphql`,
          readyUrl: `http://127.0.0.1:${port}/health`,
        },
      ]);
      cleanups.push(() => second.stop());
      for (const d of DEPARTMENT_KEYS) await s.admin(d).setFaults({ latencyMs: 100, jitterMs: 100 });

      const apps = await submitMany(s, 20, 8);
      const done = await completeHouseTransfers(s, apps);
      await expectOneCaseEach(s, apps, done);

      // Both processes did part of the work.
      const recorded = (url: string) =>
        s.metric(url, 'onething_hall_dispatch_jobs_total{kind="submit",outcome="recorded"');
      const a = await recorded(`http://127.0.0.1:${s.ports.hall}`);
      const b = await recorded(`http://127.0.0.1:${port}`);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
      expect(a + b).toBe(apps.length * ITEMS.length);
    },
    180_000,
  );

  it('refuses a second hall on the same embedded database, saying to use PostgreSQL', async () => {
    const stack = await startTestStack();
    cleanups.push(() => stack.stop());
    const [spec] = stackServices(stack.options).filter((x) => x.name === 'subgraph-hall');
    const port = await freePort();
    let failed: RunningStack | Error;
    try {
      failed = await startStack({ logDir: stack.logDir }, [
        {
          ...spec!,
          name: 'subgraph-hall-twin',
          env: { ...spec!.env, PORT: String(port) },
          url: `http://127.0.0.1:${port}/graphql`,
          readyUrl: `http://127.0.0.1:${port}/health`,
        },
      ]);
    } catch (e) {
      failed = e as Error;
    }
    expect(failed).toBeInstanceOf(Error);
    const log = readFileSync(`${stack.logDir}/subgraph-hall-twin.log`, 'utf8');
    expect(log).toMatch(
      /in use by process \d+: run one hall per DATA_DIR, or give every hall process the same DATABASE_URL/,
    );
  });
});
