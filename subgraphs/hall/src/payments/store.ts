import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../platform/database';
import type { PaymentTable } from '../platform/schema';
import type { Queryable } from '../platform/unit-of-work';
import type {
  Payment,
  PaymentChange,
  PaymentLine,
  PaymentOrderRecord,
  PaymentRefundRecord,
  PaymentStatus,
} from './model';

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)));

const toOrder = (o: Record<string, unknown>): PaymentOrderRecord => ({
  ...(o as unknown as PaymentOrderRecord),
  expiresAt: new Date(String(o.expiresAt)),
  paidAt: date(o.paidAt),
});
const toRefund = (r: Record<string, unknown>): PaymentRefundRecord => ({
  ...(r as unknown as PaymentRefundRecord),
  at: date(r.at),
});

const toPayment = (r: Selectable<PaymentTable>): Payment => ({
  applicationId: r.application_id,
  anchorPartId: r.anchor_part_id,
  waitsFor: r.waits_for,
  holds: r.holds,
  proof: r.proof,
  status: r.status as PaymentStatus,
  attempt: r.attempt,
  lines: r.lines as PaymentLine[],
  total: r.total_fen === null ? null : Number(r.total_fen),
  orders: r.orders.map(toOrder),
  refunds: r.refunds.map(toRefund),
  paidAt: r.paid_at ? new Date(r.paid_at) : null,
  problem: r.problem,
});

/** The payments of applications (one per application whose bundle has a payment step). */
export class Payments {
  constructor(private readonly db: Database) {}

  /** Records the payment step of an application just submitted, in its transaction. */
  static async create(
    tx: Queryable,
    p: Pick<Payment, 'applicationId' | 'anchorPartId' | 'waitsFor' | 'holds' | 'proof' | 'status'>,
    now: Date,
  ): Promise<void> {
    await tx
      .insertInto('payments')
      .values({
        application_id: p.applicationId,
        anchor_part_id: p.anchorPartId,
        waits_for: JSON.stringify(p.waitsFor),
        holds: JSON.stringify(p.holds),
        proof: p.proof,
        status: p.status,
        attempt: 1,
        lines: '[]',
        orders: '[]',
        refunds: '[]',
        order_numbers: '[]',
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  async get(applicationId: string, tx: Queryable = this.db): Promise<Payment | undefined> {
    const r = await tx
      .selectFrom('payments')
      .selectAll()
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
    return r ? toPayment(r) : undefined;
  }

  /** Read for a change: the row is locked until the transaction ends (PostgreSQL; PGlite has one writer). */
  async lock(tx: Queryable, applicationId: string): Promise<Payment | undefined> {
    const r = await tx
      .selectFrom('payments')
      .selectAll()
      .where('application_id', '=', applicationId)
      .forUpdate()
      .executeTakeFirst();
    return r ? toPayment(r) : undefined;
  }

  /** The payments of many applications in one read (the window's queue). */
  async of(applicationIds: readonly string[]): Promise<Map<string, Payment>> {
    if (applicationIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('payments')
      .selectAll()
      .where('application_id', 'in', [...applicationIds])
      .execute();
    return new Map(rows.map((r) => [r.application_id, toPayment(r)]));
  }

  /** The payment an order of the platform belongs to. */
  async byOrder(orderNumber: string): Promise<Payment | undefined> {
    const r = await this.db
      .selectFrom('payments')
      .selectAll()
      .where(sql<boolean>`order_numbers @> ${JSON.stringify([orderNumber])}::jsonb`)
      .executeTakeFirst();
    return r ? toPayment(r) : undefined;
  }

  /** The payments whose orders were paid or refunded on a day, by order number (to reconcile). */
  async withOrders(orderNumbers: readonly string[]): Promise<Map<string, Payment>> {
    const out = new Map<string, Payment>();
    if (orderNumbers.length === 0) return out;
    const rows = await this.db
      .selectFrom('payments')
      .selectAll()
      .where(sql<boolean>`order_numbers ?| ${sql.val([...orderNumbers])}::text[]`)
      .execute();
    for (const r of rows) for (const n of r.order_numbers) out.set(n, toPayment(r));
    return out;
  }

  /** Payments recorded paid (or refunded) whose paid order's day is `from`–`until` (to reconcile). */
  async paidBetween(from: Date, until: Date): Promise<Payment[]> {
    const rows = await this.db
      .selectFrom('payments')
      .selectAll()
      .where('paid_at', '>=', from)
      .where('paid_at', '<', until)
      .execute();
    return rows.map(toPayment);
  }

  async update(tx: Queryable, applicationId: string, change: PaymentChange, now: Date): Promise<Payment> {
    const row: Record<string, unknown> = { updated_at: now };
    if (change.status !== undefined) row.status = change.status;
    if (change.attempt !== undefined) row.attempt = change.attempt;
    if (change.lines !== undefined) row.lines = JSON.stringify(change.lines);
    if (change.total !== undefined) row.total_fen = change.total;
    if (change.orders !== undefined) {
      row.orders = JSON.stringify(change.orders);
      row.order_numbers = JSON.stringify(change.orders.map((o) => o.orderNumber));
    }
    if (change.refunds !== undefined) row.refunds = JSON.stringify(change.refunds);
    if (change.paidAt !== undefined) row.paid_at = change.paidAt;
    if (change.problem !== undefined) row.problem = change.problem;
    const r = await tx
      .updateTable('payments')
      .set(row)
      .where('application_id', '=', applicationId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toPayment(r);
  }
}
