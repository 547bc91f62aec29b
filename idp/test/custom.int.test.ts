import { residentIdCheckCharacter, usccCheckCharacter } from '@onething/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdp } from './support';

const ID17 = '33050219900307001';
const ID = ID17 + residentIdCheckCharacter(ID17);
const USCC17 = '91330502MA0000001';
const USCC = USCC17 + usccCheckCharacter(USCC17);

describe('the custom grant', () => {
  let t: Awaited<ReturnType<typeof startIdp>>;
  beforeAll(async () => {
    t = await startIdp();
  });
  afterAll(() => t.idp.close());

  it('signs an applicant the personas do not cover, with the claims asked for', async () => {
    const { status, body } = await t.form({
      grant_type: 'custom',
      claims: JSON.stringify({
        role: 'applicant',
        name: '测试申请人',
        id_number: ID,
        enterprises: [USCC.toLowerCase()],
      }),
    });
    expect(status).toBe(200);
    expect(body.persona).toBeUndefined();
    const { payload } = await t.verify(body.access_token);
    expect(payload).toMatchObject({
      sub: ID,
      id_number: ID,
      name: '测试申请人',
      role: 'applicant',
      enterprises: [USCC],
      departments: [],
      iss: t.url,
      aud: 'test-audience',
    });
    expect(payload).not.toHaveProperty('persona');
  });

  it('takes the claims as JSON text in a form body', async () => {
    const { status, body } = await t.form({
      grant_type: 'custom',
      claims: JSON.stringify({ role: 'department-staff', name: '两部门审核', departments: ['tax', 'fund'] }),
    });
    expect(status).toBe(200);
    const { payload } = await t.verify(body.access_token);
    expect(payload).toMatchObject({
      sub: 'custom-department-staff',
      role: 'department-staff',
      departments: ['tax', 'fund'],
    });
  });

  it('names every wrong claim in one answer', async () => {
    const { status, body } = await t.form({
      grant_type: 'custom',
      claims: JSON.stringify({
        role: 'admin',
        name: 'x',
        id_number: `${ID17}${residentIdCheckCharacter(ID17) === '0' ? '1' : '0'}`,
        enterprises: ['91330502MA000000XX'],
        departments: ['police'],
        scope: 'all',
      }),
    });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
    const d: string = body.error_description;
    expect(d).toContain(
      'role: must be one of applicant, window-staff, department-staff, supervisor, service',
    );
    expect(d).toContain('id_number: The check character should be');
    expect(d).toContain('enterprises.0:');
    expect(d).toContain('departments.0: must be one of tax, market, realestate, fund');
    expect(d).toContain('unknown claim(s) scope');
  });

  it('refuses an applicant without an ID number, and claims that are not JSON', async () => {
    const noId = await t.form({
      grant_type: 'custom',
      claims: JSON.stringify({ role: 'applicant', name: '无证件' }),
    });
    expect(noId.status).toBe(400);
    expect(noId.body.error_description).toContain('id_number: an applicant needs a resident ID number');
    const notJson = await t.form({ grant_type: 'custom', claims: '{role:' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error_description).toContain('claims is not JSON');
    const missing = await t.form({ grant_type: 'custom' });
    expect(missing.body.error_description).toContain('claims is missing');
  });
});
