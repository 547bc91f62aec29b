import { residentIdCheckCharacter, usccCheckCharacter } from '@onething/schema';
import { describe, expect, it } from 'vitest';
import type { DelegationDraft } from './model';
import { checkDelegation, type DelegationFacts, longestUntil } from './validation';

const id = (first17: string) => first17 + residentIdCheckCharacter(first17);
const uscc = (first17: string) => first17 + usccCheckCharacter(first17);

const PRINCIPAL = id('11010119900307123');
const AGENT = id('11010119850101123');
const MINOR = id('11010120150101123');
const ENTERPRISE = uscc('91330502MA2B3C4D5');
const OTHER_ENTERPRISE = uscc('91330502MA2B3C4D6');
const UPLOAD = '5b0f6a0e-8d3c-4f7e-9a51-3c2f4e1d7b90';
const SOMEONE_ELSES = '6c1f7b1f-9e4d-4a8f-8b62-4d3f5e2e8ca1';

const facts = (over: Partial<DelegationFacts> = {}): DelegationFacts => ({
  principalIdNumber: PRINCIPAL,
  principalEnterprises: [ENTERPRISE],
  today: '2026-12-04',
  bundleCodes: new Set(['HOUSE-TRANSFER', 'BUSINESS-START']),
  principalUploads: new Set([UPLOAD]),
  powerOfAttorneyRequired: false,
  ...over,
});

const draft = (over: Partial<DelegationDraft> = {}): DelegationDraft => ({
  agentIdNumber: AGENT,
  agentName: '李四',
  bundleCodes: ['HOUSE-TRANSFER'],
  validUntil: '2027-03-31',
  ...over,
});

const found = (d: DelegationDraft, f = facts()) =>
  checkDelegation(d, f)
    .problems.map((p) => `${p.field} ${p.code}`)
    .sort();

