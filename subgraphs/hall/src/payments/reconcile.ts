import type { Logger } from '@onething/runtime';
import { yuanToFen } from '@onething/schema';
import type { Clock } from '../calendar/clock';
import { DispatchError } from '../dispatch/department-api';
import type { JobQueue } from '../outbox/jobs';
import type { Database } from '../platform/database';
import type { SupergraphClient } from '../platform/supergraph-client';
import type { Payment } from './model';
import type { Payments } from './store';

/** What does not match between the platform's statement of a day and the hall's records. */
export type MismatchKind =
  /** The platform booked a payment the hall has not recorded (the hall then reads the order back). */
  | 'PAID_UNRECORDED'
  /** The hall recorded a payment the platform's statement does not have. */
  | 'RECORDED_UNPAID'
  /** Both have the payment, for different amounts. */
  | 'AMOUNT_DIFFERS'
  /** The refunds of an order that day differ between the statement and the hall. */
  | 'REFUND_DIFFERS';

export interface Mismatch {
  readonly kind: MismatchKind;
  readonly orderNumber: string;
  readonly applicationId: string | null;
  /** In fen: what the hall's records say (null: nothing). */
  readonly recorded: number | null;
  /** In fen: what the statement says (null: nothing). */
  readonly booked: number | null;
}

export interface ReconciliationResult {
  readonly date: string;
  readonly reconciledAt: Date;
  readonly lines: number;
  readonly paid: number;
  readonly refunded: number;
  readonly mismatches: readonly Mismatch[];
}

interface WireStatement {
  readonly date: string;
  readonly lines: readonly { type: 'PAY' | 'REFUND'; orderNumber: string; amount: string }[];
  readonly paid: string;
  readonly refunded: string;
}

const fen = (yuan: string) => {
  const f = yuanToFen(yuan);
  if (f === undefined)
    throw new DispatchError(true, 'MALFORMED_RESPONSE', `the statement has "${yuan}" as an amount`);
  return f;
};

/** The Beijing day of an instant. */
const beijingDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
/** The instant a Beijing day starts. */
const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);

/**
 * 对账: the platform's statement of a day against the hall's records of its payments — every order the
 * statement books a payment of, and every order the hall recorded paid that day — listing every
 * mismatch for window staff. A payment the platform booked and the hall did not record is also read back
 * at once, so it is recorded once (the hall was down when it was notified, say).
 */
export class Reconciliation {
  constructor(
    private readonly deps: {
      readonly db: Database;
      readonly payments: Payments;
      readonly jobs: JobQueue;
      readonly client: SupergraphClient;
      readonly clock: Clock;
      readonly log: Logger;
    },
  ) {}

  /** The result of a day reconciled before, if it was. */
  async of(date: string): Promise<ReconciliationResult | undefined> {
    const r = await this.deps.db
      .selectFrom('payment_reconciliations')
      .selectAll()
      .where('date', '=', date)
      .executeTakeFirst();
    return r
      ? {
          date: r.date,
          reconciledAt: new Date(r.reconciled_at),
          lines: r.lines,
          paid: Number(r.paid_fen),
          refunded: Number(r.refunded_fen),
          mismatches: r.mismatches as unknown as Mismatch[],
        }
      : undefined;
  }

