import { createHash } from 'node:crypto';
import type { SimClock } from '@onething/legacy-kit';
import { Refusal } from './codes';
import type { Payee } from './payees';
import { paymentCode } from './payment-code';

/** Where an order is (PROTOCOL.md §4.2); derived from what happened to it and the platform's clock. */
export type OrderStatus = 'UNPAID' | 'EXPIRED' | 'PAID' | 'PARTIALLY_REFUNDED' | 'REFUNDED';
export type Channel = 'ONLINE_BANKING' | 'POS';

export interface SubOrder {
  readonly subOrderNo: string;
  readonly outSubNo: string;
  readonly payee: Payee;
  readonly item: string;
  readonly basis: string;
  readonly amountFen: number;
  refundedFen: number;
  receiptNo?: string;
}

export interface Refund {
  readonly refundNo: string;
  readonly outRefundNo: string;
  readonly fingerprint: string;
  readonly subOrderNo: string | null;
  readonly amountFen: number;
  readonly reason: string;
  readonly refundedAt: number;
}

export interface Order {
  readonly orderNo: string;
  readonly paymentCode: string;
  readonly outTradeNo: string;
  readonly caller: string;
  readonly fingerprint: string;
  readonly payer: { readonly idNo: string; readonly name: string };
  readonly subject: string;
  readonly totalFen: number;
  readonly createdAt: number;
  readonly expireAt: number;
  readonly notifyUrl: string | undefined;
  readonly subOrders: SubOrder[];
  readonly refunds: Refund[];
  paidAt?: number;
  channel?: Channel;
  bankSerial?: string;
  /** Paid after it had expired: the platform keeps the money, the caller must refund it. */
  latePayment: boolean;
  /** Bumped by every change a notification reports (payment, each refund): later state, higher number. */
  revision: number;
}

/** One line of the daily statement: a payment or a refund of one sub-order. */
export interface Transaction {
  readonly at: number;
  readonly type: 'PAY' | 'REFUND';
  readonly orderNo: string;
  readonly subOrderNo: string;
  readonly amountFen: number;
  readonly refundNo?: string;
}

/** A fiscal e-receipt (or, for a tax, an electronic tax payment voucher) of one paid sub-order. */
export interface Receipt {
  readonly receiptNo: string;
  readonly orderNo: string;
  readonly subOrderNo: string;
  readonly issuedAt: number;
}

/** What a payment or refund tells the caller (PROTOCOL.md §6). */
export interface OrderEvent {
  readonly eventId: string;
  readonly type: 'PAYMENT' | 'REFUND';
  readonly order: Order;
  readonly amountFen: number;
  readonly refundNo?: string;
  readonly revision: number;
  readonly at: number;
}

