import { setTimeout as sleep } from 'node:timers/promises';
import { AdapterError } from '@onething/adapter-core';
import type { StandIn } from '@onething/legacy-kit';
import type { SmsAdmin } from '@onething/legacy-sms';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SmsAdapter, SmsSend } from '../src/index';
import { startReceiver } from './receiver';
import { newKey, newMobile, smsAdapter, startSmsGateway } from './system';

/** Waits until `probe` answers something `ok` (never a fixed sleep): 10 s at most. */
async function until<T>(probe: () => Promise<T> | T, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const v = await probe();
    if (ok(v) || i > 400) return v;
    await sleep(25);
  }
}

async function rejection(p: Promise<unknown>): Promise<AdapterError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AdapterError);
  return e as AdapterError;
}

const accepted = (mobile: string, idempotencyKey = newKey()): SmsSend => ({
  templateCode: 'ONETHING_ACCEPTED',
  variables: { bundle: '二手房转移登记', ref: 'YJS-20261201-0007' },
  mobile,
  idempotencyKey,
});

describe('the SMS adapter against the gateway stand-in, over HTTP', () => {
  let standIn: StandIn;
  let admin: SmsAdmin;
  let sms: SmsAdapter;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    ({ standIn, admin } = await startSmsGateway());
    receiver = await startReceiver();
    await admin.setReportUrl(receiver.url);
  });
  afterAll(async () => {
    await standIn.close();
    await receiver.close();
  });
  beforeEach(async () => {
    await admin.reset();
    await admin.clearReportFaults();
    receiver.answer(undefined);
    sms = smsAdapter(standIn.url, { retries: 2 });
  });
  afterEach(() => sms.close());

  describe('sending', () => {
    it('sends the template with its variables, under the signature, counted once at the gateway', async () => {
      const mobile = newMobile();
      const sent = await sms.send(accepted(mobile));
      expect(sent).toMatchObject({ segments: 1, repeated: false });
      const [held] = await admin.messages({ phone: mobile });
      expect(held?.Text).toBe(
        '【一件事】您的“二手房转移登记”申请（编号YJS-20261201-0007）已受理，各部门正在并联办理，进度请在一件事“我的申请”中查看。',
      );
      expect(await admin.sent({ phone: mobile, template: 'ONETHING_ACCEPTED' })).toBe(1);
    });

    it('sends once for one key however often it is sent, and refuses other content under it', async () => {
      const mobile = newMobile();
      const send = accepted(mobile);
      const first = await sms.send(send);
      const again = await sms.send(send);
      expect(again).toEqual({ ...first, repeated: true });
      const conflict = await rejection(
        sms.send({ ...send, variables: { ...send.variables, ref: 'OTHER-1' } }),
      );
      expect(conflict.code).toBe('DEPARTMENT_REJECTED');
      expect(conflict.details.departmentCode).toBe('OutId.Conflict');
      expect(await admin.sent({ phone: mobile })).toBe(1);
    });

    it('sends once when the gateway fails twice and the adapter retries with the same key', async () => {
      const mobile = newMobile();
      await admin.setFaults({ failNext: 2, onlyOps: ['SendSms'] });
      expect((await sms.send(accepted(mobile))).repeated).toBe(false);
      expect((await admin.counts()).byOp.SendSms).toBe(3);
      expect(await admin.sent({ phone: mobile })).toBe(1);
    });

    it('sends once when the gateway was down and the same key is sent once it is back', async () => {
      const mobile = newMobile();
      const send = accepted(mobile);
      await admin.down();
      expect((await rejection(sms.send(send))).code).toBe('DEPARTMENT_UNAVAILABLE');
      await admin.up();
      await sms.send(send);
      await sms.send(send);
      expect(await admin.sent({ phone: mobile })).toBe(1);
    });

    it('answers a number over its per-minute limit with the gateway’s code and when to send again, once', async () => {
      const mobile = newMobile();
      await sms.send(accepted(mobile));
      await admin.resetCounts();
      const second = accepted(mobile);
      const limited = await rejection(sms.send(second));
      expect(limited.code).toBe('DEPARTMENT_UNAVAILABLE');
      expect(limited.details).toMatchObject({ departmentCode: 'Limit.Minute', retryAfterSeconds: 60 });
      expect((await admin.counts()).byOp.SendSms).toBe(1); // not retried at once
      await admin.advanceClock({ advanceMs: 60_000 });
      expect((await sms.send(second)).repeated).toBe(false); // the refused key was not spent
      expect(await admin.sent({ phone: mobile })).toBe(2);
    });

    it('answers the hourly and the daily limits with their own codes', async () => {
      const mobile = newMobile();
      for (let i = 0; i < 5; i++) {
        await sms.send(accepted(mobile));
        await admin.advanceClock({ advanceMs: 60_000 });
      }
      expect((await rejection(sms.send(accepted(mobile)))).details.departmentCode).toBe('Limit.Hour');
      for (let i = 0; i < 5; i++) {
        await admin.advanceClock({ advanceHours: 1 });
        await sms.send(accepted(mobile));
      }
      const daily = await rejection(sms.send(accepted(mobile)));
      expect(daily.details.departmentCode).toBe('Limit.Day');
      expect(daily.details.retryAfterSeconds).toBeGreaterThan(3600);
    });

    it('lists every problem of the variables, by variable, as the gateway named them', async () => {
      const err = await rejection(
        sms.send({
          templateCode: 'ONETHING_POSTED',
          variables: { bundle: '二手房转移登记', ref: 'YJS-1', courier: '快递 www.x.cn', waybill: '单号 1' },
          mobile: newMobile(),
          idempotencyKey: newKey(),
        }),
      );
      expect(err.code).toBe('DEPARTMENT_REJECTED');
      // Every problem at once: too long and a link in one variable, the wrong kind in another.
      expect(err.details.problems?.map((p) => [p.path, p.message.zh])).toEqual([
        ['variables.courier', '长度11超过10'],
        ['variables.courier', '模板不允许变量含有链接'],
        ['variables.waybill', '应为字母、数字或-'],
      ]);
    });

    it('is refused by the gateway when it signs with the wrong secret', async () => {
      const forger = smsAdapter(standIn.url, { secret: 'not-the-hall-secret-0' });
      const err = await rejection(forger.send(accepted(newMobile())));
      expect(err.details.departmentCode).toBe('Auth.SignatureMismatch');
      forger.close();
    });

    it('refuses a number that is not a mainland mobile before calling', async () => {
      const err = await rejection(sms.send(accepted('02112345678')));
      expect(err.code).toBe('INVALID_INPUT');
      expect((await admin.counts()).byOp.SendSms ?? 0).toBe(0);
    });
  });

  describe('delivery reports', () => {
    const reportFor = (key: string) => [...receiver.applied.values()].find((r) => r.idempotencyKey === key);

    it('are POSTed signed once due, verified, and the send reads as delivered', async () => {
      const send = accepted(newMobile());
      const sent = await sms.send(send);
      expect((await sms.findMessage(send.idempotencyKey))?.status).toBe('SENDING');
      await admin.advanceClock({ advanceMs: 5_000 });
      const report = await until(() => reportFor(send.idempotencyKey), Boolean);
      expect(report).toMatchObject({
        messageId: sent.messageId,
        status: 'DELIVERED',
        carrierCode: 'DELIVRD',
      });
      expect(await sms.findMessage(send.idempotencyKey)).toMatchObject({
        status: 'DELIVERED',
        carrierCode: 'DELIVRD',
      });
    });

    it('report a failed number with the carrier’s code', async () => {
      const mobile = newMobile();
      await admin.setReportFaults({ failures: { [mobile]: 'MN:0001' } });
      const send = accepted(mobile);
      await sms.send(send);
      await admin.advanceClock({ advanceMs: 5_000 });
      expect(await until(() => reportFor(send.idempotencyKey), Boolean)).toMatchObject({
        status: 'FAILED',
        carrierCode: 'MN:0001',
      });
    });

    it('sent twice both verify and are applied once', async () => {
      await admin.setReportFaults({ twice: true });
      const send = accepted(newMobile());
      const sent = await sms.send(send);
      const before = receiver.arrivals.length;
      await admin.advanceClock({ advanceMs: 5_000 });
      await until(
        () => receiver.arrivals.length - before,
        (n) => n >= 2,
      );
      const copies = receiver.arrivals.slice(before).filter((a) => a.body.includes(sent.messageId));
      expect(copies.map((a) => a.status)).toEqual([204, 204]);
      expect([...receiver.applied.values()].filter((r) => r.messageId === sent.messageId)).toHaveLength(1);
    });

    it('come late: none before it is due on the gateway’s clock, then it comes', async () => {
      await admin.setReportFaults({ delayMs: 3_600_000 });
      const send = accepted(newMobile());
      await sms.send(send);
      await admin.advanceClock({ advanceMs: 5_000 });
      expect((await admin.reports()).waiting).toBe(1);
      expect(reportFor(send.idempotencyKey)).toBeUndefined();
      expect((await sms.findMessage(send.idempotencyKey))?.status).toBe('SENDING');
      await admin.advanceClock({ advanceHours: 1 });
      expect(await until(() => reportFor(send.idempotencyKey), Boolean)).toMatchObject({
        status: 'DELIVERED',
      });
    });

    it('lost: never POSTed, and the state is read from the gateway instead', async () => {
      await admin.setReportFaults({ lost: true });
      const send = accepted(newMobile());
      await sms.send(send);
      await admin.advanceClock({ advanceMs: 5_000 });
      expect(
        (
          await until(
            () => sms.findMessage(send.idempotencyKey),
            (m) => m?.status !== 'SENDING',
          )
        )?.status,
      ).toBe('DELIVERED');
      expect((await admin.reports()).waiting).toBe(0);
      expect(reportFor(send.idempotencyKey)).toBeUndefined();
    });

    it('are POSTed again while the callback fails, until it takes one', async () => {
      receiver.answer(503);
      const send = accepted(newMobile());
      const sent = await sms.send(send);
      const mine = () => receiver.arrivals.filter((a) => a.body.includes(sent.messageId));
      await admin.advanceClock({ advanceMs: 5_000 });
      await until(mine, (a) => a.length === 1);
      await until(
        () => admin.reports(),
        (r) => r.waiting === 1,
      );
      receiver.answer(undefined);
      await admin.advanceClock({ advanceMs: 60_000 });
      expect(await until(() => reportFor(send.idempotencyKey), Boolean)).toMatchObject({
        status: 'DELIVERED',
      });
      expect(mine().map((a) => a.status)).toEqual([503, 204]);
    });

    it('replayed to the callback are refused', async () => {
      const send = accepted(newMobile());
      const sent = await sms.send(send);
      await admin.advanceClock({ advanceMs: 5_000 });
      await until(() => reportFor(send.idempotencyKey), Boolean);
      const original = receiver.arrivals.find((a) => a.body.includes(sent.messageId))!;
      expect(await receiver.replay(original)).toEqual({ status: 401, code: 'CALLBACK_REPLAYED' });
    });
  });
});
