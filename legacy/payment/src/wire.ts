import type { KeyObject } from 'node:crypto';
import { sign } from 'node:crypto';
import { fenToYuan } from '@onething/schema';
import type { Ledger, Order, OrderEvent, Receipt } from './ledger';
import { canonicalJson } from './signing';

const iso = (at: number | undefined) => (at === undefined ? null : new Date(at).toISOString());

/** An order as the platform answers it (PROTOCOL.md §4.2). */
export function orderToWire(ledger: Ledger, order: Order) {
  return {
    order_no: order.orderNo,
    payment_code: order.paymentCode,
    out_trade_no: order.outTradeNo,
    status: ledger.status(order),
    late_payment: order.latePayment,
    revision: order.revision,
    subject: order.subject,
    payer: { id_no: order.payer.idNo, name: order.payer.name },
    total_fen: order.totalFen,
    paid_fen: order.paidAt === undefined ? 0 : order.totalFen,
    refunded_fen: order.subOrders.reduce((s, o) => s + o.refundedFen, 0),
    created_at: iso(order.createdAt),
    expire_at: iso(order.expireAt),
    paid_at: iso(order.paidAt),
    channel: order.channel ?? null,
    bank_serial: order.bankSerial ?? null,
    sub_orders: order.subOrders.map((s) => ({
      sub_order_no: s.subOrderNo,
      out_sub_no: s.outSubNo,
      payee_code: s.payee.code,
      payee_name: s.payee.name,
      payee_account: s.payee.account,
      payee_kind: s.payee.kind,
      item: s.item,
      basis: s.basis,
      amount_fen: s.amountFen,
      refunded_fen: s.refundedFen,
      receipt_no: s.receiptNo ?? null,
    })),
    refunds: order.refunds.map((r) => ({
      refund_no: r.refundNo,
      out_refund_no: r.outRefundNo,
      sub_order_no: r.subOrderNo,
      amount_fen: r.amountFen,
      reason: r.reason,
      status: 'SUCCESS',
      refunded_at: iso(r.refundedAt),
    })),
  };
}

/** A notification's body (PROTOCOL.md §6.1). */
export function eventToWire(ledger: Ledger, event: OrderEvent) {
  const { order } = event;
  return {
    event_id: event.eventId,
    event_type: event.type,
    order_no: order.orderNo,
    out_trade_no: order.outTradeNo,
    payment_code: order.paymentCode,
    amount_fen: event.amountFen,
    refund_no: event.refundNo ?? null,
    revision: event.revision,
    status: ledger.status(order),
    late_payment: order.latePayment,
    occurred_at: iso(event.at),
  };
}

/**
 * A receipt as a document (PROTOCOL.md §8): for a non-tax fee, the fiscal e-receipt (财政电子票据, its
 * elements after 财综〔2018〕62号 — 票据代码, 票据号码, 校验码, 开票日期, 交款人, 项目, 金额, 收款单位);
 * for a tax, the electronic tax payment voucher (电子缴税付款凭证) the bank issues, the tax certificate
 * (完税证明) being the tax office's. Signed by the platform over its canonical JSON, so it can be checked
 * after download, standing for the issuer's electronic signature (《中华人民共和国电子签名法》第十四条).
 */
export function receiptDocument(ledger: Ledger, receipt: Receipt, key: KeyObject) {
  const order = ledger.get(receipt.orderNo)!;
  const sub = order.subOrders.find((s) => s.subOrderNo === receipt.subOrderNo)!;
  const fiscal = sub.payee.kind === 'non-tax';
  const document = {
    type: fiscal ? '财政电子票据' : '电子缴税付款凭证',
    receipt_code: fiscal ? '11060126' : null,
    receipt_no: receipt.receiptNo,
    check_code: receipt.receiptNo.slice(-6),
    issued_at: new Date(receipt.issuedAt).toISOString(),
    payer_name: order.payer.name,
    payer_id_no: `${order.payer.idNo.slice(0, 6)}********${order.payer.idNo.slice(-4)}`,
    payee_name: sub.payee.name,
    payee_account: sub.payee.account,
    item: sub.item,
    basis: sub.basis,
    amount_fen: sub.amountFen,
    amount_yuan: fenToYuan(sub.amountFen),
    order_no: order.orderNo,
    sub_order_no: sub.subOrderNo,
    payment_code: order.paymentCode,
    bank_serial: order.bankSerial ?? null,
  };
  return {
    document,
    signature_alg: 'RSA-SHA256',
    signature: sign('sha256', Buffer.from(canonicalJson(document)), key).toString('base64'),
  };
}
