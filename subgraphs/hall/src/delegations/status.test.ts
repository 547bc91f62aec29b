import { describe, expect, it } from 'vitest';
import type { Delegation } from './model';
import { dayAfter, delegationStatus, judgeActing, judgeRevocation } from './status';

const PRINCIPAL = '110101199003071234';
const AGENT = '110101198501011235';
const STRANGER = '330502199001011236';

const delegation = (over: Partial<Delegation> = {}): Delegation => ({
  id: '5b0f6a0e-8d3c-4f7e-9a51-3c2f4e1d7b90',
  principalIdNumber: PRINCIPAL,
  principalName: '张三',
  principalSubject: PRINCIPAL,
  enterpriseUscc: null,
  agentIdNumber: AGENT,
  agentName: '李四',
  bundleCodes: ['HOUSE-TRANSFER'],
  validFrom: '2026-12-04',
  validUntil: '2027-03-31',
  powerOfAttorneyUploadId: null,
  recordedBy: null,
  grantedAt: new Date('2026-12-04T02:00:00Z'),
  revokedAt: null,
  ...over,
});

/** An instant on a Beijing day (08:30 Beijing is 00:30 UTC the same day). */
const on = (day: string, beijingTime = '08:30') => new Date(`${day}T${beijingTime}:00+08:00`);

describe('delegationStatus', () => {
  it.each([
    ['2026-12-03', 'NOT_YET_VALID'],
    ['2026-12-04', 'ACTIVE'],
    ['2027-01-15', 'ACTIVE'],
    ['2027-03-31', 'ACTIVE'],
    ['2027-04-01', 'EXPIRED'],
  ] as const)('on %s a delegation from 2026-12-04 to 2027-03-31 is %s', (today, status) => {
    expect(delegationStatus(delegation(), today)).toBe(status);
  });

  it('is REVOKED once revoked, whatever the day: before, during and after its term', () => {
    const revoked = delegation({ revokedAt: on('2026-12-10') });
    for (const today of ['2026-12-03', '2026-12-10', '2027-01-15', '2027-04-01'])
      expect(delegationStatus(revoked, today)).toBe('REVOKED');
  });

  it('counts a one-day delegation active on that day only', () => {
    const oneDay = delegation({ validFrom: '2026-12-04', validUntil: '2026-12-04' });
    expect(['2026-12-03', '2026-12-04', '2026-12-05'].map((d) => delegationStatus(oneDay, d))).toEqual([
      'NOT_YET_VALID',
      'ACTIVE',
      'EXPIRED',
    ]);
  });

  it('dayAfter crosses months, years and 29 February', () => {
    expect(dayAfter('2027-03-31')).toBe('2027-04-01');
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
    expect(dayAfter('2028-02-28')).toBe('2028-02-29');
  });
});

