import type { Identity } from '@onething/runtime/identity';
import { subgraphError } from '@onething/subgraph-kit';
import { describe, expect, it } from 'vitest';
import type { DelegationLookup, VisitLookup } from './acting';
import { resolveActing } from './resolve-acting';

const NOW = new Date('2026-12-04T03:00:00Z');
const VISIT = '5b0f6a0e-8d3c-4f7e-9a51-3c2f4e1d7b90';
const WALK_IN = '110101199003074514';
const PRINCIPAL = '110101195001011234';

const applicant: Identity = {
  subject: '330102199001011237',
  role: 'applicant',
  name: '张三',
  idNumber: '330102199001011237',
  enterprises: ['91330100MA27XYZ12A'],
  departments: [],
};
const officer: Identity = {
  subject: 'staff-window-01',
  role: 'window-staff',
  name: '王晓燕',
  enterprises: [],
  departments: [],
  centre: '湖州市民之家',
};
const reviewer: Identity = {
  subject: 'staff-tax-01',
  role: 'department-staff',
  enterprises: [],
  departments: ['tax'],
};
const anonymous: Identity = { subject: 'anonymous', role: 'anonymous', enterprises: [], departments: [] };

const visits: VisitLookup = {
  visitFor: async (id, who, now) => {
    if (id !== VISIT || who.subject !== officer.subject) throw subgraphError('NOT_FOUND', 'hall', 'no visit');
    if (now.getTime() > NOW.getTime()) throw subgraphError('VISIT_EXPIRED', 'hall', 'ended');
    return {
      applicant: { idNumber: WALK_IN, name: '李四', subject: WALK_IN, role: 'applicant', enterprises: [] },
      officer: { subject: officer.subject, name: '王晓燕', centre: '湖州市民之家' },
      identityCheck: 'ID_CARD_READ',
    };
  },
};
const delegations: DelegationLookup = {
  actingUnder: async (id, agent, bundleCode) => {
    if (id !== 'd-1' || agent.idNumber !== applicant.idNumber)
      throw subgraphError('NOT_FOUND', 'hall', 'none');
    // DELEGATION_OUT_OF_SCOPE: the code helper agents adds to the registry (not in it on this branch).
    if (bundleCode && bundleCode !== 'HOUSE-TRANSFER')
      throw subgraphError('DELEGATION_OUT_OF_SCOPE' as never, 'hall', 'covers HOUSE-TRANSFER');
    return {
      principal: {
        idNumber: PRINCIPAL,
        name: '张老',
        subject: PRINCIPAL,
        role: 'applicant',
        enterprises: [],
      },
      agent: { idNumber: applicant.idNumber!, name: '张三', delegationId: 'd-1' },
    };
  },
};
const lookups = { visits, delegations };
const code = async (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: { extensions?: { code?: string } }) => e.extensions?.code,
  );

