import { afterAll, beforeAll, expect, it } from 'vitest';
import { Applications, type NewApplication, type QueueScope } from '../src/applications/store';
import type { Database } from '../src/platform/database';
import { describeOnEngines, type TestDatabase, testDatabase } from './databases';

const applicant = { idNumber: '11010519491231002X', name: '张三', subject: 's-1', enterprises: [] };

/** An application of one part at each of `departments`, taken in at `centre`'s window (none: online). */
const application = (departments: readonly string[], centre?: string): NewApplication => ({
  applicant,
  enterpriseUscc: null,
  bundleCode: 'X',
  options: [],
  values: [],
  materials: [],
  parts: departments.map((department) => ({
    itemCode: `${department.toUpperCase()}-ITEM`,
    department,
    after: [],
    promisedDays: 5,
  })),
  responsibleOfficer: centre ? { subject: `officer-${centre}`, name: '李四', centre } : null,
});

const tax: QueueScope = { departments: ['tax'], centre: null, responsible: null };
const market: QueueScope = { departments: ['market'], centre: null, responsible: null };
const huzhou: QueueScope = { departments: undefined, centre: '湖州市民之家', responsible: null };
const nanxun: QueueScope = { departments: undefined, centre: '南浔区行政服务中心', responsible: null };

/**
 * The fingerprint a staff member's live queue stream sends (GET /events/queue): it changes with what
 * their queue shows, by the queue's own scope, and with nothing else.
 */
describeOnEngines('a queue’s fingerprint', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let apps: Applications;
  beforeAll(async () => {
    t = await testDatabase(engine);
    db = await t.open();
    apps = new Applications(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await t?.drop();
  });

  const prints = () => Promise.all([tax, market, huzhou, nanxun].map((s) => apps.queueFingerprint(s)));
  const changed = (before: string[], after: string[]) =>
    ['tax', 'market', 'huzhou', 'nanxun'].filter((_, i) => before[i] !== after[i]);

  it('is a fingerprint for an empty queue too, and the same while nothing changes', async () => {
    const empty = await prints();
    for (const v of empty) expect(v).toMatch(/^[0-9a-f]{32}$/);
    expect(await prints()).toEqual(empty);
  });

  it('changes for the queues a new application reaches, and theirs only', async () => {
    const before = await prints();
    await apps.create(application(['tax', 'fund'], '湖州市民之家'));
    // Its department's staff and its centre's; not another department's or another centre's.
    expect(changed(before, await prints())).toEqual(['tax', 'huzhou']);
  });

  it('changes when a part changes, for who sees its application (every part of it)', async () => {
    const { parts } = await apps.create(application(['tax', 'fund']));
    const before = await prints();
    // The fund's part: tax staff see the application, and so every part of it; an online application (no
    // centre yet) is in every centre's queue.
    await apps.updatePart(db, parts[1]!.id, { status: 'ACCEPTED', caseNumber: 'F-1' });
    expect(changed(before, await prints())).toEqual(['tax', 'huzhou', 'nanxun']);
  });

  it('changes even when the change carries an older time than the queue’s last one', async () => {
    const { parts } = await apps.create(application(['market']));
    await apps.updatePart(db, parts[0]!.id, { status: 'ACCEPTED' }, new Date(Date.now() + 60_000));
    const before = await prints();
    // Another hall process, its clock a little behind: still a change.
    await apps.updatePart(db, parts[0]!.id, { status: 'APPROVED' }, new Date());
    expect(changed(before, await prints())).toContain('market');
  });
});
