import { describe, expect, it } from 'vitest';
import { type HandOut, handOutTransition, maskId } from './model';

const ADDRESS = {
  name: '收件人',
  phone: '13912345678',
  province: '浙江省',
  city: '湖州市',
  county: '南浔区',
  address: '人瑞路88号',
  postalCode: '313009',
};
const handOut = (over: Partial<HandOut> = {}): HandOut => ({
  applicationId: 'a',
  method: 'COLLECT',
  address: null,
  status: 'WAITING',
  waybillNumber: null,
  waybillStatus: null,
  signer: null,
  collection: null,
  deliveredAt: null,
  ...over,
});
const collection = {
  recipientName: '张三',
  recipientIdMasked: maskId('11010519491231002X'),
  as: 'APPLICANT' as const,
  identityCheck: 'ID_CARD_READ' as const,
  signatureUploadId: 'u',
  officer: { subject: 's', name: '王' },
};
const at = new Date('2026-12-05T02:00:00Z');

describe('the hand-out state machine (统一出件)', () => {
  it('changes its way only until every part is approved; posting needs an address', () => {
    expect(handOutTransition(handOut(), { type: 'choose', method: 'POST', address: ADDRESS })).toMatchObject({
      ok: true,
      change: { method: 'POST', address: ADDRESS },
    });
    expect(handOutTransition(handOut(), { type: 'choose', method: 'POST', address: null }).ok).toBe(false);
    expect(
      handOutTransition(handOut({ status: 'READY' }), { type: 'choose', method: 'COLLECT', address: null })
        .ok,
    ).toBe(false);
  });

  it('collects once, at the window, only what is ready to collect', () => {
    expect(handOutTransition(handOut(), { type: 'completed' })).toMatchObject({
      change: { status: 'READY' },
      next: ['tellReady'],
    });
    expect(handOutTransition(handOut(), { type: 'collected', collection, at }).ok).toBe(false);
    const ready = handOut({ status: 'READY' });
    expect(handOutTransition(ready, { type: 'collected', collection, at })).toMatchObject({
      change: { status: 'DELIVERED', deliveredAt: at },
      next: ['tellDelivered'],
    });
    expect(
      handOutTransition(handOut({ status: 'DELIVERED' }), { type: 'collected', collection, at }).ok,
    ).toBe(false);
    expect(
      handOutTransition(handOut({ method: 'POST', status: 'READY' }), { type: 'collected', collection, at })
        .ok,
    ).toBe(false);
  });

  it('posts, follows the waybill, and is delivered only when signed for', () => {
    const post = handOut({ method: 'POST', address: ADDRESS });
    expect(handOutTransition(post, { type: 'completed' })).toMatchObject({ next: ['post'] });
    const ready = { ...post, status: 'READY' as const };
    expect(
      handOutTransition(ready, { type: 'waybill', waybillNumber: 'EA100000008CN', waybillStatus: 'CREATED' }),
    ).toMatchObject({
      change: { status: 'POSTED', waybillNumber: 'EA100000008CN' },
      next: ['tellPosted'],
    });
    const posted = {
      ...ready,
      status: 'POSTED' as const,
      waybillNumber: 'EA100000008CN',
      waybillStatus: 'CREATED',
    };
    expect(
      handOutTransition(posted, { type: 'tracked', waybillStatus: 'IN_TRANSIT', signer: null, at }),
    ).toMatchObject({
      change: { waybillStatus: 'IN_TRANSIT' },
      next: [],
    });
    expect(
      handOutTransition(posted, { type: 'tracked', waybillStatus: 'CREATED', signer: null, at }),
    ).toMatchObject({
      change: {},
    });
    expect(
      handOutTransition(posted, { type: 'tracked', waybillStatus: 'DELIVERED', signer: '张三', at }),
    ).toMatchObject({
      change: { status: 'DELIVERED', signer: '张三', deliveredAt: at },
      next: ['tellDelivered'],
    });
  });
});
