import { describe, expect, it } from 'vitest';
import { caseAnswer } from './cases';

const wire = {
  slbh: 'GJJ20260701000012',
  sxbm: 'FUND-EMPLOYER-OPEN',
  qqlsh: 'hall-part-1',
  sqrzjhm: '330503198911307628',
  blzt: '3',
  ztsj: '20260701120000',
  slsj: '20260701080000',
  yy: '',
  bzzd: '',
  jg: { zd: { dwzh: '330599000001' }, ws: { 'fund-closure-certificate': 'ZXZM20260701000001' } },
  lsjl: [],
};

describe('reading a case off the fund’s wire', () => {
  it('gives whose case it is, the status, Beijing instants as UTC, and results by semantic key or material id', () => {
    expect(caseAnswer.parse(wire)).toEqual({
      department: 'fund',
      caseNumber: 'GJJ20260701000012',
      itemCode: 'FUND-EMPLOYER-OPEN',
      applicantIdNumber: '330503198911307628',
      status: 'APPROVED',
      statusAt: '2026-07-01T04:00:00.000Z',
      acceptedAt: '2026-07-01T00:00:00.000Z',
      result: { 'fund.employerAccount': '330599000001', 'fund-closure-certificate': 'ZXZM20260701000001' },
    });
  });

  it('names the fields to correct by semantic key', () => {
    const state = caseAnswer.parse({
      ...wire,
      blzt: '5',
      yy: '提取金额超过账户余额',
      bzzd: 'tqje,grzh',
      jg: null,
    });
    expect(state).toMatchObject({
      status: 'CORRECTION_REQUESTED',
      reason: '提取金额超过账户余额',
      correctionFields: ['fund.withdrawalAmount', 'fund.personalAccount'],
    });
  });

  it('refuses an unknown status or a bad instant instead of guessing', () => {
    expect(() => caseAnswer.parse({ ...wire, blzt: '9' })).toThrow();
    expect(() => caseAnswer.parse({ ...wire, ztsj: '2026-07-01 12:00' })).toThrow();
  });
});
