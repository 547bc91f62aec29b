/**
 * Paying an application's fees once (一窗收费), as a step of its graph: the bundle says which items'
 * assessments the payment waits for and which items it holds back (catalogue/definition.ts `payment`).
 * The hall keeps its own record of the payment; the platform's order is the money's record, read back
 * through the supergraph (a notification is only a prompt to read it).
 */

/** Where an application's payment stands. */
export type PaymentStatus =
  /** Waiting for the assessments it follows (the deed tax declared and assessed). */
  | 'NOT_DUE'
  /** Due: the departments' fees are being asked and the order created at the platform. */
  | 'ORDERING'
  /** The order is made: its payment code waits to be paid. */
  | 'UNPAID'
  /** The payment code expired unpaid: a new one is issued on the applicant's asking. */
  | 'EXPIRED'
  /** Paid: the items it held back go. */
  | 'PAID'
  /** The departments assessed nothing to pay: the items it held back go. */
  | 'NOT_NEEDED'
  /** Paid, and what the application did not use was refunded after it was refused. */
  | 'REFUNDED'
  /** The application ended (refused) before anything was paid: nothing is to be paid. */
  | 'CANCELLED';

/** Statuses in which the payment holds its items back and the applicant (or the hall) still has to act. */
export const OUTSTANDING: ReadonlySet<PaymentStatus> = new Set(['ORDERING', 'UNPAID', 'EXPIRED']);
/** Statuses in which the held items may go. */
export const SETTLED: ReadonlySet<PaymentStatus> = new Set(['PAID', 'NOT_NEEDED']);

/** One fee line of the order: a department's assessment of one of its items. */
export interface PaymentLine {
  /** Unique in the order: the line's key at the platform. */
  readonly lineKey: string;
  readonly itemCode: string;
  readonly department: string;
  /** The platform's code of the payee (the department's collection account). */
  readonly payee: string;
  readonly item: string;
  readonly basis: string;
  /** In fen. */
  readonly amount: number;
  /** The platform's sub-order number, once the order is made. */
  readonly subOrderNumber: string | null;
}

/** An order made at the platform for this payment (a new one after the last expired). */
export interface PaymentOrderRecord {
  readonly orderNumber: string;
  readonly reference: string;
  readonly paymentCode: string;
  readonly total: number;
  readonly expiresAt: Date;
  /** The platform's state as last read: a higher revision is a later state. */
  readonly status: 'UNPAID' | 'EXPIRED' | 'PAID' | 'PARTIALLY_REFUNDED' | 'REFUNDED';
  readonly revision: number;
  readonly paidAt: Date | null;
  readonly channel: 'ONLINE_BANKING' | 'POS' | null;
  readonly latePayment: boolean;
  /** In fen. */
  readonly refunded: number;
  /** Sub-order numbers by line key. */
  readonly subOrders: Readonly<Record<string, string>>;
}

/** A refund owed or made: of a whole order (a late payment) or of one line (not used). */
export interface PaymentRefundRecord {
  readonly reference: string;
  readonly orderNumber: string;
  readonly subOrderNumber: string | null;
  readonly reason: string;
  /** In fen, once made. */
  readonly amount: number | null;
  readonly refundNumber: string | null;
  readonly at: Date | null;
}

export interface Payment {
  readonly applicationId: string;
  /** The part whose jobs carry the payment's work (the first item it holds back). */
  readonly anchorPartId: string;
  readonly waitsFor: readonly string[];
  readonly holds: readonly string[];
  readonly proof: string;
  readonly status: PaymentStatus;
  /** How many orders were made (a renewed one is the next). */
  readonly attempt: number;
  readonly lines: readonly PaymentLine[];
  /** In fen: the sum of the lines, once assessed. */
  readonly total: number | null;
  readonly orders: readonly PaymentOrderRecord[];
  readonly refunds: readonly PaymentRefundRecord[];
  readonly paidAt: Date | null;
  /** The last problem (the platform down, a department's assessment missing), for the applicant and staff. */
  readonly problem: string | null;
}

export type PaymentChange = Partial<
  Pick<Payment, 'status' | 'attempt' | 'lines' | 'total' | 'orders' | 'refunds' | 'paidAt' | 'problem'>
>;

/** The reference of the attempt-th order of an application: one order per reference at the platform. */
export const orderReference = (applicationId: string, attempt: number) => `${applicationId}-fees-${attempt}`;

/** The order the applicant is to pay now (the latest). */
export const currentOrder = (p: Pick<Payment, 'orders'>): PaymentOrderRecord | undefined => p.orders.at(-1);

