import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CourierAdapter, digestOf, signedForm, wireTime } from '../src/index';
import {
  newOrderNumber,
  OTHER,
  postalOrder,
  type Received,
  rejection,
  startCourierSystem,
  startPushEndpoint,
  until,
} from './courier-system';

let system: Awaited<ReturnType<typeof startCourierSystem>>;
let adapter: CourierAdapter;
let endpoint: Awaited<ReturnType<typeof startPushEndpoint>>;

// A fresh platform per test: its clock and its push faults are the test's alone.
beforeEach(async () => {
  system = await startCourierSystem();
  adapter = system.makeAdapter();
  endpoint = await startPushEndpoint(adapter);
  await adapter.subscribe(endpoint.url);
});
afterEach(async () => {
  adapter.close();
  await endpoint.close();
  await system.standIn.close();
});

const about = (no: string) => (r: Received) => r.verdict.ok && r.verdict.push.waybillNumber === no;
const events = (no: string) =>
  endpoint.received.filter(about(no)).map((r) => (r.verdict.ok ? r.verdict.push : undefined)!);
const statuses = (no: string) => events(no).map((p) => p.event.status);

describe('posting results through the courier', () => {
  it('goes to DELIVERED on the courier’s clock, each event pushed once, signed, with the signer’s name', async () => {
    const w = await adapter.createWaybill(postalOrder(newOrderNumber()));
    expect(w.status).toBe('CREATED');
    await system.admin.advanceClock({ advanceHours: 23 });
    await until(
      () => statuses(w.waybillNumber),
      (s) => s.includes('DELIVERED'),
    );
    const pushed = events(w.waybillNumber).sort((a, b) => a.event.seq - b.event.seq);
    expect(pushed.map((p) => [p.event.seq, p.event.status])).toEqual([
      [2, 'PICKED_UP'],
      [3, 'IN_TRANSIT'],
      [4, 'OUT_FOR_DELIVERY'],
      [5, 'DELIVERED'],
    ]);
    expect(pushed.at(-1)!.event.signer).toBe('张三');
    expect(endpoint.received.every((r) => r.verdict.ok && !r.verdict.duplicate)).toBe(true);
    const read = await adapter.getWaybill(w.waybillNumber);
    expect(read?.status).toBe('DELIVERED');
    expect(read?.events.at(-1)).toMatchObject({ status: 'DELIVERED', signer: '张三' });
  });

  it('pushes a failed delivery with its reason, tries again the next day, and delivers', async () => {
    const w = await adapter.createWaybill(postalOrder(newOrderNumber()));
    await system.admin.advanceClock({ advanceHours: 20 });
    await until(
      () => statuses(w.waybillNumber),
      (s) => s.includes('OUT_FOR_DELIVERY'),
    );
    await system.admin.event(w.waybillNumber, { type: 'fail', reason: '收件人不在，电话无人接听' });
    await system.admin.advanceClock({ advanceHours: 26 });
    await until(
      () => statuses(w.waybillNumber),
      (s) => s.includes('DELIVERED'),
    );
    const failed = events(w.waybillNumber).find((p) => p.event.status === 'DELIVERY_FAILED');
    expect(failed?.event.failureReason).toBe('收件人不在，电话无人接听');
    expect((await adapter.getWaybill(w.waybillNumber))?.events.map((e) => e.status)).toEqual([
      'CREATED',
      'PICKED_UP',
      'IN_TRANSIT',
      'OUT_FOR_DELIVERY',
      'DELIVERY_FAILED',
      'OUT_FOR_DELIVERY',
      'DELIVERED',
    ]);
  });

  it('cancels a waybill before pickup (twice is no news), and is refused once it is picked up', async () => {
    const early = await adapter.createWaybill(postalOrder(newOrderNumber()));
    expect((await adapter.cancelWaybill(early.waybillNumber, '申请人改为窗口领取')).status).toBe('CANCELLED');
    expect((await adapter.cancelWaybill(early.waybillNumber, '申请人改为窗口领取')).status).toBe('CANCELLED');
    const late = await adapter.createWaybill(postalOrder(newOrderNumber()));
    await system.admin.advanceClock({ advanceHours: 3 });
    const refused = await rejection(adapter.cancelWaybill(late.waybillNumber, '申请人改为窗口领取'));
    expect(refused).toMatchObject({ code: 'DEPARTMENT_REJECTED', details: { departmentCode: 'B04' } });
    expect(refused.details.departmentMessage).toContain('揽收');
    // The cancelled one stays cancelled as the clock moves on.
    expect((await adapter.getWaybill(early.waybillNumber))?.status).toBe('CANCELLED');
  });

  it('refuses a bad address before any call, naming every problem; the platform names them all too', async () => {
    const bad = postalOrder(newOrderNumber(), { phone: '12345', postalCode: '100010' });
    const err = await rejection(adapter.createWaybill(bad));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.details.problems?.map((p) => [p.path, p.rule])).toEqual([
      ['recipient.phone', 'MIIT.mobile.length'],
      ['recipient.phone', 'MIIT.mobile.prefix'],
      ['recipient.postalCode', 'PostalCode.provinceMismatch'],
    ]);
    expect((await system.admin.counts()).byOp.ORDERCREATE ?? 0).toBe(0);

    // Sent anyway, past the adapter's check: the platform's own desk refuses it in one answer (B01).
    const { orderToWire } = await import('../src/order');
    const res = await fetch(`${system.standIn.url}/ems/api/ORDERCREATE`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: signedForm('ORDERCREATE', orderToWire(bad), {
        appKey: 'onething-hall',
        appSecret: 'courier-dev-secret',
      }),
    });
    const answer = (await res.json()) as { code: string; data: { errors: { field: string }[] } };
    expect(answer.code).toBe('B01');
    expect(answer.data.errors.map((e) => e.field)).toEqual(['receiver.mobile', 'receiver.postCode']);
  });
});