describe('resolveActing: whom an operation is for', () => {
  it('is the signed-in applicant themself without onBehalfOf (the old behaviour)', async () => {
    const a = await resolveActing(applicant, null, 'HOUSE-TRANSFER', NOW, lookups);
    expect(a).toEqual({
      applicant: {
        idNumber: applicant.idNumber,
        name: '张三',
        subject: applicant.subject,
        role: 'applicant',
        enterprises: applicant.enterprises,
      },
      channel: 'ONLINE',
      officer: null,
      identityCheck: null,
      agent: null,
      visitId: null,
      delegationId: null,
    });
    expect((await resolveActing(applicant, {}, null, NOW, lookups)).applicant.idNumber).toBe(
      applicant.idNumber,
    );
  });

  it('refuses anyone but an applicant acting for themself (window staff are told to open a visit)', async () => {
    expect(await code(resolveActing(officer, null, null, NOW, lookups))).toBe('FORBIDDEN');
    expect(await code(resolveActing(reviewer, null, null, NOW, lookups))).toBe('FORBIDDEN');
    expect(await code(resolveActing(anonymous, undefined, null, NOW, lookups))).toBe('FORBIDDEN');
    await expect(resolveActing(officer, null, null, NOW, lookups)).rejects.toThrow(/openWindowVisit/);
  });

  it('is the walk-in of the officer’s live visit, at the window, with the officer and the identity check', async () => {
    const a = await resolveActing(officer, { visitId: VISIT }, 'HOUSE-TRANSFER', NOW, lookups);
    expect(a.applicant.idNumber).toBe(WALK_IN);
    expect(a).toMatchObject({
      channel: 'WINDOW',
      officer: { subject: 'staff-window-01', centre: '湖州市民之家' },
      identityCheck: 'ID_CARD_READ',
      agent: null,
      visitId: VISIT,
      delegationId: null,
    });
  });

  it('takes a visit only from window staff, and says a visit unknown, another’s or ended', async () => {
    expect(await code(resolveActing(applicant, { visitId: VISIT }, null, NOW, lookups))).toBe('FORBIDDEN');
    expect(await code(resolveActing(reviewer, { visitId: VISIT }, null, NOW, lookups))).toBe('FORBIDDEN');
    const colleague = { ...officer, subject: 'staff-window-02' };
    expect(await code(resolveActing(colleague, { visitId: VISIT }, null, NOW, lookups))).toBe('NOT_FOUND');
    const later = new Date(NOW.getTime() + 1);
    expect(await code(resolveActing(officer, { visitId: VISIT }, null, later, lookups))).toBe(
      'VISIT_EXPIRED',
    );
    expect(await code(resolveActing(officer, { visitId: 'not-a-uuid' }, null, NOW, lookups))).toBe(
      'INVALID_INPUT',
    );
  });

  it('is the principal of a delegation naming the calling applicant, online, with the agent', async () => {
    const a = await resolveActing(applicant, { delegationId: 'd-1' }, 'HOUSE-TRANSFER', NOW, lookups);
    expect(a).toMatchObject({
      applicant: { idNumber: PRINCIPAL },
      channel: 'ONLINE',
      officer: null,
      agent: { idNumber: applicant.idNumber, delegationId: 'd-1' },
      delegationId: 'd-1',
      visitId: null,
    });
  });

  it('takes a delegation only from applicants, and passes on the lookup’s refusals', async () => {
    expect(await code(resolveActing(officer, { delegationId: 'd-1' }, null, NOW, lookups))).toBe('FORBIDDEN');
    expect(await code(resolveActing(anonymous, { delegationId: 'd-1' }, null, NOW, lookups))).toBe(
      'FORBIDDEN',
    );
    expect(await code(resolveActing(applicant, { delegationId: 'd-2' }, null, NOW, lookups))).toBe(
      'NOT_FOUND',
    );
    expect(await code(resolveActing(applicant, { delegationId: 'd-1' }, 'COMPANY-SETUP', NOW, lookups))).toBe(
      'DELEGATION_OUT_OF_SCOPE',
    );
  });

  it('takes both only from window staff serving an agent in person: the principal, the officer and the agent', async () => {
    const agentAtWindow: VisitLookup = {
      visitFor: async (id, who, now) => ({
        ...(await visits.visitFor(id, who, now)),
        applicant: {
          idNumber: applicant.idNumber!,
          name: '张三',
          subject: applicant.idNumber!,
          role: 'applicant',
          enterprises: [],
        },
      }),
    };
    const both = { visitId: VISIT, delegationId: 'd-1' };
    const a = await resolveActing(officer, both, 'HOUSE-TRANSFER', NOW, {
      visits: agentAtWindow,
      delegations,
    });
    expect(a).toMatchObject({
      applicant: { idNumber: PRINCIPAL },
      channel: 'WINDOW',
      officer: { subject: 'staff-window-01' },
      identityCheck: 'ID_CARD_READ',
      agent: { idNumber: applicant.idNumber, delegationId: 'd-1' },
      visitId: VISIT,
      delegationId: 'd-1',
    });
    // The walk-in is not the delegation's agent: the lookup's refusal; out of scope: its code.
    expect(await code(resolveActing(officer, both, 'HOUSE-TRANSFER', NOW, lookups))).toBe('NOT_FOUND');
    expect(
      await code(resolveActing(officer, both, 'COMPANY-SETUP', NOW, { visits: agentAtWindow, delegations })),
    ).toBe('DELEGATION_OUT_OF_SCOPE');
    expect(await code(resolveActing(applicant, both, null, NOW, lookups))).toBe('INVALID_INPUT');
  });
});