describe('checkDelegation', () => {
  it('takes a right delegation, from today by default, trimmed and without repeated bundles', () => {
    const r = checkDelegation(
      draft({
        agentName: ' 李四 ',
        agentIdNumber: ` ${AGENT.toLowerCase()} `,
        bundleCodes: ['HOUSE-TRANSFER', 'HOUSE-TRANSFER'],
        enterpriseUscc: ENTERPRISE,
        powerOfAttorneyUploadId: UPLOAD,
      }),
      facts(),
    );
    expect(r.problems).toEqual([]);
    expect(r.delegation).toEqual({
      agentIdNumber: AGENT,
      agentName: '李四',
      bundleCodes: ['HOUSE-TRANSFER'],
      validFrom: '2026-12-04',
      validUntil: '2027-03-31',
      enterpriseUscc: ENTERPRISE,
      powerOfAttorneyUploadId: UPLOAD,
    });
  });

  it('names every problem at once, each at its field, in zh and en', () => {
    const r = checkDelegation(
      {
        agentIdNumber: PRINCIPAL,
        agentName: '   ',
        bundleCodes: ['NO-SUCH-BUNDLE'],
        validFrom: '2026-12-01',
        validUntil: '2026-11-30',
        enterpriseUscc: OTHER_ENTERPRISE,
        powerOfAttorneyUploadId: SOMEONE_ELSES,
      },
      facts(),
    );
    expect(r.delegation).toBeUndefined();
    expect(r.problems.map((p) => `${p.field} ${p.code}`).sort()).toEqual([
      'agentIdNumber delegation.agentIsPrincipal',
      'agentName field.required',
      'bundleCodes bundle.unknown',
      'enterpriseUscc enterprise.notRepresented',
      'powerOfAttorneyUploadId material.uploadUnknown',
      'validFrom delegation.validFromPast',
      'validUntil delegation.validUntilBeforeFrom',
    ]);
    for (const p of r.problems) {
      expect(p.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.message.en).toMatch(/[a-z]/);
    }
  });

  it('checks the agent’s ID number by GB 11643, every rule it breaks', () => {
    const wrongCheck = AGENT.slice(0, 17) + (AGENT[17] === '0' ? '1' : '0');
    expect(found(draft({ agentIdNumber: wrongCheck }))).toEqual(['agentIdNumber GB11643.checkCharacter']);
    expect(found(draft({ agentIdNumber: '12345' }))).toEqual(['agentIdNumber GB11643.format']);
    expect(found(draft({ agentIdNumber: id('99010119850101123') }))).toEqual([
      'agentIdNumber GB11643.divisionCode',
    ]);
  });

  it('refuses a minor as agent', () => {
    expect(found(draft({ agentIdNumber: MINOR }))).toEqual(['agentIdNumber delegation.agentMinor']);
  });

  it('refuses a name too long or holding markup', () => {
    expect(found(draft({ agentName: '李'.repeat(51) }))).toEqual(['agentName field.maxLength']);
    expect(found(draft({ agentName: '李四<script>' }))).toEqual(['agentName field.characters']);
  });

  it('asks for at least one bundle, and names each unknown one', () => {
    expect(found(draft({ bundleCodes: [] }))).toEqual(['bundleCodes delegation.scopeEmpty']);
    const r = checkDelegation(draft({ bundleCodes: ['HOUSE-TRANSFER', 'X', 'Y'] }), facts());
    expect(r.problems.map((p) => p.message.en)).toEqual([
      'no bundle "X", "Y"; bundles: HOUSE-TRANSFER, BUSINESS-START',
    ]);
    // Thousands of codes are one problem naming the first few.
    const many = checkDelegation(
      draft({ bundleCodes: Array.from({ length: 5000 }, (_, i) => `B-${i}`) }),
      facts(),
    );
    expect(many.problems).toHaveLength(1);
    expect(many.problems[0]!.message.en).toBe(
      'no bundle "B-0", "B-1", "B-2", "B-3", "B-4" and 4995 more; bundles: HOUSE-TRANSFER, BUSINESS-START',
    );
  });

  it('takes a term from today to a year later, and refuses a day more', () => {
    expect(found(draft({ validFrom: '2026-12-04', validUntil: '2027-12-04' }))).toEqual([]);
    expect(found(draft({ validFrom: '2026-12-04', validUntil: '2026-12-04' }))).toEqual([]);
    expect(found(draft({ validFrom: '2027-01-01', validUntil: '2028-01-01' }))).toEqual([]);
    expect(found(draft({ validUntil: '2027-12-05' }))).toEqual(['validUntil delegation.termTooLong']);
    expect(found(draft({ validFrom: '2027-01-01', validUntil: '2028-01-02' }))).toEqual([
      'validUntil delegation.termTooLong',
    ]);
  });

  it('refuses a first day before today (Beijing), and a last day before the first', () => {
    expect(found(draft({ validFrom: '2026-12-03' }))).toEqual(['validFrom delegation.validFromPast']);
    expect(found(draft({ validFrom: '2027-01-10', validUntil: '2027-01-09' }))).toEqual([
      'validUntil delegation.validUntilBeforeFrom',
    ]);
  });

  it('refuses dates that are not real ones (when called in-process, past the Date scalar)', () => {
    expect(found(draft({ validFrom: '2027-02-30', validUntil: 'soon' }))).toEqual([
      'validFrom Date.format',
      'validUntil Date.format',
    ]);
  });

  it('checks an enterprise’s USCC by GB 32100 and that the principal represents it', () => {
    expect(found(draft({ enterpriseUscc: 'ABC' }))).toEqual(['enterpriseUscc GB32100.length']);
    expect(found(draft({ enterpriseUscc: OTHER_ENTERPRISE }))).toEqual([
      'enterpriseUscc enterprise.notRepresented',
    ]);
    expect(found(draft({ enterpriseUscc: OTHER_ENTERPRISE }), facts({ principalEnterprises: [] }))).toEqual([
      'enterpriseUscc enterprise.notRepresented',
    ]);
  });

  it('takes a power of attorney only from the principal’s uploads, and requires one at a window', () => {
    expect(found(draft({ powerOfAttorneyUploadId: 'not-an-id' }))).toEqual([
      'powerOfAttorneyUploadId material.uploadUnknown',
    ]);
    expect(found(draft(), facts({ powerOfAttorneyRequired: true }))).toEqual([
      'powerOfAttorneyUploadId field.required',
    ]);
    expect(
      found(draft({ powerOfAttorneyUploadId: UPLOAD }), facts({ powerOfAttorneyRequired: true })),
    ).toEqual([]);
  });
});

describe('longestUntil', () => {
  it('is the same date a year later, 29 February to 28 February', () => {
    expect(longestUntil('2026-12-04')).toBe('2027-12-04');
    expect(longestUntil('2028-02-29')).toBe('2029-02-28');
    expect(longestUntil('2027-02-28')).toBe('2028-02-28');
  });
});
