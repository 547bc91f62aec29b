import { describe, expect, it } from 'vitest';
import {
  fenToYuanNumber,
  fieldCodeOf,
  semanticKeyOf,
  toCaseState,
  toEnterprise,
  toIsoInstant,
  yuanToFenExact,
} from './codec';

describe('market codec', () => {
  it('maps semantic keys to field codes and back', () => {
    for (const key of ['enterprise.uscc', 'enterprise.legalRepIdNumber', 'applicant.phone']) {
      expect(semanticKeyOf(fieldCodeOf(key))).toBe(key);
    }
    expect(fieldCodeOf('enterprise.businessScope')).toBe('enterpriseBusinessScope');
  });

  it('converts money exactly and refuses sub-fen precision', () => {
    expect(yuanToFenExact(1234.56)).toBe(123456);
    expect(yuanToFenExact(0.1 + 0.2)).toBe(30);
    expect(() => yuanToFenExact(1.005)).toThrow();
    expect(fenToYuanNumber(50000050)).toBe(500000.5);
  });

  it('reads Beijing instants as UTC timestamps', () => {
    expect(toIsoInstant('2026-07-01T00:30:05+08:00')).toBe('2026-06-30T16:30:05.000Z');
  });

  it('reads an enterprise in domain terms: 万元 to fen, status names of the domain', () => {
    const e = toEnterprise({
      uscc: '91330100716105852F',
      name: '某公司',
      entityType: 'COMPANY',
      legalRepresentative: { idNumber: '11010519491231002X', name: '张三' },
      registeredCapital: 50.00005,
      establishedDate: '2020-01-02',
      address: 'a',
      businessScope: 'b',
      status: 'EXISTING',
      lastModified: '2026-07-01T08:00:00+08:00',
    });
    expect(e).toMatchObject({
      kind: 'COMPANY',
      registeredCapitalFen: 50_000_050,
      status: 'ACTIVE',
      legalRepName: '张三',
      updatedAt: '2026-07-01T00:00:00.000Z',
    });
  });

  it('reads an application as a case: whose it is, statuses, correction fields and results by semantic key', () => {
    const base = {
      applicationNo: 'SCJG20260630000001',
      itemCode: 'MKT-ESTABLISH',
      applicantIdNumber: '330502198503120417',
      statusChangedAt: '2026-06-30T14:00:00+08:00',
      acceptedAt: '2026-06-30T10:00:00+08:00',
      history: [],
    };
    expect(
      toCaseState({
        ...base,
        status: 'SUPPLEMENT_REQUIRED',
        remarks: '经营范围不规范',
        fieldsToSupplement: ['enterpriseBusinessScope'],
        outcome: null,
      }),
    ).toEqual({
      department: 'market',
      caseNumber: 'SCJG20260630000001',
      itemCode: 'MKT-ESTABLISH',
      applicantIdNumber: '330502198503120417',
      status: 'CORRECTION_REQUESTED',
      statusAt: '2026-06-30T06:00:00.000Z',
      acceptedAt: '2026-06-30T02:00:00.000Z',
      reason: '经营范围不规范',
      correctionFields: ['enterprise.businessScope'],
    });
    const approved = toCaseState({
      ...base,
      status: 'APPROVED',
      remarks: null,
      fieldsToSupplement: [],
      outcome: {
        values: { enterpriseUscc: '91330100716105852F' },
        documents: [{ materialId: 'business-licence', documentNo: 'YYZZ20260630000001' }],
      },
    });
    expect(approved.result).toEqual({
      'enterprise.uscc': '91330100716105852F',
      'business-licence': 'YYZZ20260630000001',
    });
    expect(approved.reason).toBeUndefined();
    expect(
      toCaseState({ ...base, status: 'DENIED', remarks: '驳回', fieldsToSupplement: [], outcome: null })
        .status,
    ).toBe('REJECTED');
  });
});