/** What can happen to a payment. */
export type PaymentEvent =
  /** Every assessment it waits for is in (those items approved). */
  | { readonly type: 'due' }
  /** The departments' fees for the order (none: nothing to pay). */
  | { readonly type: 'assessed'; readonly lines: readonly PaymentLine[] }
  /** The platform made the order. */
  | { readonly type: 'ordered'; readonly order: PaymentOrderRecord }
  /** The platform's state of one of its orders, read back (after a notification, a poll, a query). */
  | { readonly type: 'read'; readonly order: PaymentOrderRecord; readonly at: Date }
  /** The applicant asks for a new payment code after the last expired. */
  | { readonly type: 'renew' }
  /** The application was refused: `used` are the items approved (their fees were used). */
  | { readonly type: 'refused'; readonly used: readonly string[] }
  /** A refund owed was made. */
  | {
      readonly type: 'refunded';
      readonly reference: string;
      readonly amount: number;
      readonly refundNumber: string;
      readonly at: Date;
    }
  /** Something went wrong on the way (kept for the applicant and staff; nothing moves). */
  | { readonly type: 'problem'; readonly message: string | null };

/** What follows a payment's move: the held items go; the payment's job goes on; refunds are owed. */
export type PaymentConsequence = 'releaseHeld' | 'order' | 'follow' | 'refund';

export type PaymentTransition =
  | {
      readonly ok: true;
      readonly to: PaymentStatus;
      readonly change: PaymentChange;
      readonly next: readonly PaymentConsequence[];
    }
  | { readonly ok: false; readonly refusal: string };

const refuse = (p: Pick<Payment, 'status'>, what: string): PaymentTransition => ({
  ok: false,
  refusal: `the payment is ${p.status}: ${what}`,
});
const move = (
  to: PaymentStatus,
  change: PaymentChange = {},
  next: readonly PaymentConsequence[] = [],
): PaymentTransition => ({ ok: true, to, change: { status: to, ...change }, next });

const sum = (lines: readonly { amount: number }[]) => lines.reduce((s, l) => s + l.amount, 0);

/** The refunds a refusal owes: every paid line of an item not approved, once. */
function unusedRefunds(p: Payment, used: readonly string[]): PaymentRefundRecord[] {
  const order = p.orders.find((o) => o.paidAt !== null && !o.latePayment);
  if (!order) return [];
  return p.lines
    .filter((l) => !used.includes(l.itemCode) && order.subOrders[l.lineKey])
    .map((l) => ({
      reference: `${order.orderNumber}-refund-${l.lineKey}`,
      orderNumber: order.orderNumber,
      subOrderNumber: order.subOrders[l.lineKey]!,
      reason: `申请未获办理（${l.itemCode}），退还未使用的${l.item}`,
      amount: null,
      refundNumber: null,
      at: null,
    }));
}

/** A whole-order refund owed for a payment the application no longer takes (late, or after the end). */
const lateRefund = (order: PaymentOrderRecord, reason: string): PaymentRefundRecord => ({
  reference: `${order.orderNumber}-refund-all`,
  orderNumber: order.orderNumber,
  subOrderNumber: null,
  reason,
  amount: null,
  refundNumber: null,
  at: null,
});

const withRefunds = (p: Payment, owed: readonly PaymentRefundRecord[]) => {
  const known = new Set(p.refunds.map((r) => r.reference));
  return [...p.refunds, ...owed.filter((r) => !known.has(r.reference))];
};

/**
 * The i-th order of a payment read back as `order`, its payment recorded when it was known to be paid
 * (`paidBefore`; null: unpaid as far as the hall knew).
 */
function readBack(
  p: Payment,
  i: number,
  paidBefore: Date | null,
  order: PaymentOrderRecord,
  /** `{ problem: null }` when the platform's answer ends a problem of following the orders. */
  answered: PaymentChange = {},
): PaymentTransition {
  const orders = p.orders.map((o, j) => (j === i ? order : o));
  const current = i === p.orders.length - 1;
  const newlyPaid = paidBefore === null && order.paidAt !== null;
  // Paid after its code expired, for an earlier code, or after the application ended: not taken.
  if (newlyPaid && (order.latePayment || !current || !OUTSTANDING.has(p.status))) {
    const reason = order.latePayment
      ? '缴款码过期后缴款，自动退还'
      : !current
        ? '已重新开具缴款码，旧缴款码的缴款自动退还'
        : '申请已终止，缴款自动退还';
    return move(p.status, { orders, refunds: withRefunds(p, [lateRefund(order, reason)]), ...answered }, [
      'refund',
    ]);
  }
  if (newlyPaid) return move('PAID', { orders, paidAt: order.paidAt, problem: null }, ['releaseHeld']);
  if (current && p.status === 'UNPAID' && order.status === 'EXPIRED')
    return move('EXPIRED', { orders, ...answered });
  return move(p.status, { orders, ...answered });
}

