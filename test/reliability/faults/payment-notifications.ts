import { join } from 'node:path';
import type { NotificationFaults } from '@onething/legacy-payment';
import { keyPairIn, readPrivateKey, signHeaders } from '@onething/legacy-payment';
import { signCallback } from '@onething/runtime/callbacks';
import { expect } from 'vitest';
import { orderReference } from '../../../subgraphs/hall/src/payments/model';
import { advanceClocks, eventually } from '../../stack/house-transfer';
import { wholeLog } from './payment-counts';
import { type Applicant, fen, type PaymentDrive, recordedFields } from './payment-drive';

/**
 * The platform's notifications late, twice, out of order, forged and of a wrong amount, and claims of a
 * payment no order holds: nothing is marked paid but what the order says (the hall records the order as
 * it reads it back), and a notification seen again changes nothing.
 */

export type NotificationFault = 'late' | 'duplicated' | 'out of order' | 'forged' | 'wrong amount';

export const NOTIFICATION_FAULTS: Record<
  NotificationFault,
  { readonly how: string; readonly faults: Partial<NotificationFaults> }
> = {
  late: { how: 'each notification delivered 4 s late', faults: { delayMs: 4_000 } },
  duplicated: {
    how: 'each notification delivered twice, then once more by hand',
    faults: { duplicate: true },
  },
  'out of order': {
    how: 'held through payment, refusal and refund, then released latest first',
    faults: { hold: true },
  },
  forged: { how: 'signed with a key that is not the platform’s', faults: { forgeSignature: true } },
  'wrong amount': {
    how: 'validly signed, stating 1 yuan more than was paid',
    faults: { amountDeltaFen: 100 },
  },
};

const NO_FAULTS: Partial<NotificationFaults> = {
  delayMs: 0,
  duplicate: false,
  hold: false,
  forgeSignature: false,
  amountDeltaFen: 0,
};

/**
 * Applicants paid under one notification fault. Every payment is recorded as the order says; once the
 * faulted notifications have all arrived (and the hall ran the payment's work after the last), what the
 * hall recorded has not changed.
 */
export async function notificationFault(
  d: PaymentDrive,
  fault: NotificationFault,
  n: number,
): Promise<Applicant[]> {
  const apps = await d.due(n, `notifications ${fault}`);
  await d.admin.setNotificationFaults(NOTIFICATION_FAULTS[fault].faults);
  try {
    for (const a of apps) await d.pay(a);
    const orders = apps.map((a) => a.payments[0]!.orderNumber);
    for (const a of apps) await d.recorded(a);
    if (fault === 'out of order') await refuseAndRefund(d, apps);
    const settled = await Promise.all(apps.map(async (a) => recordedFields(await d.paymentOf(a))));
    const jobs = await d.hallPaymentJobs();
    if (fault === 'late' || fault === 'duplicated')
      await d.waitDeliveries(
        orders,
        (ds) => orders.every((o) => ds.some((x) => x.orderNo === o && x.acknowledged)),
        'the late notifications delivered',
      );
    if (fault === 'duplicated') {
      await d.waitDeliveries(
        orders,
        (ds) => orders.every((o) => ds.some((x) => x.orderNo === o && x.duplicate && x.acknowledged)),
        'the duplicates delivered',
      );
      // Once more, later, by hand: the first event of each order redelivered as it was.
      for (const o of orders) {
        const first = (await d.deliveries()).find((x) => x.orderNo === o && x.acknowledged)!;
        await d.admin.redeliver(first.eventId);
      }
      await d.waitDeliveries(
        orders,
        (ds) => orders.every((o) => ds.filter((x) => x.orderNo === o && x.acknowledged).length >= 3),
        'the redelivered duplicates delivered',
      );
    }
    if (fault === 'out of order') {
      // Held: the payment and the refund of each order. Released latest first: the refund arrives first.
      expect((await d.admin.release('reverse')).released).toBe(2 * apps.length);
      await d.waitDeliveries(
        orders,
        (ds) => orders.every((o) => ds.filter((x) => x.orderNo === o && x.acknowledged).length >= 2),
        'the held notifications delivered, latest first',
      );
    }
    if (fault === 'forged' || fault === 'wrong amount')
      await d.waitDeliveries(
        orders,
        (ds) => orders.every((o) => ds.some((x) => x.orderNo === o && !x.acknowledged && x.status >= 400)),
        'the notifications refused',
      );
    if (fault !== 'forged' && fault !== 'wrong amount') await d.hallRanPaymentJobs(jobs);
    const after = await Promise.all(apps.map(async (a) => recordedFields(await d.paymentOf(a))));
    expect(after, `${fault}: what the hall recorded, once every notification arrived`).toEqual(settled);
  } finally {
    await d.admin.setNotificationFaults(NO_FAULTS);
  }
  return apps;
}

