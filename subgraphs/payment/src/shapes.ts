import type { PaymentOrder, PaymentReceipt, PaymentRefund, Statement } from '@onething/adapter-payment';

/** An order as the schema shows it (money stays fen: the Money scalar writes yuan). */
export function orderShape(o: PaymentOrder) {
  return {
    orderNumber: o.orderNumber,
    paymentCode: o.paymentCode,
    reference: o.reference,
    status: o.status,
    latePayment: o.latePayment,
    revision: o.revision,
    subject: o.subject,
    payerIdNumber: o.payer.idNumber,
    payerName: o.payer.name,
    total: o.totalFen,
    paid: o.paidFen,
    refunded: o.refundedFen,
    createdAt: o.createdAt,
    expiresAt: o.expiresAt,
    paidAt: o.paidAt,
    channel: o.channel,
    lines: o.lines.map((l) => ({
      orderNumber: o.orderNumber,
      subOrderNumber: l.subOrderNumber,
      lineKey: l.lineKey,
      payee: l.payee,
      item: l.item,
      basis: l.basis,
      amount: l.amountFen,
      refunded: l.refundedFen,
      receiptNumber: l.receiptNumber,
    })),
    refunds: o.refunds.map(refundShape),
  };
}

export type LineShape = ReturnType<typeof orderShape>['lines'][number];

export function refundShape(r: PaymentRefund) {
  return {
    refundNumber: r.refundNumber,
    reference: r.reference,
    subOrderNumber: r.subOrderNumber,
    amount: r.amountFen,
    reason: r.reason,
    refundedAt: r.refundedAt,
  };
}

export function receiptShape(r: PaymentReceipt) {
  return {
    kind: r.kind,
    number: r.receiptNumber,
    issuedAt: r.issuedAt,
    amount: r.amountFen,
    document: JSON.stringify(r.document),
    signature: r.signature,
  };
}

export function statementShape(s: Statement) {
  return {
    date: s.date,
    paid: s.paidFen,
    refunded: s.refundedFen,
    lines: s.lines.map((l) => ({
      at: l.at,
      type: l.type,
      orderNumber: l.orderNumber,
      paymentCode: l.paymentCode,
      reference: l.reference,
      subOrderNumber: l.subOrderNumber,
      payeeCode: l.payeeCode,
      amount: l.amountFen,
      refundNumber: l.refundNumber,
    })),
  };
}
