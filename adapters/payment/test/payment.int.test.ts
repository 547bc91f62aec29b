import type { IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { AdapterError } from '@onething/adapter-core';
import { signHeaders } from '@onething/legacy-payment';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  documentSignatureHolds,
  isNews,
  NotificationRefused,
  type PaymentAdapter,
  type PaymentNotification,
  type PaymentOrder,
} from '../src/index';
import { callbackServer, houseTransferOrder, newRef, startPaymentSystem } from './payment-system';

/** What the test's callback concluded of each notification it received. */
type Outcome = { orderNo: string | undefined } & (
  | { ok: true; notification: PaymentNotification; order: PaymentOrder }
  | { ok: false; reason: string }
);

/** The order a notification names, read without trusting it (to tell the tests' notifications apart). */
const claimedOrder = (body: Buffer): string | undefined => {
  try {
    return (JSON.parse(body.toString()) as { order_no?: string }).order_no;
  } catch {
    return undefined;
  }
};

async function until<T>(probe: () => Promise<T> | T, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(v)}`);
    await sleep(20);
  }
}

describe('the payment platform through its adapter', () => {
  let system: Awaited<ReturnType<typeof startPaymentSystem>>;
  let adapter: PaymentAdapter;
  let callback: Awaited<ReturnType<typeof callbackServer>>;
  const outcomes: Outcome[] = [];
  const outcomesOf = (orderNumber: string) => outcomes.filter((o) => o.orderNo === orderNumber);

  beforeAll(async () => {
    system = await startPaymentSystem();
    adapter = system.makeAdapter();
    // The callback as a caller runs it: acknowledge what checks out, refuse the rest.
    callback = await callbackServer(async (headers: IncomingHttpHeaders, body: Buffer) => {
      try {
        const accepted = await adapter.acceptNotification(headers, body);
        outcomes.push({ orderNo: claimedOrder(body), ok: true, ...accepted });
        return { status: 200, body: '{"code":"SUCCESS"}' };
      } catch (e) {
        if (!(e instanceof NotificationRefused)) throw e;
        outcomes.push({ orderNo: claimedOrder(body), ok: false, reason: e.reason });
        return { status: 401, body: JSON.stringify({ code: 'FAIL', message: e.message }) };
      }
    });
  });
  afterAll(async () => {
    adapter.close();
    await callback.close();
    await system.standIn.close();
  });
  afterEach(() => system.admin.reset());

  const order = (extra = {}) =>
    adapter.createOrder(houseTransferOrder(newRef(), system.person, { notifyUrl: callback.url, ...extra }));

  it('creates an order split per payee, with a payment code the payer’s bank shows as what it covers', async () => {
    const made = await order();
    expect(made.paymentCode).toMatch(/^110105\d{14}$/);
    const bill = await system.payer.bill(made.paymentCode);
    expect(bill.data?.total_fen).toBe(1_508_000);
    expect(bill.data?.items.map((i) => i.item)).toEqual(['契税', '不动产登记费（住宅）']);
  });

  it('reports a payment by a notification the adapter accepts, once, and issues a signed receipt per sub-order', async () => {
    const made = await order();
    expect((await system.payer.pay(made.paymentCode, made.totalFen, 'POS')).code).toBe('0000');
    const [got] = await until(
      () => outcomesOf(made.orderNumber),
      (o) => o.length > 0,
    );
    expect(got).toMatchObject({
      ok: true,
      notification: { type: 'PAYMENT', amountFen: 1_508_000, revision: 1 },
    });
    const paid = (got as { order: PaymentOrder }).order;
    expect(paid).toMatchObject({ status: 'PAID', channel: 'POS', paidFen: 1_508_000, latePayment: false });
    // Paying the same code again charges nothing twice.
    expect((await system.payer.pay(made.paymentCode, made.totalFen)).code).toBe('4003');
    for (const line of paid.lines) {
      const receipt = await adapter.receipt(paid.orderNumber, line.subOrderNumber);
      expect(receipt.kind).toBe(line.payee.kind === 'TAX' ? 'TAX_PAYMENT_VOUCHER' : 'FISCAL_RECEIPT');
      expect(receipt.amountFen).toBe(line.amountFen);
      expect(documentSignatureHolds(system.keys.platformKey, receipt.document, receipt.signature)).toBe(true);
      expect(
        documentSignatureHolds(
          system.keys.platformKey,
          { ...receipt.document, amount_fen: 1 },
          receipt.signature,
        ),
      ).toBe(false);
    }
  });

  it('refuses a payment of another amount at the bank, and no receipt exists before payment', async () => {
    const made = await order();
    expect((await system.payer.pay(made.paymentCode, made.totalFen - 1)).code).toBe('4002');
    const err = await adapter
      .receipt(made.orderNumber, made.lines[0]!.subOrderNumber)
      .catch((e: unknown) => e);
    expect((err as AdapterError).details.departmentCode).toBe('3007');
    expect((await adapter.getOrder(made.orderNumber))?.status).toBe('UNPAID');
  });

  it('refuses a forged notification (the platform redelivers it), never marking anything paid', async () => {
    await system.admin.setNotificationFaults({ forgeSignature: true });
    const made = await order();
    await system.payer.pay(made.paymentCode, made.totalFen);
    // Every attempt the platform makes (three in this test's settings) is refused.
    const refused = await until(
      () => outcomesOf(made.orderNumber),
      (o) => o.length === 3,
    );
    expect(refused.every((o) => !o.ok && o.reason === 'SIGNATURE_INVALID')).toBe(true);
    const attempts = (await system.admin.notifications()).attempts.filter(
      (a) => a.orderNo === made.orderNumber,
    );
    expect(attempts.map((a) => [a.attempt, a.forged, a.status, a.acknowledged])).toEqual([
      [1, true, 401, false],
      [2, true, 401, false],
      [3, true, 401, false],
    ]);
  });

  it('refuses a validly signed notification of another amount than the order’s', async () => {
    await system.admin.setNotificationFaults({ amountDeltaFen: -100 });
    const made = await order();
    await system.payer.pay(made.paymentCode, made.totalFen);
    const [first] = await until(
      () => outcomesOf(made.orderNumber),
      (o) => o.length > 0,
    );
    expect(first).toEqual({ orderNo: made.orderNumber, ok: false, reason: 'AMOUNT_MISMATCH' });
  });

  it('refuses an unsigned notification and one of an order the platform does not hold for us', async () => {
    const body = JSON.stringify({
      event_id: 'EV999',
      event_type: 'PAYMENT',
      order_no: `UPP${'9'.repeat(18)}`,
      out_trade_no: 'someone-elses-order',
      payment_code: '11010526000000000010',
      amount_fen: 100,
      refund_no: null,
      revision: 1,
      status: 'PAID',
      late_payment: false,
      occurred_at: new Date().toISOString(),
    });
    const post = (headers: Record<string, string>) =>
      fetch(callback.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    expect((await post({})).status).toBe(401);
    // Signed with the platform's own key (as a platform defect would), but naming no order of ours.
    expect((await post(signHeaders(system.keys.platformPrivateKey, body))).status).toBe(401);
    expect(outcomesOf(`UPP${'9'.repeat(18)}`)).toEqual([
      { orderNo: `UPP${'9'.repeat(18)}`, ok: false, reason: 'UNSIGNED' },
      { orderNo: `UPP${'9'.repeat(18)}`, ok: false, reason: 'UNKNOWN_ORDER' },
    ]);
  });

  it('takes a duplicate and an out-of-order notification as no news', async () => {
    await system.admin.setNotificationFaults({ hold: true, duplicate: true });
    const made = await order();
    await system.payer.pay(made.paymentCode, made.totalFen);
    const fee = made.lines[1]!;
    await adapter.refund({
      orderNumber: made.orderNumber,
      reference: newRef(),
      subOrderNumber: fee.subOrderNumber,
      reason: '登记申请被驳回，退还登记费',
    });
    await until(
      async () => (await system.admin.notifications()).held,
      (n) => n === 2,
    );
    await system.admin.release('reverse'); // the refund arrives before the payment, then each once more
    const seen = await until(
      () => outcomesOf(made.orderNumber),
      (o) => o.length === 4,
    );
    expect(seen.map((o) => o.ok && [o.notification.type, o.notification.revision])).toEqual(
      expect.arrayContaining([
        ['REFUND', 2],
        ['PAYMENT', 1],
      ]),
    );
    expect(seen.map((o) => (o.ok ? o.notification.type : o.reason))[0]).toBe('REFUND');
    // What the caller records: the order as the platform answers it, news only when its revision rises.
    let recorded: number | undefined;
    const news: string[] = [];
    for (const o of seen) {
      if (!o.ok) continue;
      if (isNews(o.order, recorded)) {
        news.push(`${o.order.status}@${o.order.revision}`);
        recorded = o.order.revision;
      }
    }
    expect(news).toEqual(['PARTIALLY_REFUNDED@2']);
  });

  it('refunds a sub-order, then the rest, each once per reference; never more than was paid', async () => {
    const made = await order();
    await system.payer.pay(made.paymentCode, made.totalFen);
    const fee = made.lines[1]!;
    const ref = newRef();
    const first = await adapter.refund({
      orderNumber: made.orderNumber,
      reference: ref,
      subOrderNumber: fee.subOrderNumber,
      reason: '驳回',
    });
    const again = await adapter.refund({
      orderNumber: made.orderNumber,
      reference: ref,
      subOrderNumber: fee.subOrderNumber,
      reason: '驳回',
    });
    expect(again.refund.refundNumber).toBe(first.refund.refundNumber);
    expect(first.order).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedFen: 8_000 });
    const over = await adapter
      .refund({
        orderNumber: made.orderNumber,
        reference: newRef(),
        subOrderNumber: fee.subOrderNumber,
        amountFen: 1,
        reason: '再退',
      })
      .catch((e: unknown) => e);
    expect(over).toBeInstanceOf(AdapterError);
    expect((over as AdapterError).details.departmentCode).toBe('3003');
    const rest = await adapter.refund({
      orderNumber: made.orderNumber,
      reference: newRef(),
      reason: '撤回申请',
    });
    expect(rest.refund.amountFen).toBe(1_500_000);
    expect(rest.order).toMatchObject({ status: 'REFUNDED', refundedFen: 1_508_000 });
  });

  it('expires an unpaid order; a payment after expiry is taken, marked late, and refunded by the caller', async () => {
    const made = await order({ expiresInMinutes: 30 });
    await system.admin.advanceClock({ advanceHours: 1 });
    expect((await adapter.getOrder(made.orderNumber))?.status).toBe('EXPIRED');
    expect((await system.payer.pay(made.paymentCode, made.totalFen)).data?.late_payment).toBe(true);
    const [got] = await until(
      () => outcomesOf(made.orderNumber),
      (o) => o.length > 0,
    );
    expect(got).toMatchObject({
      ok: true,
      notification: { latePayment: true },
      order: { status: 'PAID', latePayment: true },
    });
    const back = await adapter.refund({
      orderNumber: made.orderNumber,
      reference: newRef(),
      reason: '缴款码过期后缴款，全额退还',
    });
    expect(back.order.status).toBe('REFUNDED');
  });

  it('gives each day’s statement from the next day, adding up, with mismatches injected at the platform', async () => {
    const paid = await order();
    await system.payer.pay(paid.paymentCode, paid.totalFen);
    const omitted = await order();
    await system.payer.pay(omitted.paymentCode, omitted.totalFen);
    const today = (await system.admin.advanceClock({})).now;
    const day = new Date(Date.parse(today) + 8 * 3_600_000).toISOString().slice(0, 10);
    const early = await adapter.statement(day).catch((e: unknown) => e);
    expect((early as AdapterError).details.departmentCode).toBe('3006');
    await system.admin.advanceClock({ advanceDays: 1 });
    const statement = await adapter.statement(day);
    expect(
      statement.lines.filter((l) => l.orderNumber === paid.orderNumber).map((l) => [l.type, l.amountFen]),
    ).toEqual([
      ['PAY', 1_500_000],
      ['PAY', 8_000],
    ]);
    await system.admin.setStatementFaults({
      omit: [omitted.orderNumber],
      amountDeltaFen: { [paid.orderNumber]: 1 },
      extra: [{ orderNo: `UPP${'8'.repeat(18)}`, amountFen: 500 }],
    });
    const off = await adapter.statement(day);
    expect(off.lines.some((l) => l.orderNumber === omitted.orderNumber)).toBe(false);
    expect(off.lines.filter((l) => l.orderNumber === paid.orderNumber).map((l) => l.amountFen)).toEqual([
      1_500_001, 8_001,
    ]);
    expect(off.lines.some((l) => l.orderNumber === `UPP${'8'.repeat(18)}`)).toBe(true);
  });

  it('is refused by the platform when it signs with a key the platform does not hold for it', async () => {
    const other = system.makeAdapter({ callerKey: system.keys.platformPrivateKey });
    const err = await other.findOrder(newRef()).catch((e: unknown) => e);
    other.close();
    expect(err).toMatchObject({ code: 'DEPARTMENT_REJECTED', details: { departmentCode: '1002' } });
  });
});