/** The registry refuses each transfer; the hall refunds its registration fee, once (REFUNDED). */
async function refuseAndRefund(d: PaymentDrive, apps: readonly Applicant[]) {
  const registry = d.s.admin('realestate');
  for (const a of apps) {
    const part = (await d.application(a)).parts.find((p) => p.itemCode === 'RE-TRANSFER')!;
    await registry.decide(part.caseNumber!, { outcome: 'rejected', reason: '登记簿记载的查封未解除' });
    a.refused = true;
  }
  await advanceClocks(d.s, 1);
  for (const a of apps)
    await d.waitPayment(
      a,
      (p) => p.status === 'REFUNDED' && p.refunds.length === 1 && !!p.refunds[0]!.refundNumber,
      'the unused registration fee refunded',
    );
}

/** The claims sent against an unpaid order, and how each must be answered. */
export const CLAIMS = [
  'signed with the platform’s key, for an order not paid (409)',
  'signed with another key (401)',
  'unsigned (401)',
  'naming an order the platform does not hold (404)',
  'a prompt to the hall, signed as the payment subgraph signs it (202: the hall reads the order back)',
] as const;

/**
 * Claims that an unpaid order is paid — as the platform's own defect would sign one, as an attacker
 * would, for an order no one made, and straight to the hall — each answered as it must be, and none marks
 * the payment paid: once the hall has read the order back after them all, it is still UNPAID. Then the
 * order is paid for real and recorded. Answers the applicants and the claims refused.
 */
export async function claimsAgainstUnpaid(d: PaymentDrive, n: number) {
  const apps = await d.due(n, 'claims of a payment the order does not hold');
  const paymentDir = join(d.s.options.identityDir!, '..', 'payment');
  const platformKey = readPrivateKey(keyPairIn(paymentDir, 'platform').privateKeyFile);
  const otherKey = readPrivateKey(keyPairIn(join(d.s.logDir, 'attacker'), 'attacker').privateKeyFile);
  const subgraph = `http://127.0.0.1:${d.s.ports.platforms.payment.subgraph}/notifications/payment`;
  const hall = `http://127.0.0.1:${d.s.ports.hall}/callbacks/payment`;
  const post = async (url: string, body: string, headers: Record<string, string>) =>
    (await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } }))
      .status;
  let refused = 0;
  let seq = 0;
  const numbers: string[] = [];
  for (const a of apps) {
    const order = (await d.paymentOf(a)).order!;
    numbers.push(order.orderNumber);
    const claim = (orderNo: string) =>
      JSON.stringify({
        event_id: `EV9${String(seq++).padStart(11, '0')}`,
        event_type: 'PAYMENT',
        order_no: orderNo,
        out_trade_no: orderReference(a.id, 1),
        payment_code: order.paymentCode,
        amount_fen: fen(order.total),
        refund_no: null,
        revision: 1,
        status: 'PAID',
        late_payment: false,
        occurred_at: new Date().toISOString(),
      });
    const paid = claim(order.orderNumber);
    const unknown = claim(`UPP${'9'.repeat(18)}`);
    const prompt = JSON.stringify({ department: 'payment', orderNumber: order.orderNumber, status: 'PAID' });
    const answers = [
      await post(subgraph, paid, signHeaders(platformKey, paid)),
      await post(subgraph, paid, signHeaders(otherKey, paid)),
      await post(subgraph, paid, {}),
      await post(subgraph, unknown, signHeaders(platformKey, unknown)),
      await post(hall, prompt, signCallback('payment', 'payment-callback-dev-secret', prompt)),
    ];
    expect(answers, `${a.id}: ${CLAIMS.join('; ')}`).toEqual([409, 401, 401, 404, 202]);
    refused += 4;
  }
  // The hall reads each order back after the claims (its poll, and the prompt's nudge): still unpaid.
  // Nothing else reads the orders meanwhile (an applicant's read of the payment reads its order too).
  const mark = (await wholeLog(d.admin)).at(-1)?.seq ?? 0;
  await eventually(
    () => d.admin.requestLog(mark),
    (log) =>
      numbers.every((o) =>
        log.some((r) => r.op === 'order.query' && r.outcome === 'ok' && r.keys.includes(o)),
      ),
    'the hall reading the orders back after the claims',
  );
  for (const a of apps) expect((await d.paymentOf(a)).status, `${a.id} after the claims`).toBe('UNPAID');
  for (const a of apps) await d.pay(a);
  for (const a of apps) await d.recorded(a);
  return { applicants: apps, refused };
}
