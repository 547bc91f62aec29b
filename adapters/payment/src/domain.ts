/**
 * The payment platform in the domain's terms (money in fen, instants ISO), whatever its wire says.
 */

/** Where an order is: unpaid (until it expires), paid, partly or wholly refunded. */
export type PaymentStatus = 'UNPAID' | 'EXPIRED' | 'PAID' | 'PARTIALLY_REFUNDED' | 'REFUNDED';
export type PaymentChannel = 'ONLINE_BANKING' | 'POS';

/** Who a sub-order pays: a tax into the treasury, a fee into the fiscal non-tax account. */
export interface Payee {
  readonly code: string;
  readonly name: string;
  readonly account: string;
  readonly kind: 'TAX' | 'NON_TAX';
}

/** One sub-order (子订单): what is paid to one payee, why, and its receipt once paid. */
export interface PaymentLine {
  readonly subOrderNumber: string;
  /** The caller's key of the line (e.g. the department's assessment). */
  readonly lineKey: string;
  readonly payee: Payee;
  readonly item: string;
  /** The rule that produced the amount, in the assessing department's words. */
  readonly basis: string;
  readonly amountFen: number;
  readonly refundedFen: number;
  readonly receiptNumber: string | null;
}

export interface PaymentRefund {
  readonly refundNumber: string;
  /** The caller's reference of the refund (its idempotency key). */
  readonly reference: string;
  /** The sub-order refunded, or null for the whole order. */
  readonly subOrderNumber: string | null;
  readonly amountFen: number;
  readonly reason: string;
  readonly refundedAt: string;
}

/** An order (缴款订单) at the platform. */
export interface PaymentOrder {
  readonly orderNumber: string;
  /** The 20-digit payment code (缴款码) the payer quotes. */
  readonly paymentCode: string;
  /** The caller's reference (业务流水号): its idempotency key. */
  readonly reference: string;
  readonly status: PaymentStatus;
  /** Paid after it expired: the caller must refund it. */
  readonly latePayment: boolean;
  /** Rises with every payment and refund: a later state has a higher revision. */
  readonly revision: number;
  readonly subject: string;
  readonly payer: { readonly idNumber: string; readonly name: string };
  readonly totalFen: number;
  readonly paidFen: number;
  readonly refundedFen: number;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly paidAt: string | null;
  readonly channel: PaymentChannel | null;
  readonly lines: readonly PaymentLine[];
  readonly refunds: readonly PaymentRefund[];
}

/** An order to create: the fee lines of one application, each to its payee. */
export interface NewPaymentOrder {
  /** The same reference for every attempt: the platform keeps one order per reference. */
  readonly reference: string;
  readonly payer: { readonly idNumber: string; readonly name: string };
  readonly subject: string;
  /** How long the payment code may be paid (1 minute to 7 days; the platform's default is a day). */
  readonly expiresInMinutes?: number;
  /** Where the platform posts this order's notifications. */
  readonly notifyUrl?: string;
  readonly lines: readonly {
    readonly lineKey: string;
    readonly payeeCode: string;
    readonly item: string;
    readonly basis: string;
    readonly amountFen: number;
  }[];
}

export interface RefundRequest {
  readonly orderNumber: string;
  /** The same reference for every attempt: one refund per reference. */
  readonly reference: string;
  /** One sub-order, or the whole order when absent. */
  readonly subOrderNumber?: string | null;
  /** Part of a sub-order; all that is left when absent. */
  readonly amountFen?: number | null;
  readonly reason: string;
}

/** One line of a daily statement (对账单). */
export interface StatementLine {
  readonly at: string;
  readonly type: 'PAY' | 'REFUND';
  readonly orderNumber: string;
  readonly paymentCode: string;
  readonly reference: string;
  readonly subOrderNumber: string;
  readonly payeeCode: string;
  readonly amountFen: number;
  readonly refundNumber: string | null;
  readonly channel: PaymentChannel | null;
}

export interface Statement {
  /** The Beijing calendar day it covers. */
  readonly date: string;
  readonly lines: readonly StatementLine[];
  readonly paidFen: number;
  readonly refundedFen: number;
}

/** A receipt document of one paid sub-order, its signature checked. */
export interface PaymentReceipt {
  /** 财政电子票据 (a fee) or 电子缴税付款凭证 (a tax). */
  readonly kind: 'FISCAL_RECEIPT' | 'TAX_PAYMENT_VOUCHER';
  readonly receiptNumber: string;
  readonly issuedAt: string;
  readonly amountFen: number;
  /** The document as the platform issued it (JSON), and its signature (RSA-SHA256 over its canonical JSON). */
  readonly document: Readonly<Record<string, unknown>>;
  readonly signature: string;
}

/** A notification the platform posted, its signature checked. */
export interface PaymentNotification {
  readonly eventId: string;
  readonly type: 'PAYMENT' | 'REFUND';
  readonly orderNumber: string;
  readonly reference: string;
  readonly paymentCode: string;
  /** What was paid (PAYMENT) or refunded (REFUND). */
  readonly amountFen: number;
  readonly refundNumber: string | null;
  readonly revision: number;
  readonly status: PaymentStatus;
  readonly latePayment: boolean;
  readonly occurredAt: string;
}
