import { describe, expect, it } from 'vitest';
import { mobileOf, NOTICE, NOTICE_KINDS, noticeOfStatus } from './kinds';

describe('what the applicant is told', () => {
  it('tells acceptance once (from submitted only), each correction, completion and refusal', () => {
    expect(noticeOfStatus('SUBMITTED', 'IN_PROGRESS')).toBe('ACCEPTED');
    expect(noticeOfStatus('CORRECTION_REQUESTED', 'IN_PROGRESS')).toBeNull();
    expect(noticeOfStatus('PAYMENT_DUE', 'IN_PROGRESS')).toBeNull();
    expect(noticeOfStatus('IN_PROGRESS', 'CORRECTION_REQUESTED')).toBe('CORRECTION_REQUESTED');
    expect(noticeOfStatus('IN_PROGRESS', 'COMPLETED')).toBe('APPROVED');
    expect(noticeOfStatus('PAYMENT_DUE', 'REJECTED')).toBe('REJECTED');
    expect(noticeOfStatus('IN_PROGRESS', 'IN_PROGRESS')).toBeNull();
    // Fees due are told when the code is issued, with its amount (the payment desk), not on the status.
    expect(noticeOfStatus('IN_PROGRESS', 'PAYMENT_DUE')).toBeNull();
  });

  it('texts a mainland mobile number only', () => {
    expect(mobileOf([{ key: 'applicant.phone', value: '+8613912345678' }])).toBe('13912345678');
    expect(mobileOf([{ key: 'applicant.phone', value: '010-12345678' }])).toBeNull();
    expect(mobileOf([])).toBeNull();
  });

  it('puts no name nor ID number in any text: only the bundle, the number’s start and an amount', () => {
    const params = { bundle: '二手房转移登记', bundleEn: 'House transfer', ref: 'c4ea912f', amount: '80.00' };
    for (const kind of NOTICE_KINDS)
      expect(
        Object.keys(NOTICE[kind].variables(params)).every((v) =>
          ['bundle', 'ref', 'amount', 'courier', 'waybill'].includes(v),
        ),
      ).toBe(true);
  });
});
