import { describe, expect, it } from 'vitest';
import { AuthError, identityFromClaims } from './auth';

describe('the identity a verified token states', () => {
  it('is the applicant with their ID number and enterprises', () => {
    expect(
      identityFromClaims({
        sub: 'u1',
        role: 'applicant',
        id_number: '11010519491231002X',
        enterprises: ['91330100716105852F'],
      }),
    ).toMatchObject({
      role: 'applicant',
      idNumber: '11010519491231002X',
      enterprises: ['91330100716105852F'],
    });
  });

  it('refuses claims the subgraphs would trust as keys when they cannot be keys', () => {
    for (const claims of [
      { role: 'admin' },
      { role: 'applicant' },
      { role: 'applicant', id_number: "' OR '1'='1" },
      { role: 'applicant', id_number: '110105194912310021' },
      { role: 'applicant', id_number: '11010519491231002X', enterprises: ['x'] },
    ]) {
      expect(() => identityFromClaims(claims), JSON.stringify(claims)).toThrow(AuthError);
    }
  });

  it('refuses a token whose identity every subgraph would refuse, saying why, rather than passing it on', () => {
    expect(() => identityFromClaims({ role: 'window-staff' })).toThrow(/subject: must not be empty/);
    expect(() =>
      identityFromClaims({ sub: 's1', role: 'department-staff', departments: ['Tax Office'] }),
    ).toThrow(/departments\.0: must be a department id/);
  });

  it('carries a window officer’s service centre, and nobody else’s', () => {
    expect(
      identityFromClaims({ sub: 'staff-window-01', role: 'window-staff', centre: '湖州市民之家' }),
    ).toMatchObject({ role: 'window-staff', centre: '湖州市民之家' });
    expect(identityFromClaims({ sub: 'staff-window-01', role: 'window-staff' })).not.toHaveProperty('centre');
    expect(
      identityFromClaims({
        sub: 'staff-tax-01',
        role: 'department-staff',
        departments: ['tax'],
        centre: 'x',
      }),
    ).not.toHaveProperty('centre');
  });
});
