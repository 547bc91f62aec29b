import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewDelegation } from '../src/delegations/model';
import { Delegations } from '../src/delegations/store';
import { Uploads } from '../src/materials/uploads';
import { type Database, openDatabase } from '../src/platform/database';
import { migrate } from '../src/platform/migrations';
import { describeOnEngines, type TestDatabase, testDatabase } from './databases';

const PRINCIPAL = '110101199003071234';
const AGENT = '110101198501011235';

const granted = (over: Partial<NewDelegation> = {}): NewDelegation => ({
  principalIdNumber: PRINCIPAL,
  principalName: '张三',
  principalSubject: PRINCIPAL,
  enterpriseUscc: null,
  agentIdNumber: AGENT,
  agentName: '李四',
  bundleCodes: ['HOUSE-TRANSFER'],
  validFrom: '2026-12-04',
  validUntil: '2027-03-31',
  powerOfAttorneyUploadId: null,
  recordedBy: null,
  ...over,
});

describeOnEngines('the delegations store', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let store: Delegations;

  beforeAll(async () => {
    t = await testDatabase(engine);
    db = await t.open();
    store = new Delegations(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await t?.drop();
  });

  it('keeps a delegation as granted and gives it back as a domain value', async () => {
    const officer = { subject: 'window-1', name: '王窗口', centre: null };
    const made = await store.create(
      granted({ recordedBy: officer, bundleCodes: ['A', 'B'] }),
      new Date('2026-12-04T02:00:00Z'),
    );
    expect(await store.get(made.id)).toEqual({
      ...granted({ recordedBy: officer, bundleCodes: ['A', 'B'] }),
      id: made.id,
      grantedAt: new Date('2026-12-04T02:00:00Z'),
      revokedAt: null,
    });
    const online = await store.create(granted(), new Date('2026-12-04T03:00:00Z'));
    expect((await store.get(online.id))?.recordedBy).toBeNull();
  });

  it('keeps the power of attorney as a service record, opened by the delegation’s agent', async () => {
    const uploads = new Uploads(db);
    const poa = await uploads.create({
      applicantIdNumber: PRINCIPAL,
      sha256: 'a'.repeat(64),
      contentType: 'application/pdf',
      size: 10,
      name: '授权委托书.pdf',
    });
    const unused = await uploads.create({
      applicantIdNumber: PRINCIPAL,
      sha256: 'b'.repeat(64),
      contentType: 'application/pdf',
      size: 10,
      name: 'draft.pdf',
    });
    await store.create(granted({ powerOfAttorneyUploadId: poa.id }));
    // An upload nobody handed in is swept; the power of attorney is not.
    expect(await uploads.deleteUnreferenced({ ids: [poa.id, unused.id] })).toEqual([
      { id: unused.id, sha256: 'b'.repeat(64) },
    ]);
    expect(await store.powerOfAttorneyFor(poa.id, AGENT)).toBe(true);
    expect(await store.powerOfAttorneyFor(poa.id, PRINCIPAL)).toBe(false);
    expect(await store.powerOfAttorneyFor(unused.id, AGENT)).toBe(false);
  });

  it('lists a principal’s and an agent’s delegations newest first, nobody else’s', async () => {
    const other = '330502199001011236';
    const first = await store.create(granted({ principalIdNumber: other }), new Date('2026-12-05T01:00:00Z'));
    const second = await store.create(
      granted({ principalIdNumber: other }),
      new Date('2026-12-05T02:00:00Z'),
    );
    expect((await store.byPrincipal(other)).map((d) => d.id)).toEqual([second.id, first.id]);
    expect((await store.toAgent(other)).map((d) => d.id)).toEqual([]);
    expect((await store.toAgent(AGENT)).map((d) => d.id)).toContain(first.id);
  });

  it('revokes once: the second of two revocations at once is refused as the first’s', async () => {
    const d = await store.create(granted(), new Date('2026-12-04T02:00:00Z'));
    const now = new Date('2026-12-10T02:00:00Z');
    const both = await Promise.all([store.revoke(d.id, PRINCIPAL, now), store.revoke(d.id, PRINCIPAL, now)]);
    expect(both.filter((j) => j?.ok)).toHaveLength(1);
    expect(both.filter((j) => j && !j.ok).map((j) => j && !j.ok && j.refusal.code)).toEqual([
      'DELEGATION_NOT_ACTIVE',
    ]);
    expect((await store.get(d.id))?.revokedAt).toEqual(now);
  });

  it('lets nobody but the principal revoke, and knows nothing of an unknown id', async () => {
    const d = await store.create(granted(), new Date('2026-12-04T02:00:00Z'));
    const j = await store.revoke(d.id, AGENT, new Date('2026-12-10T02:00:00Z'));
    expect(j).toMatchObject({ ok: false, refusal: { code: 'NOT_FOUND' } });
    expect((await store.get(d.id))?.revokedAt).toBeNull();
    expect(await store.revoke('5b0f6a0e-8d3c-4f7e-9a51-3c2f4e1d7b90', PRINCIPAL)).toBeUndefined();
  });
});

describe('the delegations migration', () => {
  it('runs after every migration an existing hall has run, so an existing database upgrades', async () => {
    // A database as the hall left it before delegations (its last migration the sale confirmations).
    const { db } = await openDatabase({
      dataDir: 'memory://',
      migrateTo: '2026-12-04-004-sale-confirmations',
    });
    try {
      const tables = async () =>
        (
          await sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(
            db,
          )
        ).rows.map((r) => r.name);
      expect(await tables()).not.toContain('delegations');
      await migrate(db as never);
      expect(await tables()).toContain('delegations');
    } finally {
      await db.destroy();
    }
  });
});
