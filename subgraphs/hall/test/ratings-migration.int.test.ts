import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/database';
import { migrate } from '../src/platform/migrations';

describe('the ratings migration (一事一评)', () => {
  it('makes each application already rated one window rating, as given online, with no follow-up', async () => {
    // A database as the hall left it before ratings per part: one rating per application, in its row.
    const { db } = await openDatabase({ dataDir: 'memory://', migrateTo: '2026-12-05-023-documents' });
    try {
      const application = (id: string, rating: number | null, comment: string | null) =>
        sql`
        insert into applications (id, applicant_id_number, applicant_name, applicant_subject, enterprises,
          bundle_code, options, values, materials, status, submitted_at, updated_at, rating, rating_comment,
          rated_at, responsible_subject, centre)
        values (${id}, '110101199003070011', '张三', 'citizen', '[]', 'HOUSE-TRANSFER', '[]', '[]', '[]',
          'COMPLETED', '2026-11-30T02:00:00Z', '2026-11-30T02:00:00Z', ${rating}, ${comment},
          ${rating === null ? null : '2026-12-01T03:00:00Z'}, 'staff-window', '吴兴区行政服务中心')`.execute(
          db,
        );
      await application('5b0f6a0e-8d3c-4f7e-9a51-3c2f4e1d7b90', 5, '很满意');
      await application('6c1f7b1f-9e4d-4a8f-8b62-4d3f5e2e8ca1', 1, null);
      await application('7d2a8c2a-af5e-4b9a-9c73-5e4a6f3f9db2', null, null);
      await migrate(db as never);
      const rows = await db
        .selectFrom('ratings')
        .select([
          'application_id',
          'target',
          'part_id',
          'level',
          'reasons',
          'comment',
          'channel',
          'officer_subject',
          'centre',
          'rated_at',
        ])
        .orderBy('level', 'desc')
        .execute();
      expect(rows).toEqual([
        {
          application_id: '5b0f6a0e-8d3c-4f7e-9a51-3c2f4e1d7b90',
          target: 'WINDOW',
          part_id: null,
          level: 5,
          reasons: [],
          comment: '很满意',
          channel: 'ONLINE',
          officer_subject: 'staff-window',
          centre: '吴兴区行政服务中心',
          rated_at: new Date('2026-12-01T03:00:00Z'),
        },
        expect.objectContaining({ level: 1, reasons: ['OTHER'], comment: null, target: 'WINDOW' }),
      ]);
      expect(await db.selectFrom('rating_follow_ups').selectAll().execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
