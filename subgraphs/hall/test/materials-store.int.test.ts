import { afterAll, beforeAll, expect, it } from 'vitest';
import { Applications } from '../src/applications/store';
import { Uploads } from '../src/materials/uploads';
import type { Database } from '../src/platform/database';
import { describeOnEngines, type TestDatabase, testDatabase } from './databases';

const me = '11010519491231002X';
const other = '440524188001010014';
const sha = (c: string) => c.repeat(64);

describeOnEngines('the uploads table', (engine) => {
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

  it('records an upload and gives it back by id as it was stored', async () => {
    const uploads = new Uploads(db);
    const at = new Date('2026-11-22T02:00:00.000Z');
    const u = await uploads.create(
      {
        applicantIdNumber: me,
        sha256: sha('a'),
        contentType: 'application/pdf',
        size: 1234,
        name: '身份证.pdf',
      },
      at,
    );
    expect(u.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await uploads.get(u.id)).toEqual({
      id: u.id,
      applicantIdNumber: me,
      sha256: sha('a'),
      contentType: 'application/pdf',
      size: 1234,
      name: '身份证.pdf',
      uploadedAt: at,
      // Uploaded by the applicant, not by an officer in a window visit.
      visitId: null,
    });
    expect(await uploads.get('no-such-upload')).toBeUndefined();
  });

  it('picks, among the ids an application names, only the applicant’s own uploads', async () => {
    const uploads = new Uploads(db);
    const base = { sha256: sha('b'), contentType: 'image/png' as const, size: 10, name: 'x.png' };
    const mine = await uploads.create({ ...base, applicantIdNumber: me });
    const theirs = await uploads.create({ ...base, applicantIdNumber: other });
    const found = await uploads.forApplicant(me, [mine.id, theirs.id, 'unknown', mine.id]);
    expect(found.map((u) => u.id)).toEqual([mine.id]);
    expect(await uploads.forApplicant(me, [])).toEqual([]);
    expect((await uploads.forApplicant(other, [mine.id, theirs.id])).map((u) => u.id)).toEqual([theirs.id]);
  });

  it('lists an applicant’s uploads newest first, and no one else’s', async () => {
    const uploads = new Uploads(db);
    const base = {
      sha256: sha('c'),
      contentType: 'image/jpeg' as const,
      size: 20,
      applicantIdNumber: '110101199003074477',
    };
    const older = await uploads.create({ ...base, name: 'older.jpg' }, new Date('2026-11-20T00:00:00Z'));
    const newer = await uploads.create({ ...base, name: 'newer.jpg' }, new Date('2026-11-21T00:00:00Z'));
    expect((await uploads.list('110101199003074477')).map((u) => u.id)).toEqual([newer.id, older.id]);
    expect((await uploads.list(other)).every((u) => u.applicantIdNumber === other)).toBe(true);
  });

  it('tells, for a department, as what and with which of its items an upload was handed in', async () => {
    const uploads = new Uploads(db);
    const base = { sha256: sha('d'), contentType: 'image/png' as const, size: 30, applicantIdNumber: me };
    const card = await uploads.create({ ...base, name: 'card.png' });
    const kept = await uploads.create({ ...base, name: 'kept.png' });
    await new Applications(db).create({
      applicant: { idNumber: me, name: '张三', subject: me, enterprises: [] },
      enterpriseUscc: null,
      bundleCode: 'HOUSE-TRANSFER',
      options: [],
      values: [],
      materials: [{ id: 'bank-card', uploadId: card.id }],
      parts: [
        { itemCode: 'TAX-DEED-TAX', department: 'tax', after: [], promisedDays: 1 },
        { itemCode: 'FUND-PURCHASE-WITHDRAWAL', department: 'fund', after: [], promisedDays: 5 },
      ],
    });
    expect(await uploads.handedInTo(card.id, ['fund'])).toEqual([
      { itemCode: 'FUND-PURCHASE-WITHDRAWAL', materialId: 'bank-card' },
    ]);
    expect((await uploads.handedInTo(card.id, ['tax', 'fund'])).map((h) => h.itemCode).sort()).toEqual([
      'FUND-PURCHASE-WITHDRAWAL',
      'TAX-DEED-TAX',
    ]);
    expect(await uploads.handedInTo(card.id, ['market'])).toEqual([]);
    expect(await uploads.handedInTo(card.id, [])).toEqual([]);
    expect(await uploads.handedInTo(kept.id, ['tax', 'fund'])).toEqual([]);
  });
});