describe('tracking pushes under faults', () => {
  it('a push delivered twice is accepted once as news and once as a duplicate', async () => {
    await system.admin.setPushFaults({ duplicate: true });
    const w = await adapter.createWaybill(postalOrder(newOrderNumber()));
    await system.admin.advanceClock({ advanceHours: 3 });
    await until(
      () => events(w.waybillNumber),
      (e) => e.length >= 2,
    );
    const verdicts = endpoint.received.filter(about(w.waybillNumber)).map((r) => r.verdict);
    expect(verdicts.map((v) => v.ok && [v.push.event.seq, v.duplicate])).toEqual([
      [2, false],
      [2, true],
    ]);
  });

  it('pushes arriving out of order are put back in order by their sequence', async () => {
    await system.admin.setPushFaults({ hold: true });
    const w = await adapter.createWaybill(postalOrder(newOrderNumber()));
    await system.admin.advanceClock({ advanceHours: 23 });
    await until(
      () => system.admin.pushes(),
      (p) => p.held === 4,
    );
    expect(await system.admin.releasePushes('reverse')).toEqual({ released: 4 });
    await until(
      () => events(w.waybillNumber),
      (e) => e.length === 4,
    );
    const arrived = events(w.waybillNumber);
    expect(arrived.map((p) => p.event.seq)).toEqual([5, 4, 3, 2]);
    // The latest event is the one with the highest sequence, whatever came last.
    const latest = arrived.reduce((a, b) => (b.event.seq > a.event.seq ? b : a));
    expect(latest.event.status).toBe('DELIVERED');
  });

  it('a lost push is never delivered; reading the waybill still tells where it is', async () => {
    await system.admin.setPushFaults({ loseNext: 1 });
    const w = await adapter.createWaybill(postalOrder(newOrderNumber()));
    await system.admin.advanceClock({ advanceHours: 3 });
    const log = await until(
      () => system.admin.pushes(),
      (p) => p.attempts.some((a) => a.waybillNo === w.waybillNumber && a.lost),
    );
    expect(log.attempts.filter((a) => a.waybillNo === w.waybillNumber)).toEqual([
      expect.objectContaining({ seq: 2, lost: true, acknowledged: false }),
    ]);
    expect((await adapter.getWaybill(w.waybillNumber))?.status).toBe('PICKED_UP');
    // The next one gets through.
    await system.admin.advanceClock({ advanceHours: 2 });
    await until(
      () => statuses(w.waybillNumber),
      (s) => s.includes('IN_TRANSIT'),
    );
    expect(statuses(w.waybillNumber)).toEqual(['IN_TRANSIT']);
  });

  it('a late push is still accepted: it is signed when it is sent, and carries when the event happened', async () => {
    await system.admin.setPushFaults({ delayMs: 400 });
    const w = await adapter.createWaybill(postalOrder(newOrderNumber()));
    await system.admin.advanceClock({ advanceHours: 3 });
    await until(
      () => events(w.waybillNumber),
      (e) => e.length === 1,
    );
    const [pushed] = events(w.waybillNumber);
    expect(pushed!.event).toMatchObject({ seq: 2, status: 'PICKED_UP' });
    expect(Date.parse(pushed!.event.at) - Date.parse(w.createdAt)).toBe(2 * 3_600_000);
  });

  it('a forged push is refused every time the courier sends it, and never taken', async () => {
    await system.admin.setPushFaults({ forgeDigest: true });
    const w = await adapter.createWaybill(postalOrder(newOrderNumber()));
    await system.admin.advanceClock({ advanceHours: 3 });
    const log = await until(
      () => system.admin.pushes(),
      (p) => p.attempts.filter((a) => a.waybillNo === w.waybillNumber).length === 3,
    );
    expect(log.attempts.map((a) => [a.attempt, a.status, a.acknowledged, a.forged])).toEqual([
      [1, 401, false, true],
      [2, 401, false, true],
      [3, 401, false, true],
    ]);
    expect(endpoint.received.map((r) => !r.verdict.ok && r.verdict.code)).toEqual([
      'CALLBACK_SIGNATURE_INVALID',
      'CALLBACK_SIGNATURE_INVALID',
      'CALLBACK_SIGNATURE_INVALID',
    ]);
  });

  it('a captured push sent again (a replay) is refused', async () => {
    const w = await adapter.createWaybill(postalOrder(newOrderNumber()));
    await system.admin.advanceClock({ advanceHours: 3 });
    await until(
      () => events(w.waybillNumber),
      (e) => e.length === 1,
    );
    const captured = endpoint.received.find(about(w.waybillNumber))!;
    // Its headers as signed, less those of the connection it came on (fetch sets its own length).
    const { host, connection, 'content-length': length, ...headers } = captured.headers;
    const res = await fetch(endpoint.url, { method: 'POST', headers, body: captured.body });
    expect(res.status).toBe(401);
    expect(endpoint.received.at(-1)?.verdict).toMatchObject({ ok: false, code: 'CALLBACK_REPLAYED' });
  });

  it('a validly signed push about a waybill that is not ours is refused', async () => {
    // Another centre's waybill at the same courier: the push names it, signed with our secret.
    const theirs = await system.makeAdapter(OTHER).createWaybill(postalOrder(newOrderNumber()));
    const body = JSON.stringify({
      pushId: `${theirs.waybillNumber}-2`,
      waybillNo: theirs.waybillNumber,
      txLogisticId: theirs.orderNumber,
      seq: 2,
      opCode: '40',
      opName: '已妥投',
      opTime: wireTime(Date.now()),
      opOrgName: '湖州市南浔区揽投部',
      description: '已妥投',
      signer: '某人',
    });
    const timestamp = wireTime(Date.now());
    const nonce = randomBytes(16).toString('hex');
    const res = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-ems-app-key': 'onething-hall',
        'x-ems-timestamp': timestamp,
        'x-ems-nonce': nonce,
        'x-ems-digest': digestOf('courier-dev-secret', {
          msgType: 'PUSH',
          appKey: 'onething-hall',
          timestamp,
          nonce,
          payload: body,
        }),
      },
      body,
    });
    expect(res.status).toBe(404);
    expect(endpoint.received.at(-1)?.verdict).toMatchObject({ ok: false, code: 'WAYBILL_UNKNOWN' });
  });
});
