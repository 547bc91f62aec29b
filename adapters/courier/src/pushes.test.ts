import { digestOf as platformDigest, wireTime as platformTime } from '@onething/legacy-courier';
import { describe, expect, it } from 'vitest';
import { digestOf } from './digest';
import { PUSH_HEADERS, PushVerifier, pushAnswer } from './pushes';

const SECRET = 'courier-dev-secret';
const now = Date.UTC(2026, 11, 4, 6, 30, 0);
const ours = new Set(['EA100000008CN']);

const event = (seq = 5, waybillNo = 'EA100000008CN') =>
  JSON.stringify({
    pushId: `${waybillNo}-${seq}`,
    waybillNo,
    txLogisticId: 'A2026120400017',
    seq,
    opCode: '40',
    opName: '已妥投',
    opTime: '2026-12-05 12:00:00',
    opOrgName: '湖州市南浔区揽投部',
    description: '已妥投，签收人：张三',
    signer: '张三',
  });

/** Headers as the platform signs a push, with its own copy of the digest (the stand-in's). */
function signed(body: string, o: { secret?: string; appKey?: string; at?: number; nonce?: string } = {}) {
  const appKey = o.appKey ?? 'onething-hall';
  const timestamp = platformTime(o.at ?? now);
  const nonce = o.nonce ?? `n${Math.random().toString(36).slice(2)}${Date.now()}`;
  return {
    [PUSH_HEADERS.appKey]: appKey,
    [PUSH_HEADERS.timestamp]: timestamp,
    [PUSH_HEADERS.nonce]: nonce,
    [PUSH_HEADERS.digest]: platformDigest(o.secret ?? SECRET, {
      msgType: 'PUSH',
      appKey,
      timestamp,
      nonce,
      payload: body,
    }),
  };
}

const verifier = () =>
  new PushVerifier({
    appKey: 'onething-hall',
    appSecret: SECRET,
    known: async (no, order) => ours.has(no) && order === 'A2026120400017',
  });

describe('a tracking push’s signature', () => {
  it('is the same digest on both sides (the adapter’s copy and the platform’s)', () => {
    const parts = {
      msgType: 'PUSH',
      appKey: 'k',
      timestamp: '2026-12-04 14:30:00',
      nonce: 'n',
      payload: '{}',
    };
    expect(digestOf('s', parts)).toBe(platformDigest('s', parts));
  });

  it('accepts a signed push about our waybill, as the event in domain terms', async () => {
    const body = event();
    const v = await verifier().verify(signed(body), body, now);
    expect(v).toMatchObject({
      ok: true,
      duplicate: false,
      push: {
        waybillNumber: 'EA100000008CN',
        orderNumber: 'A2026120400017',
        event: { seq: 5, status: 'DELIVERED', signer: '张三', at: '2026-12-05T04:00:00.000Z' },
      },
    });
    expect(pushAnswer(v)).toEqual({ status: 200, body: { success: true } });
  });

  it('refuses a push signed with another secret (forged)', async () => {
    const body = event();
    const v = await verifier().verify(signed(body, { secret: 'not-the-courier-secret' }), body, now);
    expect(v).toMatchObject({ ok: false, code: 'CALLBACK_SIGNATURE_INVALID' });
    expect(pushAnswer(v).status).toBe(401);
  });

  it('refuses a push whose body was changed after signing', async () => {
    const headers = signed(event());
    expect(await verifier().verify(headers, event(5).replace('张三', '李四'), now)).toMatchObject({
      ok: false,
      code: 'CALLBACK_SIGNATURE_INVALID',
    });
  });

  it('refuses a push for another app key, even signed with its own secret', async () => {
    const body = event();
    expect(await verifier().verify(signed(body, { appKey: 'other-centre' }), body, now)).toMatchObject({
      ok: false,
      code: 'CALLBACK_SIGNATURE_INVALID',
    });
  });

  it('refuses an unsigned push, naming the headers', async () => {
    const v = await verifier().verify({}, event(), now);
    expect(v).toMatchObject({ ok: false, code: 'CALLBACK_UNSIGNED' });
    expect(!v.ok && v.message).toContain(PUSH_HEADERS.digest);
  });

  it('refuses a push older than five minutes, and one from the future', async () => {
    const body = event();
    const v = verifier();
    expect(await v.verify(signed(body, { at: now - 301_000 }), body, now)).toMatchObject({
      code: 'CALLBACK_STALE',
    });
    expect(await v.verify(signed(body, { at: now + 301_000 }), body, now)).toMatchObject({
      code: 'CALLBACK_STALE',
    });
  });

  it('refuses a replay (the same nonce again), but takes a duplicate sent afresh as no news', async () => {
    const body = event();
    const v = verifier();
    const headers = signed(body);
    expect(await v.verify(headers, body, now)).toMatchObject({ ok: true, duplicate: false });
    expect(await v.verify(headers, body, now + 1_000)).toMatchObject({
      ok: false,
      code: 'CALLBACK_REPLAYED',
    });
    expect(await v.verify(signed(body), body, now + 2_000)).toMatchObject({ ok: true, duplicate: true });
  });

  it('refuses a push about a waybill that is not ours', async () => {
    const body = event(5, 'EB000717618HK');
    const v = await verifier().verify(signed(body), body, now);
    expect(v).toMatchObject({ ok: false, code: 'WAYBILL_UNKNOWN' });
    expect(pushAnswer(v).status).toBe(404);
  });

  it('refuses a signed body that is not a tracking event', async () => {
    const body = JSON.stringify({
      pushId: 'x',
      waybillNo: 'EA100000008CN',
      txLogisticId: 'A2026120400017',
      opCode: '77',
    });
    expect(await verifier().verify(signed(body), body, now)).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
    });
  });
});

describe('a push that cannot be confirmed now', () => {
  it('is answered 503, so the courier sends it again later', async () => {
    const body = event();
    const v = new PushVerifier({
      appKey: 'onething-hall',
      appSecret: SECRET,
      known: async () => {
        throw new Error('courier: ORDERQUERY: cannot reach the department’s system');
      },
    });
    const verdict = await v.verify(signed(body), body, now);
    expect(verdict).toMatchObject({ ok: false, code: 'DEPARTMENT_UNAVAILABLE' });
    expect(pushAnswer(verdict).status).toBe(503);
  });
});
