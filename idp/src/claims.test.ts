import { residentIdCheckCharacter, usccCheckCharacter } from '@onething/schema';
import { describe, expect, it } from 'vitest';
import { checkCustomClaims, personaClaims, serviceClaims } from './claims';
import { STAFF_PERSONAS } from './staff';

const ID17 = '51010419880101002';
const ID = ID17 + residentIdCheckCharacter(ID17);
const USCC17 = '91510104MA0000002';
const USCC = USCC17 + usccCheckCharacter(USCC17);
const TODAY = new Date('2026-06-30');

describe('checkCustomClaims', () => {
  it('normalises identifiers and removes repeated entries', () => {
    const r = checkCustomClaims(
      {
        role: 'applicant',
        name: ' 张三 ',
        id_number: ` ${ID.toLowerCase()} `,
        enterprises: [USCC, USCC.toLowerCase()],
      },
      TODAY,
    );
    expect(r).toEqual({
      ok: true,
      claims: {
        sub: ID,
        name: '张三',
        role: 'applicant',
        id_number: ID,
        enterprises: [USCC],
        departments: [],
      },
    });
  });

  it('names staff by the sub given, or by their role', () => {
    expect(
      checkCustomClaims({ role: 'window-staff', name: '窗口', sub: 'staff-window-07' }, TODAY),
    ).toMatchObject({
      ok: true,
      claims: { sub: 'staff-window-07' },
    });
    expect(checkCustomClaims({ role: 'service', name: 'batch' }, TODAY)).toMatchObject({
      ok: true,
      claims: { sub: 'custom-service', role: 'service' },
    });
  });

  it('reports every problem at once', () => {
    const r = checkCustomClaims(
      {
        role: 'root',
        id_number: '110101199003071234X',
        enterprises: ['nope', USCC],
        departments: ['police'],
        x: 1,
      },
      TODAY,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      'role: must be one of applicant, window-staff, department-staff, supervisor, service',
      'name: is missing: give the holder’s name',
      expect.stringMatching(/^id_number: A resident ID number is 17 digits.*\(GB11643\.format\)$/),
      expect.stringMatching(/^enterprises\.0: .*\(GB32100\.length\)$/),
      'departments.0: must be one of tax, market, realestate, fund',
      expect.stringMatching(/^unknown claim\(s\) x; /),
    ]);
  });

  it('requires what a role cannot do without', () => {
    const applicant = checkCustomClaims({ role: 'applicant', name: 'a', sub: 'someone-else' }, TODAY);
    expect(applicant).toEqual({
      ok: false,
      problems: [
        'id_number: an applicant needs a resident ID number; it becomes the token’s sub',
        'sub: an applicant’s sub is their id_number; leave sub out',
      ],
    });
    const impostor = checkCustomClaims(
      { role: 'applicant', name: 'a', id_number: ID, sub: 'someone-else' },
      TODAY,
    );
    expect(impostor).toMatchObject({ ok: false, problems: [expect.stringContaining('sub: ')] });
    const reviewer = checkCustomClaims({ role: 'department-staff', name: 'r' }, TODAY);
    expect(reviewer).toMatchObject({ ok: false, problems: [expect.stringContaining('departments: ')] });
  });

  it('refuses claims that are not an object', () => {
    for (const input of [null, 'applicant', [1]])
      expect(checkCustomClaims(input, TODAY)).toMatchObject({
        ok: false,
        problems: [expect.stringContaining('must be an object of claims')],
      });
  });

  it('refuses a birth date after today', () => {
    const future17 = '51010420300101002';
    const r = checkCustomClaims(
      { role: 'applicant', name: 'a', id_number: future17 + residentIdCheckCharacter(future17) },
      TODAY,
    );
    expect(r).toMatchObject({ ok: false, problems: [expect.stringContaining('GB11643.birthDate')] });
  });
});

describe('persona and service claims', () => {
  it('gives staff their staff id as sub and no ID number', () => {
    const claims = personaClaims(STAFF_PERSONAS[0]!);
    expect(claims).toEqual({
      sub: 'staff-window-01',
      name: '王晓燕',
      role: 'window-staff',
      enterprises: [],
      departments: [],
      centre: '湖州市民之家',
      persona: 'window-staff',
    });
  });

  it('gives a service client its id as sub and role service', () => {
    expect(serviceClaims('hall')).toEqual({
      sub: 'hall',
      name: 'hall',
      role: 'service',
      enterprises: [],
      departments: [],
    });
  });
});