export interface NewOrder {
  readonly caller: string;
  readonly outTradeNo: string;
  readonly payer: { readonly idNo: string; readonly name: string };
  readonly subject: string;
  readonly expireMinutes: number;
  readonly notifyUrl: string | undefined;
  readonly subOrders: readonly {
    outSubNo: string;
    payeeCode: string;
    item: string;
    basis: string;
    amountFen: number;
  }[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The Beijing calendar day (UTC+8, no daylight saving) of an instant, `yyyy-MM-dd`. */
export function beijingDay(at: number): string {
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A fingerprint of a request's business content, to tell a retry from a reused reference. */
export function fingerprintOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/**
 * The platform's books: orders by number, payment code and the caller's reference, their payments and
 * refunds, the transactions of each day, the receipts issued. Every change goes through here, on the
 * platform's clock, and is told to the listeners (the notifier).
 */
export class Ledger {
  private readonly orders = new Map<string, Order>();
  private readonly byCode = new Map<string, string>();
  private readonly byRef = new Map<string, string>();
  private readonly refundsByRef = new Map<string, { orderNo: string; refund: Refund }>();
  readonly transactions: Transaction[] = [];
  readonly receipts = new Map<string, Receipt>();
  private readonly listeners: ((event: OrderEvent) => void)[] = [];
  private seq = 0;
  private events = 0;
  private serial = 0;

  constructor(
    private readonly clock: SimClock,
    private readonly payees: ReadonlyMap<string, Payee>,
    private readonly division: string,
  ) {}

  onEvent(listener: (event: OrderEvent) => void): void {
    this.listeners.push(listener);
  }

  get size(): number {
    return this.orders.size;
  }

  status(order: Order, now = this.clock.now()): OrderStatus {
    if (order.paidAt === undefined) return now > order.expireAt ? 'EXPIRED' : 'UNPAID';
    const refunded = order.subOrders.reduce((s, o) => s + o.refundedFen, 0);
    if (refunded === 0) return 'PAID';
    return refunded >= order.totalFen ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  }

  get(orderNo: string): Order | undefined {
    return this.orders.get(orderNo);
  }

  byPaymentCode(code: string): Order | undefined {
    const no = this.byCode.get(code);
    return no === undefined ? undefined : this.orders.get(no);
  }

  byReference(caller: string, outTradeNo: string): Order | undefined {
    const no = this.byRef.get(`${caller}\u0000${outTradeNo}`);
    return no === undefined ? undefined : this.orders.get(no);
  }

  /** Every order made under a reference, by any caller (the admin port's view). */
  withReference(outTradeNo: string): Order[] {
    return [...this.orders.values()].filter((o) => o.outTradeNo === outTradeNo);
  }

  /**
   * Creates an order, or answers the one already made under the caller's reference with the same content
   * (3002 for other content): a retried create never makes a second order or a second payment code.
   */
  create(input: NewOrder): Order {
    const fingerprint = fingerprintOf({ ...input, caller: undefined });
    const earlier = this.byReference(input.caller, input.outTradeNo);
    if (earlier) {
      if (earlier.fingerprint !== fingerprint)
        throw new Refusal('3002', `${input.outTradeNo}已创建为${earlier.orderNo}`);
      return earlier;
    }
    const unknown = input.subOrders.filter((s) => !this.payees.has(s.payeeCode)).map((s) => s.payeeCode);
    if (unknown.length > 0) throw new Refusal('3005', unknown.join('、'));
    const now = this.clock.now();
    const n = ++this.seq;
    const orderNo = `UPP${beijingDay(now).replaceAll('-', '')}${pad(n, 10)}`;
    const code = paymentCode(this.division, new Date(now + 8 * 3_600_000).getUTCFullYear(), n);
    const order: Order = {
      orderNo,
      paymentCode: code,
      outTradeNo: input.outTradeNo,
      caller: input.caller,
      fingerprint,
      payer: input.payer,
      subject: input.subject,
      totalFen: input.subOrders.reduce((s, o) => s + o.amountFen, 0),
      createdAt: now,
      expireAt: now + input.expireMinutes * 60_000,
      notifyUrl: input.notifyUrl,
      subOrders: input.subOrders.map((s, i) => ({
        subOrderNo: `${orderNo}${pad(i + 1, 2)}`,
        outSubNo: s.outSubNo,
        payee: this.payees.get(s.payeeCode)!,
        item: s.item,
        basis: s.basis,
        amountFen: s.amountFen,
        refundedFen: 0,
      })),
      refunds: [],
      latePayment: false,
      revision: 0,
    };
    this.orders.set(orderNo, order);
    this.byCode.set(code, orderNo);
    this.byRef.set(`${input.caller}\u0000${input.outTradeNo}`, orderNo);
    return order;
  }

  /**
   * A payment through the payer's channel (online banking, the window's POS): the exact amount of the
   * order, once. After the order expired the payment is still taken (the bank has debited the payer) and
   * marked late: the caller must refund it (PROTOCOL.md §4.4).
   */
  pay(code: string, amountFen: number, channel: Channel): Order {
    const order = this.byPaymentCode(code);
    if (!order) throw new Refusal('4001', code);
    if (order.paidAt !== undefined)
      throw new Refusal('4003', `${order.orderNo}已于${new Date(order.paidAt).toISOString()}缴款`);
    if (amountFen !== order.totalFen)
      throw new Refusal('4002', `应缴${order.totalFen}分，实缴${amountFen}分`);
    const now = this.clock.now();
    order.latePayment = now > order.expireAt;
    order.paidAt = now;
    order.channel = channel;
    order.bankSerial = `B${beijingDay(now).replaceAll('-', '')}${pad(++this.serial, 12)}`;
    order.revision++;
    for (const sub of order.subOrders) {
      this.transactions.push({
        at: now,
        type: 'PAY',
        orderNo: order.orderNo,
        subOrderNo: sub.subOrderNo,
        amountFen: sub.amountFen,
      });
      const receiptNo = `${sub.payee.kind === 'tax' ? '3' : '1'}${beijingDay(now).slice(0, 4)}${pad(this.receipts.size + 1, 10)}`;
      sub.receiptNo = receiptNo;
      this.receipts.set(receiptNo, {
        receiptNo,
        orderNo: order.orderNo,
        subOrderNo: sub.subOrderNo,
        issuedAt: now,
      });
    }
    this.emit({ type: 'PAYMENT', order, amountFen: order.totalFen, revision: order.revision, at: now });
    return order;
  }

  /**
   * A refund of the whole order (every sub-order's remainder) or of one sub-order (all that is left of
   * it, or `amountFen` of it), once per the caller's refund reference.
   */
  refund(input: {
    readonly caller: string;
    readonly orderNo: string;
    readonly outRefundNo: string;
    readonly subOrderNo: string | null;
    readonly amountFen: number | null;
    readonly reason: string;
  }): { order: Order; refund: Refund } {
    const fingerprint = fingerprintOf(input);
    const earlier = this.refundsByRef.get(`${input.caller}\u0000${input.outRefundNo}`);
    if (earlier) {
      if (earlier.refund.fingerprint !== fingerprint)
        throw new Refusal('3002', `${input.outRefundNo}已退款为${earlier.refund.refundNo}`);
      return { order: this.orders.get(earlier.orderNo)!, refund: earlier.refund };
    }
    const order = this.orders.get(input.orderNo);
    if (!order || order.caller !== input.caller) throw new Refusal('3001', input.orderNo);
    if (order.paidAt === undefined) throw new Refusal('3003', `${order.orderNo}未缴款，不能退款`);
    const targets =
      input.subOrderNo === null
        ? order.subOrders
        : order.subOrders.filter((s) => s.subOrderNo === input.subOrderNo);
    if (targets.length === 0) throw new Refusal('3001', `子订单${input.subOrderNo}`);
    const refundable = targets.reduce((s, o) => s + o.amountFen - o.refundedFen, 0);
    const amountFen = input.amountFen ?? refundable;
    if (refundable === 0) throw new Refusal('3003', `${order.orderNo}已全额退款`);
    if (amountFen > refundable || amountFen <= 0)
      throw new Refusal('3004', `可退${refundable}分，申请${amountFen}分`);
    if (input.subOrderNo === null && amountFen !== refundable)
      throw new Refusal('3004', `整单退款须退全部可退金额${refundable}分；部分退款请指定子订单`);
    const now = this.clock.now();
    const refund: Refund = {
      refundNo: `R${order.orderNo.slice(3)}${pad(order.refunds.length + 1, 2)}`,
      outRefundNo: input.outRefundNo,
      fingerprint,
      subOrderNo: input.subOrderNo,
      amountFen,
      reason: input.reason,
      refundedAt: now,
    };
    let left = amountFen;
    for (const sub of targets) {
      const part = Math.min(left, sub.amountFen - sub.refundedFen);
      if (part <= 0) continue;
      sub.refundedFen += part;
      left -= part;
      this.transactions.push({
        at: now,
        type: 'REFUND',
        orderNo: order.orderNo,
        subOrderNo: sub.subOrderNo,
        amountFen: part,
        refundNo: refund.refundNo,
      });
    }
    order.refunds.push(refund);
    order.revision++;
    this.refundsByRef.set(`${input.caller}\u0000${input.outRefundNo}`, { orderNo: order.orderNo, refund });
    this.emit({
      type: 'REFUND',
      order,
      amountFen,
      refundNo: refund.refundNo,
      revision: order.revision,
      at: now,
    });
    return { order, refund };
  }

  /** The transactions of a Beijing calendar day, in the order they happened. */
  transactionsOn(day: string): Transaction[] {
    return this.transactions.filter((t) => beijingDay(t.at) === day);
  }

  private emit(event: Omit<OrderEvent, 'eventId'>): void {
    const full: OrderEvent = { ...event, eventId: `EV${pad(++this.events, 12)}` };
    for (const listener of this.listeners) listener(full);
  }
}
