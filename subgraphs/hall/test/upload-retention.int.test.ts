import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@onething/runtime';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Applications } from '../src/applications/store';
import { BlobStore } from '../src/materials/blob-store';
import { UploadRetention } from '../src/materials/retention';
import { Uploads } from '../src/materials/uploads';
import type { Database } from '../src/platform/database';
import { describeOnEngines, type TestDatabase, testDatabase } from './databases';

const log = createLogger('retention-test', 'silent');
const HOUR = 3_600_000;
const me = '11010519491231002X';
const other = '440524188001010014';
const NOW = new Date('2026-12-04T08:00:00Z');
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR);

describeOnEngines('the retention of uploads', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let blobs: BlobStore;
  let uploads: Uploads;
  const stored = async (applicant: string, content: string, at: Date) => {
    const blob = await blobs.put(Buffer.from(content));
    return uploads.create(
      {
        applicantIdNumber: applicant,
        sha256: blob.sha256,
        contentType: 'image/png',
        size: blob.size,
        name: 'x.png',
      },
      at,
    );
  };
  const handIn = (uploadId: string) =>
    new Applications(db).create(
      {
        applicant: { idNumber: me, name: '张三', subject: me, enterprises: [] },
        enterpriseUscc: null,
        bundleCode: 'HOUSE-TRANSFER',
        options: [],
        values: [],
        materials: [{ id: 'bank-card', uploadId }],
        parts: [{ itemCode: 'FUND-PURCHASE-WITHDRAWAL', department: 'fund', after: [], promisedDays: 5 }],
      },
      ago(200),
    );

  beforeAll(async () => {
    t = await testDatabase(engine);
    db = await t.open();
    blobs = new BlobStore(mkdtempSync(join(tmpdir(), 'materials-')));
    uploads = new Uploads(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await t?.drop();
  });

  it('deletes an unreferenced upload older than the retention and its file, and keeps one handed in', async () => {
    const forgotten = await stored(me, 'forgotten scan', ago(169));
    const recent = await stored(me, 'recent scan', ago(167));
    const handedIn = await stored(me, 'handed-in scan', ago(300));
    await handIn(handedIn.id);
    // The same content uploaded again by someone else: the file stays for their record.
    const shared = await stored(me, 'shared scan', ago(400));
    const sharer = await stored(other, 'shared scan', ago(1));

    const swept = await new UploadRetention({ db, blobs, retentionHours: 168, log }).sweep(NOW);

    expect(swept).toBe(2);
    expect(await uploads.get(forgotten.id)).toBeUndefined();
    expect(await blobs.has(forgotten.sha256)).toBe(false);
    expect(await uploads.get(shared.id)).toBeUndefined();
    expect(await blobs.has(shared.sha256)).toBe(true);
    expect(await uploads.get(sharer.id)).toBeDefined();
    expect(await uploads.get(recent.id)).toBeDefined();
    expect(await blobs.has(recent.sha256)).toBe(true);
    expect(await uploads.get(handedIn.id)).toBeDefined();
    expect(await blobs.has(handedIn.sha256)).toBe(true);
    // Nothing more is due: a second sweep deletes nothing.
    expect(await new UploadRetention({ db, blobs, retentionHours: 168, log }).sweep(NOW)).toBe(0);
  });

  it('counts towards the quota only what is not handed in, and lets the owner delete only that', async () => {
    const applicant = '110101199003074477';
    const loose = await stored(applicant, 'loose 1', ago(1));
    await stored(applicant, 'loose two', ago(1));
    const kept = await stored(applicant, 'kept one', ago(1));
    await new Applications(db).create({
      applicant: { idNumber: applicant, name: '李四', subject: applicant, enterprises: [] },
      enterpriseUscc: null,
      bundleCode: 'HOUSE-TRANSFER',
      options: [],
      values: [],
      materials: [{ id: 'bank-card', uploadId: kept.id }],
      parts: [{ itemCode: 'FUND-PURCHASE-WITHDRAWAL', department: 'fund', after: [], promisedDays: 5 }],
    });
    expect(await uploads.usage(applicant)).toEqual({
      files: 2,
      bytes: 'loose 1'.length + 'loose two'.length,
    });

    const retention = new UploadRetention({ db, blobs, retentionHours: 168, log });
    expect(await retention.remove(other, loose.id)).toBe('not-found');
    expect(await retention.remove(applicant, kept.id)).toBe('handed-in');
    expect(await retention.remove(applicant, loose.id)).toBe('deleted');
    expect(await uploads.get(loose.id)).toBeUndefined();
    expect(await blobs.has(loose.sha256)).toBe(false);
    expect(await uploads.usage(applicant)).toEqual({ files: 1, bytes: 'loose two'.length });
  });
});