  /** Reconciles a day (again, if it was): reads the statement, compares, records and answers the result. */
  async reconcile(date: string): Promise<ReconciliationResult> {
    const answer = await this.deps.client.query<{ paymentStatement: WireStatement }>(
      'query Statement($date: Date!) { paymentStatement(date: $date) { date lines { type orderNumber amount } paid refunded } }',
      { date },
    );
    const statement = answer.data?.paymentStatement;
    if (!statement) {
      const e = answer.errors?.[0];
      throw new DispatchError(true, String(e?.extensions?.code ?? 'NO_ANSWER'), e?.message ?? 'no statement');
    }
    const booked = new Map<string, { pay: number; refund: number }>();
    for (const l of statement.lines) {
      const b = booked.get(l.orderNumber) ?? { pay: 0, refund: 0 };
      if (l.type === 'PAY') b.pay += fen(l.amount);
      else b.refund += fen(l.amount);
      booked.set(l.orderNumber, b);
    }
    const from = dayStart(date);
    const until = new Date(from.getTime() + 86_400_000);
    const known = await this.deps.payments.withOrders([...booked.keys()]);
    for (const p of await this.deps.payments.paidBetween(from, until))
      for (const o of p.orders) known.set(o.orderNumber, p);
    const recorded = new Map<string, { pay: number; refund: number; payment: Payment }>();
    for (const [orderNumber, payment] of known) {
      const order = payment.orders.find((o) => o.orderNumber === orderNumber);
      if (!order) continue;
      const pay = order.paidAt && beijingDay(order.paidAt) === date ? order.total : 0;
      const refund = payment.refunds
        .filter((r) => r.orderNumber === orderNumber && r.at && beijingDay(r.at) === date)
        .reduce((s, r) => s + (r.amount ?? 0), 0);
      recorded.set(orderNumber, { pay, refund, payment });
    }
    const mismatches: Mismatch[] = [];
    const unrecorded: Payment[] = [];
    for (const orderNumber of new Set([...booked.keys(), ...recorded.keys()])) {
      const b = booked.get(orderNumber) ?? { pay: 0, refund: 0 };
      const r = recorded.get(orderNumber);
      const applicationId = r?.payment.applicationId ?? null;
      const rec = { pay: r?.pay ?? 0, refund: r?.refund ?? 0 };
      const at = { orderNumber, applicationId };
      if (b.pay > 0 && rec.pay === 0) {
        mismatches.push({ kind: 'PAID_UNRECORDED', ...at, recorded: null, booked: b.pay });
        if (r) unrecorded.push(r.payment);
      } else if (b.pay === 0 && rec.pay > 0)
        mismatches.push({ kind: 'RECORDED_UNPAID', ...at, recorded: rec.pay, booked: null });
      else if (b.pay !== rec.pay)
        mismatches.push({ kind: 'AMOUNT_DIFFERS', ...at, recorded: rec.pay, booked: b.pay });
      if (b.refund !== rec.refund)
        mismatches.push({
          kind: 'REFUND_DIFFERS',
          ...at,
          recorded: rec.refund || null,
          booked: b.refund || null,
        });
    }
    const now = this.deps.clock.now();
    // What the platform booked and the hall missed is read back now: recorded once, by the order itself.
    for (const p of unrecorded) await this.deps.jobs.nudge(p.anchorPartId, 0, now, 'pay');
    const result: ReconciliationResult = {
      date,
      reconciledAt: now,
      lines: statement.lines.length,
      paid: fen(statement.paid),
      refunded: fen(statement.refunded),
      mismatches,
    };
    await this.deps.db
      .insertInto('payment_reconciliations')
      .values({
        date,
        reconciled_at: now,
        lines: result.lines,
        paid_fen: result.paid,
        refunded_fen: result.refunded,
        mismatches: JSON.stringify(mismatches),
      })
      .onConflict((oc) =>
        oc.column('date').doUpdateSet({
          reconciled_at: now,
          lines: result.lines,
          paid_fen: result.paid,
          refunded_fen: result.refunded,
          mismatches: JSON.stringify(mismatches),
        }),
      )
      .execute();
    this.deps.log.info({ date, lines: result.lines, mismatches: mismatches.length }, 'payments reconciled');
    return result;
  }

  /** Reconciles yesterday (Beijing) if no one has: run now and then by the hall. */
  async reconcileYesterday(): Promise<void> {
    const yesterday = beijingDay(new Date(dayStart(this.deps.clock.today()).getTime() - 1));
    if (await this.of(yesterday)) return;
    await this.reconcile(yesterday);
  }

  /** Checks every `intervalMs` that yesterday is reconciled; stops with the hall. */
  start(intervalMs: number): { stop(): void } {
    if (intervalMs <= 0) return { stop() {} };
    const run = () =>
      this.reconcileYesterday().catch((err: unknown) =>
        this.deps.log.warn(
          { err: (err as Error).message },
          'yesterday’s payments could not be reconciled yet',
        ),
      );
    const timer = setInterval(run, intervalMs);
    timer.unref();
    void run();
    return { stop: () => clearInterval(timer) };
  }
}
