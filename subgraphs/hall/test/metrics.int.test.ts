import { Registry } from 'prom-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Applications, type NewApplication } from '../src/applications/store';
import { hallMetrics } from '../src/metrics';
import { JobQueue } from '../src/outbox/jobs';
import type { Database } from '../src/platform/database';
import { describeOnEngines, type TestDatabase, testDatabase } from './databases';

const application = (n: number): NewApplication => ({
  applicant: { idNumber: '11010519491231002X', name: '张三', subject: `s-${n}`, enterprises: [] },
  enterpriseUscc: null,
  bundleCode: 'HOUSE-TRANSFER',
  options: [],
  values: [],
  materials: [],
  parts: [
    { itemCode: 'TAX-DEED-TAX', department: 'tax', after: [], promisedDays: 5 },
    { itemCode: 'FUND-PURCHASE-WITHDRAWAL', department: 'fund', after: [], promisedDays: 5 },
  ],
});

/** The value of a metric's sample with these labels, as Prometheus would scrape it. */
async function sample(registry: Registry, name: string, labels: Record<string, string> = {}) {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  const value = metric?.values.find((v) =>
    Object.entries(labels).every(([k, l]) => String((v.labels as Record<string, unknown>)[k]) === l),
  );
  return value?.value;
}

describeOnEngines('the hall’s gauges of its store', (engine) => {
  let t: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    t = await testDatabase(engine);
    db = await t.open();
  });
  afterAll(async () => {
    await db?.destroy();
    await t?.drop();
  });

  it('count the outbox by kind and state, how long its oldest due job waited, and the dead letters by department', async () => {
    const apps = new Applications(db);
    const jobs = new JobQueue(db, 'worker-1');
    const [a, b] = [await apps.create(application(1)), await apps.create(application(2))];
    // Four submit jobs due: one is claimed (leased), one put off (scheduled), two wait.
    const [claimed] = await jobs.claim(1, 60_000);
    const waiting = (
      await db.selectFrom('dispatch_jobs').select(['id', 'run_at']).where('done_at', 'is', null).execute()
    ).filter((j) => j.id !== claimed!.id);
    await jobs.reschedule(db, waiting[0]!.id, new Date(Date.now() + 3_600_000));
    await db
      .updateTable('parts')
      .set({ status: 'DEAD_LETTERED' })
      .where('id', 'in', [a.parts[0]!.id, b.parts[0]!.id])
      .execute();

    const registry = new Registry();
    hallMetrics(registry, {
      outbox: () => jobs.depth(),
      deadLettered: () => apps.deadLetteredCounts(),
      flags: async () => [{ department: 'fund', flag: 'RED', parts: 3 }],
    });
    expect(await sample(registry, 'onething_hall_outbox_jobs', { kind: 'submit', state: 'leased' })).toBe(1);
    expect(await sample(registry, 'onething_hall_outbox_jobs', { kind: 'submit', state: 'scheduled' })).toBe(
      1,
    );
    expect(await sample(registry, 'onething_hall_outbox_jobs', { kind: 'submit', state: 'due' })).toBe(2);
    expect(await sample(registry, 'onething_hall_outbox_oldest_due_seconds')).toBeGreaterThanOrEqual(0);
    expect(await sample(registry, 'onething_hall_dead_lettered_parts', { department: 'tax' })).toBe(2);
    expect(
      await sample(registry, 'onething_hall_dead_lettered_parts', { department: 'fund' }),
    ).toBeUndefined();
    expect(
      await sample(registry, 'onething_hall_supervision_flags', { department: 'fund', flag: 'RED' }),
    ).toBe(3);
  });

  it('keep the last figures while the store cannot be read', async () => {
    const registry = new Registry();
    let up = true;
    hallMetrics(
      registry,
      {
        outbox: async () => {
          if (!up) throw new Error('connection refused');
          return [{ kind: 'poll', state: 'scheduled', jobs: 7, oldestRunAt: new Date() }];
        },
        deadLettered: async () => new Map(),
        flags: async () => [],
      },
      0,
    );
    expect(await sample(registry, 'onething_hall_outbox_jobs', { kind: 'poll' })).toBe(7);
    up = false;
    expect(await sample(registry, 'onething_hall_outbox_jobs', { kind: 'poll' })).toBe(7);
  });
});
