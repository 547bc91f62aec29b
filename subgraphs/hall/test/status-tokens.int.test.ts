import { afterAll, beforeAll, expect, it } from 'vitest';
import { Applications } from '../src/applications/store';
import { isStatusToken, StatusTokens } from '../src/papers/status-tokens';
import type { Database } from '../src/platform/database';
import { describeOnEngines, type TestDatabase, testDatabase } from './databases';

const applicant = {
  idNumber: '11010519491231002X',
  name: '王晓明',
  subject: '11010519491231002X',
  role: 'applicant',
  enterprises: [],
};

describeOnEngines('the public status tokens', (engine) => {
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

  const anApplication = async () =>
    (
      await apps.create({
        applicant,
        enterpriseUscc: null,
        bundleCode: 'HOUSE-TRANSFER',
        options: [],
        values: [],
        materials: [],
        parts: [{ itemCode: 'TAX-DEED-TAX', department: 'tax', after: [], promisedDays: 1 }],
      })
    ).application.id;

  it('issues one token per application on the first ask, the same on every ask after, even asked at once', async () => {
    const tokens = new StatusTokens(db);
    const id = await anApplication();
    const first = await Promise.all([tokens.issue(id), tokens.issue(id), tokens.issue(id)]);
    expect(new Set(first).size).toBe(1);
    expect(isStatusToken(first[0]!)).toBe(true);
    expect(await tokens.issue(id)).toBe(first[0]);
    expect(await tokens.applicationOf(first[0]!)).toBe(id);
  });

  it('gives each application its own token, and none to a token nobody was given', async () => {
    const tokens = new StatusTokens(db);
    const [a, b] = [await anApplication(), await anApplication()];
    expect(await tokens.issue(a)).not.toBe(await tokens.issue(b));
    expect(await tokens.applicationOf('A'.repeat(22))).toBeUndefined();
  });
});