describe('judgeActing', () => {
  const today = '2027-01-15';

  it('lets the agent act while ACTIVE in a bundle of its scope, or with no bundle (listing drafts)', () => {
    expect(judgeActing(delegation(), AGENT, 'HOUSE-TRANSFER', today)).toEqual({ ok: true });
    expect(judgeActing(delegation(), AGENT, null, today)).toEqual({ ok: true });
  });

  it('answers NOT_FOUND to anyone it does not name as agent, the principal included', () => {
    for (const who of [STRANGER, PRINCIPAL]) {
      const j = judgeActing(delegation(), who, 'HOUSE-TRANSFER', today);
      expect(j).toMatchObject({ ok: false, refusal: { code: 'NOT_FOUND' } });
    }
  });

  it('refuses a revoked delegation as DELEGATION_NOT_ACTIVE, saying since when', () => {
    const j = judgeActing(delegation({ revokedAt: on('2027-01-10') }), AGENT, 'HOUSE-TRANSFER', today);
    expect(j).toMatchObject({
      ok: false,
      refusal: { code: 'DELEGATION_NOT_ACTIVE', details: { status: 'REVOKED', since: '2027-01-10' } },
    });
    if (!j.ok) {
      expect(j.refusal.en).toMatch(/revoked by its principal on 2027-01-10/);
      expect(j.refusal.zh).toMatch(/2027-01-10/);
    }
  });

  it('dates a revocation by the Beijing day: 23:30 UTC is the next morning in Beijing', () => {
    const j = judgeActing(
      delegation({ revokedAt: new Date('2027-01-09T23:30:00Z') }),
      AGENT,
      'HOUSE-TRANSFER',
      today,
    );
    expect(j).toMatchObject({ refusal: { details: { since: '2027-01-10' } } });
  });

  it('refuses an expired delegation, since the day after its last', () => {
    const j = judgeActing(delegation(), AGENT, 'HOUSE-TRANSFER', '2027-04-01');
    expect(j).toMatchObject({
      ok: false,
      refusal: { code: 'DELEGATION_NOT_ACTIVE', details: { status: 'EXPIRED', since: '2027-04-01' } },
    });
  });

  it('refuses a delegation not valid yet, saying from when', () => {
    const j = judgeActing(delegation({ validFrom: '2027-02-01' }), AGENT, 'HOUSE-TRANSFER', today);
    expect(j).toMatchObject({
      ok: false,
      refusal: { code: 'DELEGATION_NOT_ACTIVE', details: { status: 'NOT_YET_VALID', from: '2027-02-01' } },
    });
  });

  it('refuses a bundle outside its scope as DELEGATION_OUT_OF_SCOPE, naming the bundles it covers', () => {
    const d = delegation({ bundleCodes: ['HOUSE-TRANSFER', 'BUSINESS-START'] });
    const j = judgeActing(d, AGENT, 'COMPANY-CHANGE', today);
    expect(j).toMatchObject({
      ok: false,
      refusal: {
        code: 'DELEGATION_OUT_OF_SCOPE',
        details: { bundleCode: 'COMPANY-CHANGE', bundleCodes: ['HOUSE-TRANSFER', 'BUSINESS-START'] },
      },
    });
    if (!j.ok) expect(j.refusal.en).toMatch(/covers HOUSE-TRANSFER, BUSINESS-START/);
  });

  it('says a delegation is not active before looking at its scope', () => {
    const j = judgeActing(delegation({ revokedAt: on('2027-01-10') }), AGENT, 'COMPANY-CHANGE', today);
    expect(j).toMatchObject({ refusal: { code: 'DELEGATION_NOT_ACTIVE' } });
  });
});

describe('judgeRevocation', () => {
  it('lets its principal revoke an ACTIVE delegation, from now', () => {
    const now = on('2027-01-15');
    expect(judgeRevocation(delegation(), PRINCIPAL, now)).toEqual({ ok: true, revokedAt: now });
  });

  it('lets its principal revoke a delegation not valid yet', () => {
    const now = on('2026-12-04');
    expect(judgeRevocation(delegation({ validFrom: '2027-01-01' }), PRINCIPAL, now)).toEqual({
      ok: true,
      revokedAt: now,
    });
  });

  it('refuses anyone but the principal as NOT_FOUND — the agent too', () => {
    for (const who of [AGENT, STRANGER])
      expect(judgeRevocation(delegation(), who, on('2027-01-15'))).toMatchObject({
        ok: false,
        refusal: { code: 'NOT_FOUND' },
      });
  });

  it('refuses revoking twice, saying since when it is revoked', () => {
    const once = delegation({ revokedAt: on('2027-01-10') });
    expect(judgeRevocation(once, PRINCIPAL, on('2027-01-15'))).toMatchObject({
      ok: false,
      refusal: { code: 'DELEGATION_NOT_ACTIVE', details: { status: 'REVOKED', since: '2027-01-10' } },
    });
  });

  it('refuses revoking an expired delegation: it allows nothing already', () => {
    expect(judgeRevocation(delegation(), PRINCIPAL, on('2027-04-01'))).toMatchObject({
      ok: false,
      refusal: { code: 'DELEGATION_NOT_ACTIVE', details: { status: 'EXPIRED' } },
    });
  });

  it('judges the day in Beijing: 16:30 UTC on its last day is already the next day there', () => {
    expect(judgeRevocation(delegation(), PRINCIPAL, new Date('2027-03-31T16:30:00Z'))).toMatchObject({
      ok: false,
      refusal: { details: { status: 'EXPIRED' } },
    });
    expect(judgeRevocation(delegation(), PRINCIPAL, new Date('2027-03-31T15:30:00Z'))).toMatchObject({
      ok: true,
    });
  });
});
