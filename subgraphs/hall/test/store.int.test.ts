import { afterAll, beforeAll, expect, it } from 'vitest';
import { AuditTrail } from '../src/consent/audit-trail';
import { Consents } from '../src/consent/consents';
import { Prefills } from '../src/consent/prefills';
import type { Database } from '../src/platform/database';
import { describeOnEngines, type TestDatabase, testDatabase } from './databases';

const me = '11010519491231002X';
const other = '440524188001010014';

describeOnEngines('the hall store', (engine) => {
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

  it('keeps one consent in force per applicant and bundle: a new grant replaces the old', async () => {
    const consents = new Consents(db);
    const first = await consents.grant(me, 'HOUSE-TRANSFER', ['tax']);
    const second = await consents.grant(me, 'HOUSE-TRANSFER', ['tax', 'fund']);
    expect((await consents.current(me, 'HOUSE-TRANSFER'))?.id).toBe(second.id);
    const list = await consents.list(me);
    expect(list.find((c) => c.id === first.id)?.revokedAt).toBeInstanceOf(Date);
    expect(list.find((c) => c.id === second.id)).toMatchObject({ scopes: ['tax', 'fund'], revokedAt: null });
    expect(await consents.current(other, 'HOUSE-TRANSFER')).toBeUndefined();
  });

  it('lets only the applicant revoke their consent', async () => {
    const consents = new Consents(db);
    const c = await consents.grant(me, 'START-BUSINESS', ['market']);
    expect(await consents.revoke(other, c.id)).toBeUndefined();
    expect((await consents.revoke(me, c.id))?.revokedAt).toBeInstanceOf(Date);
    expect(await consents.current(me, 'START-BUSINESS')).toBeUndefined();
  });

  it('answers who read a person’s data, and their enterprises’, newest first; staff search by department', async () => {
    const audit = new AuditTrail(db);
    const base = {
      actorSubject: me,
      actorRole: 'applicant',
      bundleCode: 'X',
      applicationId: null,
      purpose: { kind: 'prefill', about: null },
    } as const;
    await audit.record([
      { ...base, subjectIdNumber: me, subjectUscc: null, department: 'tax', fields: ['applicant.name'] },
      {
        ...base,
        subjectIdNumber: null,
        subjectUscc: '91330100716105852F',
        department: 'fund',
        fields: ['fund.employerAccount'],
      },
      {
        ...base,
        subjectIdNumber: other,
        subjectUscc: null,
        department: 'realestate',
        fields: ['property.owners'],
      },
    ]);
    const mine = await audit.about(me, ['91330100716105852F']);
    expect(mine.map((r) => r.department)).toEqual(['fund', 'tax']);
    expect(mine[1]).toMatchObject({ fields: ['applicant.name'], purpose: { kind: 'prefill' } });
    expect((await audit.about(me, [])).map((r) => r.department)).toEqual(['tax']);
    expect(
      (await audit.search({ departments: ['realestate'], limit: 10 })).map((r) => r.subjectIdNumber),
    ).toEqual([other]);
    expect(await audit.search({ departments: [], limit: 10 })).toEqual([]);
  });

  it('keeps a prefill for its applicant only', async () => {
    const prefills = new Prefills(db);
    const p = await prefills.save({
      applicantIdNumber: me,
      bundleCode: 'HOUSE-TRANSFER',
      enterpriseUscc: null,
      values: [
        {
          key: 'applicant.name',
          value: '张三',
          department: 'tax',
          updatedAt: '2026-01-01T00:00:00Z',
          editable: false,
        },
      ],
      unavailable: [
        {
          department: 'fund',
          code: 'DEPARTMENT_UNAVAILABLE',
          message: 'down',
          fields: ['fund.personalAccount'],
        },
      ],
      readAt: new Date(),
    });
    expect(await prefills.get(me, p.id)).toMatchObject({
      values: [{ key: 'applicant.name', editable: false }],
      unavailable: [{ department: 'fund' }],
    });
    expect(await prefills.get(other, p.id)).toBeUndefined();
  });

  it('runs concurrent transactions without mixing them', async () => {
    const consents = new Consents(db);
    await Promise.all(Array.from({ length: 20 }, (_, i) => consents.grant(me, 'CONCURRENT', [`s${i}`])));
    const inForce = (await consents.list(me)).filter(
      (c) => c.bundleCode === 'CONCURRENT' && c.revokedAt === null,
    );
    expect(inForce).toHaveLength(1);
  });
});
