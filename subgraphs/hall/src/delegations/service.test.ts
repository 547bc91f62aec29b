import type { Identity } from '@onething/runtime/identity';
import { residentIdCheckCharacter } from '@onething/schema';
import { subgraphError } from '@onething/subgraph-kit';
import type { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { VisitLookup } from '../acting/acting';
import { beijingClock } from '../calendar/clock';
import type { Delegation, NewDelegation } from './model';
import { DelegationService } from './service';
import type { Delegations } from './store';

const id = (first17: string) => first17 + residentIdCheckCharacter(first17);
const PRINCIPAL = id('11010119900307123');
const AGENT = id('11010119850101123');
const STRANGER = id('33050219900101123');
const UPLOAD = '5b0f6a0e-8d3c-4f7e-9a51-3c2f4e1d7b90';
const DELEGATION = '7d2a8c20-af5e-4b90-9c73-5e4a6f3f9db2';
const NOW = new Date('2027-01-15T02:00:00Z');

const person = (idNumber: string, name: string): Identity => ({
  subject: idNumber,
  role: 'applicant',
  name,
  idNumber,
  enterprises: [],
  departments: [],
});
const officer: Identity = {
  subject: 'window-1',
  role: 'window-staff',
  name: '王窗口',
  enterprises: [],
  departments: [],
};

/** The repository in memory: enough of it for the service. */
function memoryDelegations(initial: Delegation[] = []) {
  const rows = new Map(initial.map((d) => [d.id, d]));
  const store = {
    create: async (d: NewDelegation, now: Date) => {
      const made: Delegation = { ...d, id: DELEGATION, grantedAt: now, revokedAt: null };
      rows.set(made.id, made);
      return made;
    },
    get: async (key: string) => rows.get(key),
  };
  return { rows, store: store as unknown as Delegations };
}

const stored = (over: Partial<Delegation> = {}): Delegation => ({
  id: DELEGATION,
  principalIdNumber: PRINCIPAL,
  principalName: '张三',
  principalSubject: PRINCIPAL,
  enterpriseUscc: null,
  agentIdNumber: AGENT,
  agentName: '李四',
  bundleCodes: ['HOUSE-TRANSFER'],
  validFrom: '2027-01-01',
  validUntil: '2027-03-31',
  powerOfAttorneyUploadId: UPLOAD,
  recordedBy: null,
  grantedAt: new Date('2027-01-01T02:00:00Z'),
  revokedAt: null,
  ...over,
});

/** A fake of the front desk's visits: visit `visit-1` is officer window-1's, for the principal. */
const visits: VisitLookup = {
  visitFor: async (visitId, who) => {
    if (visitId !== 'visit-1' || who.subject !== 'window-1')
      throw subgraphError('NOT_FOUND', 'hall', `no visit ${visitId} of yours`);
    return {
      applicant: {
        idNumber: PRINCIPAL,
        name: '张三',
        subject: PRINCIPAL,
        role: 'applicant',
        enterprises: [],
      },
      officer: { subject: 'window-1', name: '王窗口', centre: 'huzhou' },
      identityCheck: 'ID_CARD_READ',
    };
  },
};

const service = (initial: Delegation[] = []) => {
  const memory = memoryDelegations(initial);
  return {
    ...memory,
    service: new DelegationService({
      delegations: memory.store,
      uploadsOf: async (idNumber, ids) =>
        new Set(idNumber === PRINCIPAL ? ids.filter((i) => i === UPLOAD) : []),
      bundleCodes: () => new Set(['HOUSE-TRANSFER', 'BUSINESS-START']),
      visits,
      clock: beijingClock(() => NOW),
    }),
  };
};

/** The code and extensions of what `work` threw. */
async function refusal(work: Promise<unknown>): Promise<Record<string, unknown>> {
  const e = (await work.then(
    () => expect.unreachable('it was not refused'),
    (err: unknown) => err,
  )) as GraphQLError;
  return { message: e.message, ...e.extensions };
}

describe('DelegationService.actingUnder (the DelegationLookup of acting/)', () => {
  it('answers the principal as the applicant and the agent, while ACTIVE and in scope', async () => {
    const { service: s } = service([stored()]);
    const acting = await s.actingUnder(DELEGATION, person(AGENT, '李四'), 'HOUSE-TRANSFER', NOW);
    expect(acting).toEqual({
      principal: {
        idNumber: PRINCIPAL,
        name: '张三',
        subject: PRINCIPAL,
        role: 'applicant',
        enterprises: [],
      },
      agent: { idNumber: AGENT, name: '李四', delegationId: DELEGATION },
    });
  });

  it('gives the principal the delegation’s enterprise only, under an enterprise delegation', async () => {
    const { service: s } = service([stored({ enterpriseUscc: '91330502MA2B3C4D5X' })]);
    const acting = await s.actingUnder(DELEGATION, person(AGENT, '李四'), null, NOW);
    expect(acting.principal.enterprises).toEqual(['91330502MA2B3C4D5X']);
  });

  it('refuses an unknown delegation, a malformed id and one naming someone else as NOT_FOUND', async () => {
    const { service: s } = service([stored()]);
    for (const [key, who] of [
      ['0f2a8c20-af5e-4b90-9c73-5e4a6f3f9db2', person(AGENT, '李四')],
      ['not-a-uuid', person(AGENT, '李四')],
      [DELEGATION, person(STRANGER, '路人')],
      [DELEGATION, person(PRINCIPAL, '张三')],
      [DELEGATION, officer],
    ] as const)
      expect(await refusal(s.actingUnder(key, who, 'HOUSE-TRANSFER', NOW))).toMatchObject({
        code: 'NOT_FOUND',
      });
  });

  it('refuses a revoked delegation as DELEGATION_NOT_ACTIVE, saying since when', async () => {
    const { service: s } = service([stored({ revokedAt: new Date('2027-01-10T03:00:00Z') })]);
    expect(
      await refusal(s.actingUnder(DELEGATION, person(AGENT, '李四'), 'HOUSE-TRANSFER', NOW)),
    ).toMatchObject({
      code: 'DELEGATION_NOT_ACTIVE',
      status: 'REVOKED',
      since: '2027-01-10',
      message: expect.stringMatching(/revoked by its principal on 2027-01-10/),
      reason: { zh: expect.stringMatching(/撤销/) },
    });
  });

  it('refuses an expired and a not yet valid delegation as DELEGATION_NOT_ACTIVE', async () => {
    const { service: s } = service([stored()]);
    expect(
      await refusal(s.actingUnder(DELEGATION, person(AGENT, '李四'), null, new Date('2027-04-01T01:00:00Z'))),
    ).toMatchObject({ code: 'DELEGATION_NOT_ACTIVE', status: 'EXPIRED', since: '2027-04-01' });
    expect(
      await refusal(s.actingUnder(DELEGATION, person(AGENT, '李四'), null, new Date('2026-12-31T01:00:00Z'))),
    ).toMatchObject({ code: 'DELEGATION_NOT_ACTIVE', status: 'NOT_YET_VALID', from: '2027-01-01' });
  });

  it('refuses another bundle as DELEGATION_OUT_OF_SCOPE, naming those it covers', async () => {
    const { service: s } = service([stored()]);
    expect(
      await refusal(s.actingUnder(DELEGATION, person(AGENT, '李四'), 'BUSINESS-START', NOW)),
    ).toMatchObject({
      code: 'DELEGATION_OUT_OF_SCOPE',
      bundleCodes: ['HOUSE-TRANSFER'],
      message: expect.stringMatching(/covers HOUSE-TRANSFER/),
    });
  });
});

describe('DelegationService.grant and record', () => {
  const input = {
    agentIdNumber: AGENT,
    agentName: '李四',
    bundleCodes: ['HOUSE-TRANSFER'],
    validUntil: '2027-03-31',
  };
  const principal = {
    idNumber: PRINCIPAL,
    name: '张三',
    subject: PRINCIPAL,
    role: 'applicant',
    enterprises: [],
  };

  it('stores a delegation granted online, from today (Beijing), recorded by nobody', async () => {
    const { service: s } = service();
    const r = await s.grant(principal, { ...input, powerOfAttorneyUploadId: UPLOAD });
    expect(r.problems).toEqual([]);
    expect(r.delegation).toMatchObject({
      principalIdNumber: PRINCIPAL,
      principalName: '张三',
      agentIdNumber: AGENT,
      validFrom: '2027-01-15',
      powerOfAttorneyUploadId: UPLOAD,
      recordedBy: null,
    });
  });

  it('stores nothing when there are problems, and names them all', async () => {
    const { service: s, rows } = service();
    const r = await s.grant(principal, { ...input, agentName: '', bundleCodes: [] });
    expect(r.problems.map((p) => p.code).sort()).toEqual(['delegation.scopeEmpty', 'field.required']);
    expect(rows.size).toBe(0);
  });

  it('records one at a window for the visit’s walk-in, the officer named, the scan required', async () => {
    const { service: s } = service();
    const missing = await s.record('visit-1', officer, input);
    expect(missing.problems.map((p) => `${p.field} ${p.code}`)).toEqual([
      'powerOfAttorneyUploadId field.required',
    ]);
    const r = await s.record('visit-1', officer, { ...input, powerOfAttorneyUploadId: UPLOAD });
    expect(r.delegation).toMatchObject({
      principalIdNumber: PRINCIPAL,
      recordedBy: { subject: 'window-1', name: '王窗口', centre: 'huzhou' },
    });
  });

  it('lets the visit lookup refuse a visit that is not the officer’s', async () => {
    const { service: s } = service();
    const other = { ...officer, subject: 'window-2' };
    expect(
      await refusal(s.record('visit-1', other, { ...input, powerOfAttorneyUploadId: UPLOAD })),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('DelegationService.mayRead', () => {
  it('lets the principal, the agent and window staff learn of a delegation, nobody else', () => {
    const d = stored();
    expect(DelegationService.mayRead(person(PRINCIPAL, '张三'), d)).toBe(true);
    expect(DelegationService.mayRead(person(AGENT, '李四'), d)).toBe(true);
    expect(DelegationService.mayRead(officer, d)).toBe(true);
    expect(DelegationService.mayRead(person(STRANGER, '路人'), d)).toBe(false);
    expect(DelegationService.mayRead({ ...officer, role: 'department-staff', departments: ['tax'] }, d)).toBe(
      false,
    );
    // The hall acting for the principal is a service, not the principal.
    expect(
      DelegationService.mayRead(
        { ...officer, role: 'service', actingFor: { idNumber: PRINCIPAL, enterprises: [] } },
        d,
      ),
    ).toBe(false);
  });
});
