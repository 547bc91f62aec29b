import { z } from 'zod';
import type { PaymentNotification, PaymentOrder } from './domain';

const fen = z.number().int().min(0);
const instant = z.iso.datetime({ offset: true });
const status = z.enum(['UNPAID', 'EXPIRED', 'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED']);

/** An order as the platform answers it (PROTOCOL.md §4.2). */
export const wireOrder = z.object({
  order_no: z.string().regex(/^UPP\d{18}$/),
  payment_code: z.string().regex(/^\d{20}$/),
  out_trade_no: z.string(),
  status,
  late_payment: z.boolean(),
  revision: z.number().int().min(0),
  subject: z.string(),
  payer: z.object({ id_no: z.string(), name: z.string() }),
  total_fen: fen,
  paid_fen: fen,
  refunded_fen: fen,
  created_at: instant,
  expire_at: instant,
  paid_at: instant.nullable(),
  channel: z.enum(['ONLINE_BANKING', 'POS']).nullable(),
  sub_orders: z.array(
    z.object({
      sub_order_no: z.string(),
      out_sub_no: z.string(),
      payee_code: z.string(),
      payee_name: z.string(),
      payee_account: z.string(),
      payee_kind: z.enum(['tax', 'non-tax']),
      item: z.string(),
      basis: z.string(),
      amount_fen: fen,
      refunded_fen: fen,
      receipt_no: z.string().nullable(),
    }),
  ),
  refunds: z.array(
    z.object({
      refund_no: z.string(),
      out_refund_no: z.string(),
      sub_order_no: z.string().nullable(),
      amount_fen: fen,
      reason: z.string(),
      refunded_at: instant,
    }),
  ),
});

export function toOrder(w: z.infer<typeof wireOrder>): PaymentOrder {
  return {
    orderNumber: w.order_no,
    paymentCode: w.payment_code,
    reference: w.out_trade_no,
    status: w.status,
    latePayment: w.late_payment,
    revision: w.revision,
    subject: w.subject,
    payer: { idNumber: w.payer.id_no, name: w.payer.name },
    totalFen: w.total_fen,
    paidFen: w.paid_fen,
    refundedFen: w.refunded_fen,
    createdAt: w.created_at,
    expiresAt: w.expire_at,
    paidAt: w.paid_at,
    channel: w.channel,
    lines: w.sub_orders.map((s) => ({
      subOrderNumber: s.sub_order_no,
      lineKey: s.out_sub_no,
      payee: {
        code: s.payee_code,
        name: s.payee_name,
        account: s.payee_account,
        kind: s.payee_kind === 'tax' ? 'TAX' : 'NON_TAX',
      },
      item: s.item,
      basis: s.basis,
      amountFen: s.amount_fen,
      refundedFen: s.refunded_fen,
      receiptNumber: s.receipt_no,
    })),
    refunds: w.refunds.map((r) => ({
      refundNumber: r.refund_no,
      reference: r.out_refund_no,
      subOrderNumber: r.sub_order_no,
      amountFen: r.amount_fen,
      reason: r.reason,
      refundedAt: r.refunded_at,
    })),
  };
}

export const queryAnswer = z.object({ orders: z.array(wireOrder), not_found: z.array(z.string()) });
export const refundAnswer = z.object({
  refund: z.object({ refund_no: z.string() }),
  order: wireOrder,
});

export const receiptAnswer = z.object({
  document: z
    .object({
      type: z.enum(['财政电子票据', '电子缴税付款凭证']),
      receipt_no: z.string(),
      issued_at: instant,
      amount_fen: fen,
      order_no: z.string(),
      sub_order_no: z.string(),
    })
    .loose(),
  signature_alg: z.literal('RSA-SHA256'),
  signature: z.string(),
});

/** A notification's body (PROTOCOL.md §6.1). */
export const wireNotification = z.object({
  event_id: z.string().min(1).max(64),
  event_type: z.enum(['PAYMENT', 'REFUND']),
  order_no: z.string().regex(/^UPP\d{18}$/),
  out_trade_no: z.string(),
  payment_code: z.string().regex(/^\d{20}$/),
  amount_fen: z.number().int(),
  refund_no: z.string().nullable(),
  revision: z.number().int().min(1),
  status,
  late_payment: z.boolean(),
  occurred_at: instant,
});

export function toNotification(w: z.infer<typeof wireNotification>): PaymentNotification {
  return {
    eventId: w.event_id,
    type: w.event_type,
    orderNumber: w.order_no,
    reference: w.out_trade_no,
    paymentCode: w.payment_code,
    amountFen: w.amount_fen,
    refundNumber: w.refund_no,
    revision: w.revision,
    status: w.status,
    latePayment: w.late_payment,
    occurredAt: w.occurred_at,
  };
}
