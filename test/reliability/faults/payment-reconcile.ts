import { expect } from 'vitest';
import { eventually } from '../../stack/house-transfer';
import type { TestStack } from '../../stack/support';
import type { Applicant, PaymentDrive } from './payment-drive';

/**
 * Reconciliation (对账) of the run's payments against the platform's statements, and the one payment it
 * alone can find: a code that expired unpaid (the hall no longer follows it), paid late all the same —
 * the bank takes it — and the platform's notification of it lost. The statement books it, the hall's
 * reconciliation lists it paid but unrecorded and reads the order back: it is recorded once, refunded
 * whole (its code had lapsed), and the applicant pays a new code.
 */

export const LATE_UNSEEN =
  'the code expired, paid late, the notification held until after reconciliation' as const;

/** Applicants whose expired code was paid late, unseen by the hall. */
export async function paidLateUnseen(d: PaymentDrive, n: number): Promise<Applicant[]> {
  const apps = await d.due(n, 'a late payment unseen');
  await d.admin.setNotificationFaults({ hold: true });
  // The codes' day passes at the platform (no other code is unpaid by now).
  await d.admin.advanceClock({ advanceHours: 25 });
  for (const a of apps) await d.waitPayment(a, (p) => p.status === 'EXPIRED', 'the code expired');
  for (const a of apps) expect((await d.pay(a)).late_payment, `${a.id} paid late`).toBe(true);
  for (const a of apps)
    expect((await d.paymentOf(a)).refunds, `${a.id}: the late payment unseen by the hall`).toEqual([]);
  return apps;
}

/**
 * After reconciliation: each late payment refunded whole, once; the held notifications then delivered
 * (they change nothing); a new code asked for and paid, and the transfer sent.
 */
export async function refundedAndRenewed(d: PaymentDrive, apps: readonly Applicant[]): Promise<void> {
  for (const a of apps) {
    const p = await d.waitPayment(
      a,
      (x) => x.refunds.length === 1 && !!x.refunds[0]!.refundNumber,
      'the late payment refunded',
    );
    expect(p.refunds[0]!.amount, `${a.id}: refunded whole`).toBe(p.order!.total);
  }
  await d.admin.release('fifo');
  await d.admin.setNotificationFaults({ hold: false });
  const orders = apps.map((a) => a.payments[0]!.orderNumber);
  await d.waitDeliveries(
    orders,
    (ds) => orders.every((o) => ds.filter((x) => x.orderNo === o && x.acknowledged).length >= 2),
    'the held payment and refund notifications delivered',
  );
  for (const a of apps) {
    const renewed = await d.s.gql<{ renewPayment: { status: string } }>(
      'mutation R($id: ID!) { renewPayment(applicationId: $id) { status } }',
      { id: a.id },
      a.token,
    );
    expect(renewed.errors, JSON.stringify(renewed.errors)).toBeUndefined();
    a.renewed = true;
    await d.waitPayment(a, (p) => p.status === 'UNPAID' && p.refunds.length === 1, 'a new code');
    await d.pay(a);
    await d.recorded(a);
  }
}

/** A mismatch as the reconciliation lists it. */
export interface Mismatch {
  kind: string;
  orderNumber: string;
  applicationId: string | null;
}

export interface Reconciled {
  readonly days: readonly string[];
  /** The mismatches of the first reconciliation of each day. */
  readonly first: readonly Mismatch[];
  /** The mismatches left once the hall read back what the first found, and the day was reconciled again. */
  readonly left: readonly Mismatch[];
}

const beijingDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The days the run's payments were made, reconciled by window staff once the platform's clock moved a
 * day on (its statement of a day is ready the next day): the first run's mismatches, then the runs after
 * the hall read back what the first found, until nothing is paid but unrecorded.
 */
export async function reconcile(
  s: TestStack,
  d: PaymentDrive,
  apps: readonly Applicant[],
): Promise<Reconciled> {
  const days = [...new Set(apps.flatMap((a) => a.payments.map((p) => beijingDay(p.paidAt))))].sort();
  await d.admin.advanceClock({ advanceHours: 25 });
  const officer = await s.token('window-staff');
  const run = async (date: string) => {
    const r = await s.gql<{ reconcilePayments: { mismatches: Mismatch[] } }>(
      'mutation R($d: Date!) { reconcilePayments(date: $d) { mismatches { kind orderNumber applicationId } } }',
      { d: date },
      officer,
    );
    if (r.errors?.length || !r.data) throw new Error(`reconciling ${date}: ${JSON.stringify(r.errors)}`);
    return r.data.reconcilePayments.mismatches;
  };
  const first: Mismatch[] = [];
  const left: Mismatch[] = [];
  for (const day of days) {
    first.push(...(await run(day)));
    left.push(
      ...(await eventually(
        () => run(day),
        (ms) => ms.every((m) => m.kind !== 'PAID_UNRECORDED'),
        `the payments of ${day} the platform booked recorded by the hall`,
      )),
    );
  }
  return { days, first, left };
}
