import type { KeyObject } from 'node:crypto';
import type { ErrorCode } from '@onething/schema/errors';
import type { PaymentNotification, PaymentOrder } from './domain';
import { platformSignatureProblem } from './signature';
import { toNotification, wireNotification } from './wire';

/** Why a notification is refused; each is answered with its code of the registry. */
export type NotificationRefusalReason =
  | 'UNSIGNED'
  | 'SIGNATURE_INVALID'
  | 'STALE'
  | 'MALFORMED'
  | 'UNKNOWN_ORDER'
  | 'AMOUNT_MISMATCH';

const CODES: Record<NotificationRefusalReason, ErrorCode> = {
  UNSIGNED: 'CALLBACK_UNSIGNED',
  SIGNATURE_INVALID: 'CALLBACK_SIGNATURE_INVALID',
  STALE: 'CALLBACK_STALE',
  MALFORMED: 'INVALID_INPUT',
  UNKNOWN_ORDER: 'PAYMENT_ORDER_UNKNOWN',
  AMOUNT_MISMATCH: 'PAYMENT_AMOUNT_MISMATCH',
};

/** A notification refused: never reported as paid, never taken as data. */
export class NotificationRefused extends Error {
  override readonly name = 'NotificationRefused';
  constructor(
    readonly reason: NotificationRefusalReason,
    message: string,
  ) {
    super(message);
  }

  /** The code of the registry the refusal is answered with. */
  get code(): ErrorCode {
    return CODES[this.reason];
  }
}

type HeaderBag = Readonly<Record<string, string | string[] | undefined>>;

/**
 * Checks a notification as posted: signed by the platform (its key, within five minutes of our clock),
 * and of the documented shape. It is then only a claim: {@link checkAgainstOrder} holds it against the
 * order as the platform answers a query.
 */
export function verifyNotification(
  platformKey: KeyObject,
  headers: HeaderBag,
  body: Buffer,
  now = Date.now(),
): PaymentNotification {
  const problem = platformSignatureProblem(platformKey, headers, body, now);
  if (problem === 'unsigned')
    throw new NotificationRefused('UNSIGNED', 'the notification lacks the platform’s signature headers');
  if (problem === 'invalid')
    throw new NotificationRefused(
      'SIGNATURE_INVALID',
      'the notification’s signature does not hold under the platform’s key',
    );
  if (problem === 'stale')
    throw new NotificationRefused(
      'STALE',
      'the notification’s timestamp is more than five minutes from our clock',
    );
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new NotificationRefused('MALFORMED', 'the notification is not JSON');
  }
  const parsed = wireNotification.safeParse(json);
  if (!parsed.success)
    throw new NotificationRefused(
      'MALFORMED',
      `the notification is not of the documented shape: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  return toNotification(parsed.data);
}

/**
 * Holds a verified notification against the order as the platform answers it (`order`, null when the
 * platform does not know it): the same order, reference and payment code; for a payment, an order that
 * is paid, of the amount notified; for a refund, a refund of that number and amount. Any difference
 * refuses it — a notification alone never makes anything paid.
 */
export function checkAgainstOrder(n: PaymentNotification, order: PaymentOrder | null): PaymentOrder {
  if (!order || order.reference !== n.reference || order.paymentCode !== n.paymentCode)
    throw new NotificationRefused(
      'UNKNOWN_ORDER',
      `no order ${n.orderNumber} of ours has reference ${n.reference}`,
    );
  if (n.type === 'PAYMENT') {
    if (order.paidAt === null)
      throw new NotificationRefused('AMOUNT_MISMATCH', `order ${n.orderNumber} is not paid at the platform`);
    if (n.amountFen !== order.totalFen)
      throw new NotificationRefused(
        'AMOUNT_MISMATCH',
        `a payment of ${n.amountFen} fen notified for order ${n.orderNumber} of ${order.totalFen} fen`,
      );
  } else {
    const refund = order.refunds.find((r) => r.refundNumber === n.refundNumber);
    if (!refund || refund.amountFen !== n.amountFen)
      throw new NotificationRefused(
        'AMOUNT_MISMATCH',
        `a refund ${n.refundNumber} of ${n.amountFen} fen notified that order ${n.orderNumber} does not hold`,
      );
  }
  return order;
}

/**
 * What an order's state as read now does to the state recorded earlier (its revision): a later revision
 * is news; the same or an earlier one — a duplicate, or a notification overtaken by a later one — changes
 * nothing.
 */
export function isNews(order: Pick<PaymentOrder, 'revision'>, recordedRevision: number | undefined): boolean {
  return recordedRevision === undefined || order.revision > recordedRevision;
}
