import type { Identity } from '@onething/runtime/identity';
import { describe, expect, it } from 'vitest';
import { callerAsApplicant } from './routes';

const applicant: Identity = {
  subject: '11010519491231002X',
  role: 'applicant',
  idNumber: '11010519491231002X',
  name: '王晓明',
  enterprises: [],
  departments: [],
};
const windowStaff: Identity = { subject: 'w-1', role: 'window-staff', enterprises: [], departments: [] };
const anonymous: Identity = { subject: 'anonymous', role: 'anonymous', enterprises: [], departments: [] };
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'none',
    (e: { extensions?: { code?: string } }) => e.extensions?.code,
  );

describe('the applicant of a one-time notice, until acting for others is wired', () => {
  it('is the signed-in applicant themself', async () => {
    expect(await callerAsApplicant(applicant, null, 'HOUSE-TRANSFER')).toMatchObject({
      idNumber: '11010519491231002X',
      name: '王晓明',
      role: 'applicant',
    });
  });

  it('is nobody else: staff are forbidden, the anonymous unauthenticated, acting for another refused', async () => {
    expect(await codeOf(callerAsApplicant(windowStaff, null, 'HOUSE-TRANSFER'))).toBe('FORBIDDEN');
    expect(await codeOf(callerAsApplicant(anonymous, null, 'HOUSE-TRANSFER'))).toBe('UNAUTHENTICATED');
    expect(await codeOf(callerAsApplicant(applicant, { delegationId: 'd' }, 'HOUSE-TRANSFER'))).toBe(
      'FORBIDDEN',
    );
  });
});
