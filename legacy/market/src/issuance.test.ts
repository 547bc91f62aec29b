import { completeOrganisationCode, validateUscc } from '@onething/schema';
import { describe, expect, it } from 'vitest';
import { Issuance } from './issuance';

describe('what the registry issues', () => {
  it('issues valid, unique USCCs of the right type in the applicant’s division', () => {
    const used = new Set<string>();
    const issuance = new Issuance(1, (u) => used.has(u));
    for (let i = 0; i < 200; i++) {
      const kind = i % 2 ? 'company' : 'individual';
      const uscc = issuance.uscc(kind, '330502');
      const v = validateUscc(uscc);
      expect(v).toMatchObject({
        ok: true,
        details: { authority: '9', entityType: kind === 'company' ? '1' : '2', divisionCode: '330502' },
      });
      const org = uscc.slice(8, 17);
      expect(completeOrganisationCode(org.slice(0, 8))).toBe(org);
      expect(used.has(uscc)).toBe(false);
      used.add(uscc);
    }
  });

  it('skips a code already in use', () => {
    const first = new Issuance(7, () => false).uscc('company', '510104');
    const second = new Issuance(7, (u) => u === first).uscc('company', '510104');
    expect(second).not.toBe(first);
  });

  it('numbers documents per kind with the Beijing date', () => {
    const issuance = new Issuance(1, () => false);
    const at = Date.UTC(2026, 5, 30, 17, 0); // 01:00 on 1 July in Beijing
    expect(issuance.documentNumber('YYZZ', at)).toBe('YYZZ20260701000001');
    expect(issuance.documentNumber('YYZZ', at)).toBe('YYZZ20260701000002');
    expect(issuance.documentNumber('BGTZ', at)).toBe('BGTZ20260701000001');
  });
});