/**
 * The payment state machine: every change of an application's payment, and every refusal. Pure: the
 * payment desk stores its changes and carries out its consequences in its transactions. A state read back
 * from the platform changes nothing unless its revision is later than the one recorded, so duplicate and
 * out-of-order notifications are harmless.
 */
export function paymentTransition(p: Payment, event: PaymentEvent): PaymentTransition {
  switch (event.type) {
    case 'due':
      return p.status === 'NOT_DUE'
        ? move('ORDERING', {}, ['order'])
        : refuse(p, 'only a payment not yet due falls due');
    case 'assessed': {
      if (p.status !== 'ORDERING') return refuse(p, 'fees are assessed for a payment being ordered');
      const lines = event.lines.filter((l) => l.amount > 0);
      if (lines.length === 0)
        return move('NOT_NEEDED', { lines: [], total: 0, problem: null }, ['releaseHeld']);
      return move('ORDERING', { lines, total: sum(lines), problem: null }, ['order']);
    }
    case 'ordered': {
      if (p.status !== 'ORDERING') return refuse(p, 'an order is recorded for a payment being ordered');
      if (p.orders.some((o) => o.orderNumber === event.order.orderNumber))
        return move('UNPAID', { problem: null }, ['follow']);
      const lines = p.lines.map((l) => ({ ...l, subOrderNumber: event.order.subOrders[l.lineKey] ?? null }));
      const orders = [...p.orders, event.order];
      const made = move('UNPAID', { orders, lines, problem: null }, ['follow']);
      // A create sent again (its first answer lost, or the job taken over by another hall process) answers
      // the order as it is now, which may be paid already: that is read at once, as an order made unpaid.
      // Recorded as it is but taken as unpaid, no later read of the same revision would ever see it paid.
      if (event.order.paidAt === null || !made.ok) return made;
      const read = readBack({ ...p, status: 'UNPAID', orders, lines }, orders.length - 1, null, event.order);
      if (!read.ok) return made;
      return { ...read, change: { ...made.change, ...read.change }, next: [...made.next, ...read.next] };
    }
    case 'read': {
      const i = p.orders.findIndex((o) => o.orderNumber === event.order.orderNumber);
      if (i < 0) return refuse(p, `${event.order.orderNumber} is not one of its orders`);
      const was = p.orders[i]!;
      // The platform answered: a problem of following its orders (it was down) is over. One of
      // ordering is not — reading an old order says nothing of making the new one.
      const answered = p.problem !== null && p.status !== 'ORDERING' ? { problem: null } : {};
      if (
        event.order.revision < was.revision ||
        (event.order.revision === was.revision && event.order.status === was.status)
      )
        return { ok: true, to: p.status, change: answered, next: [] };
      return readBack(p, i, was.paidAt, event.order, answered);
    }
    case 'renew':
      return p.status === 'EXPIRED'
        ? move('ORDERING', { attempt: p.attempt + 1, problem: null }, ['order'])
        : refuse(p, 'a new payment code is issued only after the last one expired');
    case 'refused': {
      if (p.status === 'PAID') {
        const owed = unusedRefunds(p, event.used);
        return owed.length === 0
          ? refuse(p, 'every fee paid was used')
          : move('REFUNDED', { refunds: withRefunds(p, owed) }, ['refund']);
      }
      if (p.status === 'REFUNDED' || p.status === 'CANCELLED' || p.status === 'NOT_NEEDED')
        return refuse(p, 'nothing more is owed');
      // An order still payable is followed: a payment made now is refunded.
      return move('CANCELLED', { problem: null }, p.orders.length > 0 ? ['follow'] : []);
    }
    case 'refunded': {
      const owed = p.refunds.find((r) => r.reference === event.reference);
      if (!owed) return refuse(p, `no refund ${event.reference} is owed`);
      if (owed.refundNumber) return { ok: true, to: p.status, change: {}, next: [] };
      const refunds = p.refunds.map((r) =>
        r === owed ? { ...r, amount: event.amount, refundNumber: event.refundNumber, at: event.at } : r,
      );
      // Made: whatever held the refund up (the platform down) is over.
      return move(p.status, { refunds, problem: null });
    }
    case 'problem':
      return move(p.status, { problem: event.message });
  }
}

/** Refunds owed and not made yet. */
export const refundsOwed = (p: Pick<Payment, 'refunds'>) => p.refunds.filter((r) => r.refundNumber === null);
