import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Acting } from '../src/acting/acting';
import { Drafts } from '../src/drafts/drafts';
import { Uploads } from '../src/materials/uploads';
import type { Database } from '../src/platform/database';
import { describeOnEngines, type TestDatabase, testDatabase } from './databases';

const me = '11010519491231002X';
const DAY = 86_400_000;
const T0 = new Date('2026-12-04T02:00:00.000Z');

const acting = (channel: 'ONLINE' | 'WINDOW'): Acting => ({
  applicant: { idNumber: me, name: '李四', subject: me, role: 'applicant', enterprises: [] },
  channel,
  officer: channel === 'WINDOW' ? { subject: 'staff-window-01', name: '王晓燕', centre: null } : null,
  identityCheck: channel === 'WINDOW' ? 'ID_CARD_READ' : null,
  agent: null,
  visitId: null,
  delegationId: null,
});

describeOnEngines('drafts', (engine) => {
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

  it('keeps a draft as typed, online then at the window, until DRAFT_TTL_DAYS after its last save', async () => {
    const drafts = new Drafts(db, 30);
    const saved = await drafts.save(
      acting('ONLINE'),
      {
        bundleCode: 'HOUSE-TRANSFER',
        options: ['loan'],
        values: [{ key: 'transaction.price', value: 'abc' }],
        materials: [{ id: 'id-card', uploadId: 'u-1' }],
      },
      T0,
    );
    expect(saved).toMatchObject({ savedBy: '李四', savedAt: 'ONLINE' });
    expect(saved.expiresAt.getTime() - T0.getTime()).toBe(30 * DAY);
    const later = new Date(T0.getTime() + 20 * DAY);
    const resumed = await drafts.save(
      acting('WINDOW'),
      {
        draftId: saved.id,
        bundleCode: 'HOUSE-TRANSFER',
        options: ['loan'],
        values: saved.values,
        materials: [],
      },
      later,
    );
    expect(resumed).toMatchObject({ id: saved.id, savedBy: '王晓燕', savedAt: 'WINDOW', options: ['loan'] });
    expect(resumed.values).toEqual([{ key: 'transaction.price', value: 'abc' }]);
    expect((await drafts.list(me, later)).map((d) => d.id)).toEqual([saved.id]);

    // Expired: not listed, not resumable, not submittable; the sweep deletes it.
    const after = new Date(later.getTime() + 31 * DAY);
    expect(await drafts.list(me, after)).toEqual([]);
    await expect(
      drafts.save(
        acting('ONLINE'),
        { draftId: saved.id, bundleCode: 'HOUSE-TRANSFER', options: [], values: [], materials: [] },
        after,
      ),
    ).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(await Drafts.end(db, me, saved.id, after)).toBe(false);
    expect(await Drafts.purge(db, after)).toBe(1);
  });

  it('ends a draft once (by its submission) and keeps the uploads a live draft holds from the retention', async () => {
    const drafts = new Drafts(db, 30);
    const uploads = new Uploads(db);
    const old = new Date(Date.now() - 30 * DAY);
    const held = await uploads.create(
      {
        applicantIdNumber: me,
        sha256: 'a'.repeat(64),
        contentType: 'application/pdf',
        size: 1,
        name: 'a.pdf',
      },
      old,
    );
    const loose = await uploads.create(
      {
        applicantIdNumber: me,
        sha256: 'b'.repeat(64),
        contentType: 'application/pdf',
        size: 1,
        name: 'b.pdf',
      },
      old,
    );
    const now = new Date();
    const d = await drafts.save(
      acting('ONLINE'),
      {
        bundleCode: 'HOUSE-TRANSFER',
        options: [],
        values: [],
        materials: [{ id: 'sale-contract', uploadId: held.id }],
      },
      now,
    );
    const gone = await uploads.deleteUnreferenced({
      before: new Date(now.getTime() - DAY),
      applicantIdNumber: me,
    });
    expect(gone.map((g) => g.id)).toEqual([loose.id]);
    expect(await Drafts.end(db, me, d.id, now)).toBe(true);
    expect(await Drafts.end(db, me, d.id, now)).toBe(false);
    await expect(drafts.discard(me, d.id, now)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });
});
