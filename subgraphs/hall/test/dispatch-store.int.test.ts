import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PartStatus } from '../src/applications/model';
import { Applications, type NewApplication } from '../src/applications/store';
import { enqueue, JobQueue } from '../src/outbox/jobs';
import type { Database } from '../src/platform/database';
import { describeOnEngines, type TestDatabase, testDatabase } from './databases';

const applicant = { idNumber: '11010519491231002X', name: '张三', subject: 's-1', enterprises: [] };

const houseTransfer = (): NewApplication => ({
  applicant,
  enterpriseUscc: null,
  bundleCode: 'HOUSE-TRANSFER',
  options: [],
  values: [{ key: 'applicant.name', value: '张三' }],
  materials: [],
  parts: [
    { itemCode: 'TAX-DEED-TAX', department: 'tax', after: [], promisedDays: 5 },
    { itemCode: 'FUND-PURCHASE-WITHDRAWAL', department: 'fund', after: [], promisedDays: 5 },
    {
      itemCode: 'RE-TRANSFER',
      department: 'realestate',
      after: ['TAX-DEED-TAX', 'FUND-PURCHASE-WITHDRAWAL'],
      promisedDays: 5,
    },
  ],
});

describeOnEngines('applications and their dispatch work', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let second: Database;
  beforeAll(async () => {
    t = await testDatabase(engine);
    db = await t.open();
    // PostgreSQL: a second pool, as a second hall process would have. PGlite is one process's database.
    second = engine === 'postgresql' ? await t.open() : db;
  });
  afterAll(async () => {
    if (second !== db) await second?.destroy();
    await db?.destroy();
    await t?.drop();
  });

  const openJobs = async (applicationId: string) =>
    db
      .selectFrom('dispatch_jobs')
      .innerJoin('parts', 'parts.id', 'dispatch_jobs.part_id')
      .select(['parts.item_code', 'dispatch_jobs.kind'])
      .where('parts.application_id', '=', applicationId)
      .where('dispatch_jobs.done_at', 'is', null)
      .execute();

  it('stores an application, its parts and the work of the parts that wait for nothing, together', async () => {
    const apps = new Applications(db);
    const { application, parts } = await apps.create(houseTransfer());
    expect(application.status).toBe('SUBMITTED');
    expect(parts.map((p) => [p.itemCode, p.status, p.after])).toEqual([
      ['TAX-DEED-TAX', 'WAITING', []],
      ['FUND-PURCHASE-WITHDRAWAL', 'WAITING', []],
      ['RE-TRANSFER', 'WAITING', ['TAX-DEED-TAX', 'FUND-PURCHASE-WITHDRAWAL']],
    ]);
    expect((await openJobs(application.id)).map((j) => j.item_code).sort()).toEqual([
      'FUND-PURCHASE-WITHDRAWAL',
      'TAX-DEED-TAX',
    ]);
  });

  it('stores nothing when any of it cannot be stored', async () => {
    const apps = new Applications(db);
    const count = async (table: 'applications' | 'parts' | 'dispatch_jobs') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await Promise.all([count('applications'), count('parts'), count('dispatch_jobs')]);
    const broken = houseTransfer();
    // A part without a department violates NOT NULL after the application row is written.
    await expect(
      apps.create({
        ...broken,
        parts: [...broken.parts, { ...broken.parts[0]!, department: null as never }],
      }),
    ).rejects.toThrow();
    expect(await Promise.all([count('applications'), count('parts'), count('dispatch_jobs')])).toEqual(
      before,
    );
  });

  it('gives each due job to one worker at a time, and to another once the lease runs out', async () => {
    const apps = new Applications(db);
    const created = await Promise.all(Array.from({ length: 10 }, () => apps.create(houseTransfer())));
    const ours = new Set(created.flatMap((c) => c.parts.map((p) => p.id)));
    const a = new JobQueue(db, 'worker-a');
    const b = new JobQueue(second, 'worker-b');
    const claimed = (
      await Promise.all([a.claim(7, 60_000), b.claim(7, 60_000), a.claim(7, 60_000), b.claim(7, 60_000)])
    )
      .flat()
      .filter((j) => ours.has(j.partId));
    const ids = claimed.map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(20);
    // Nothing more is due while the leases run.
    expect((await a.claim(100, 60_000)).filter((j) => ours.has(j.partId))).toEqual([]);
    // A worker that died: its leases run out, the jobs are claimed again.
    const later = new Date(Date.now() + 61_000);
    const again = (await b.claim(100, 60_000, later)).filter((j) => ours.has(j.partId));
    expect(again).toHaveLength(20);
    // Only the holder of a lease may record a job's result.
    const job = again[0]!;
    expect(await db.transaction().execute((tx) => a.holds(tx, job.id))).toBe(false);
    expect(await db.transaction().execute((tx) => b.holds(tx, job.id))).toBe(true);
  });

  it('claims the work that moves applications on before reads of cases, however long those were due', async () => {
    const apps = new Applications(db);
    const { parts } = await apps.create(houseTransfer());
    // A read of a case overdue by an hour: the oldest job due; the new submissions are due now.
    await enqueue(db, parts[2]!.id, 'poll', new Date(Date.now() - 3_600_000));
    const q = new JobQueue(db, 'worker-priority');
    // A day on: every job of every test due, every lease run out.
    const at = new Date(Date.now() + 86_400_000);
    const [taken] = await q.claim(1, 60_000, at);
    expect(taken?.kind).not.toBe('poll');
    // Then the rest, the read among them once nothing else is due.
    const rest = await q.claim(10_000, 60_000, at);
    expect(rest.some((j) => j.partId === parts[2]!.id && j.kind === 'poll')).toBe(true);
    const firstRead = rest.findIndex((j) => j.kind === 'poll');
    expect(rest.slice(firstRead).every((j) => j.kind === 'poll')).toBe(true);
  });

  it('keeps one open job of a kind per part: enqueuing again only brings it forward', async () => {
    const apps = new Applications(db);
    const { application, parts } = await apps.create(houseTransfer());
    const transfer = parts[2]!;
    const soon = new Date(Date.now() + 1_000);
    await enqueue(db, transfer.id, 'submit', new Date(Date.now() + 60_000));
    await enqueue(db, transfer.id, 'submit', soon);
    await enqueue(db, transfer.id, 'submit', new Date(Date.now() + 120_000));
    const rows = await db
      .selectFrom('dispatch_jobs')
      .select(['run_at'])
      .where('part_id', '=', transfer.id)
      .where('done_at', 'is', null)
      .execute();
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0]!.run_at).getTime()).toBe(soon.getTime());
    expect((await openJobs(application.id)).filter((j) => j.item_code === 'RE-TRANSFER')).toEqual([
      { item_code: 'RE-TRANSFER', kind: 'submit' },
    ]);
  });

  it('reads the parts of many applications at once, each application’s in order', async () => {
    const apps = new Applications(db);
    const a = await apps.create(houseTransfer());
    const b = await apps.create(houseTransfer());
    const byApp = await apps.partsOf([a.application.id, b.application.id, 'nothing']);
    expect(byApp.get(a.application.id)!.map((p) => p.id)).toEqual(a.parts.map((p) => p.id));
    expect(byApp.get(b.application.id)!.map((p) => p.id)).toEqual(b.parts.map((p) => p.id));
    expect(byApp.get('nothing')).toEqual([]);
    expect((await apps.partsOf([])).size).toBe(0);
  });

  it('derives the application’s status from its parts on every change', async () => {
    const apps = new Applications(db);
    const { application, parts } = await apps.create(houseTransfer());
    const set = async (i: number, status: PartStatus) => {
      await apps.updatePart(db, parts[i]!.id, { status });
      return (await apps.get(application.id))!;
    };
    expect((await set(0, 'ACCEPTED')).status).toBe('IN_PROGRESS');
    expect((await set(1, 'CORRECTION_REQUESTED')).status).toBe('CORRECTION_REQUESTED');
    await set(0, 'APPROVED');
    await set(1, 'APPROVED');
    const done = await set(2, 'APPROVED');
    expect(done.status).toBe('COMPLETED');
    expect(done.completedAt).toBeInstanceOf(Date);
    expect((await set(2, 'REJECTED')).status).toBe('REJECTED');
  });
});
