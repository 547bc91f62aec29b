import type { Identity } from '@onething/runtime/identity';
import { residentIdCheckCharacter } from '@onething/schema';
import { describe, expect, it } from 'vitest';
import type { AuditTrail, NewAuditRecord } from '../consent/audit-trail';
import type { GraphQLAnswer, SupergraphClient } from '../platform/supergraph-client';
import { openWindowVisit } from './open-visit';
import type { WindowVisit, WindowVisits } from './visits';

const NOW = new Date('2026-12-04T02:00:00Z');
const first17 = '11010119900307451';
const PERSON = first17 + residentIdCheckCharacter(first17);
const officer: Identity = {
  subject: 'staff-window-01',
  role: 'window-staff',
  name: '王晓燕',
  enterprises: [],
  departments: [],
  centre: '湖州市民之家',
};

/** The departments as the supergraph answers for the person; `failing` answer with an error. */
function fakes(me: Record<string, unknown> | null, failing: string[] = []) {
  const audited: NewAuditRecord[] = [];
  const client = {
    query: async (): Promise<GraphQLAnswer<unknown>> => ({
      data: { me },
      errors: failing.map((d) => ({ message: `${d} is down`, extensions: { department: d } })),
    }),
  } as unknown as SupergraphClient;
  const audit = {
    record: async (r: readonly NewAuditRecord[]) => {
      audited.push(...r);
      return [];
    },
  } as unknown as AuditTrail;
  const visits = {
    open: async (v: Omit<WindowVisit, 'id' | 'openedAt' | 'expiresAt'>) => ({
      ...v,
      id: 'v',
      openedAt: NOW,
      expiresAt: NOW,
    }),
  } as unknown as WindowVisits;
  return { deps: { client, audit, visits, now: NOW }, audited };
}

const KNOWN = {
  taxpayer: { name: '李四' },
  fundAccount: null,
  properties: [{ unitCode: 'u' }],
  representedEnterprises: [
    { uscc: '91330100MA27XYZ12A', status: 'ACTIVE' },
    { uscc: 'x', status: 'DEREGISTERED' },
  ],
};

describe('openWindowVisit: the identity check at the window', () => {
  it('opens a visit for a person the departments hold, audited as an identity check naming the officer', async () => {
    const { deps, audited } = fakes(KNOWN);
    const { visit, problems } = await openWindowVisit(officer, PERSON, 'ID_CARD_READ', deps);
    expect(problems).toEqual([]);
    expect(visit).toMatchObject({
      applicantIdNumber: PERSON,
      applicantName: '李四',
      knownTo: ['tax', 'realestate', 'market'],
      enterprises: ['91330100MA27XYZ12A'],
      officer: { subject: 'staff-window-01', name: '王晓燕', centre: '湖州市民之家' },
    });
    expect(audited.map((a) => [a.department, a.purpose.kind, a.officer?.subject, a.subjectIdNumber])).toEqual(
      [
        ['tax', 'identity-check', 'staff-window-01', PERSON],
        ['fund', 'identity-check', 'staff-window-01', PERSON],
        ['realestate', 'identity-check', 'staff-window-01', PERSON],
        ['market', 'identity-check', 'staff-window-01', PERSON],
      ],
    );
  });

  it('says a person no department holds, at applicantIdNumber, in both languages', async () => {
    const { deps } = fakes({ taxpayer: null, fundAccount: null, properties: [], representedEnterprises: [] });
    const { visit, problems } = await openWindowVisit(officer, PERSON, 'DOCUMENT_INSPECTED', deps);
    expect(visit).toBeNull();
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'applicantIdNumber',
        code: 'identity.unknownPerson',
        message: { zh: expect.any(String), en: expect.any(String) },
      }),
    ]);
  });

  it('says a department that cannot be asked, and opens the visit when another holds the person', async () => {
    const { deps, audited } = fakes({ ...KNOWN, taxpayer: null }, ['tax']);
    const { visit, problems } = await openWindowVisit(officer, PERSON, 'ID_CARD_READ', deps);
    expect(visit?.knownTo).toEqual(['realestate', 'market']);
    expect(problems.map((p) => p.code)).toEqual(['identity.departmentUnavailable']);
    expect(audited.map((a) => a.department)).not.toContain('tax');
    // Nobody answering: no visit, each department said, and no "unknown person".
    const down = fakes(null, ['tax', 'fund', 'realestate', 'market']);
    const none = await openWindowVisit(officer, PERSON, 'ID_CARD_READ', down.deps);
    expect(none.visit).toBeNull();
    expect(none.problems.map((p) => p.code)).toEqual(Array(4).fill('identity.departmentUnavailable'));
  });

  it('answers an ID number that is not one with its problems, asking nobody; refuses anyone but window staff', async () => {
    const { deps, audited } = fakes(KNOWN);
    const bad = await openWindowVisit(
      officer,
      `${first17}${PERSON.endsWith('0') ? '1' : '0'}`,
      'ID_CARD_READ',
      deps,
    );
    expect(bad.visit).toBeNull();
    expect(bad.problems.length).toBeGreaterThan(0);
    expect(bad.problems.every((p) => p.field === 'applicantIdNumber')).toBe(true);
    expect(audited).toEqual([]);
    const applicant: Identity = { ...officer, role: 'applicant', idNumber: PERSON };
    await expect(openWindowVisit(applicant, PERSON, 'ID_CARD_READ', deps)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
  });
});
