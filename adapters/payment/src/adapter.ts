import type { KeyObject } from 'node:crypto';
import {
  AdapterError,
  type AdapterHooks,
  batchLoader,
  type ClientSettings,
  DepartmentClient,
  type WireResponse,
} from '@onething/adapter-core';
import { validateResidentId } from '@onething/schema';
import type DataLoader from 'dataloader';
import { z } from 'zod';
import type {
  NewPaymentOrder,
  PaymentNotification,
  PaymentOrder,
  PaymentReceipt,
  PaymentRefund,
  RefundRequest,
  Statement,
} from './domain';
import { checkAgainstOrder, verifyNotification } from './notifications';
import { documentSignatureHolds, platformSignatureProblem, signRequest } from './signature';
import { parseStatement } from './statement';
import { queryAnswer, receiptAnswer, refundAnswer, toOrder, wireOrder } from './wire';

/** Orders one query reads at most (PROTOCOL.md §4.3). */
export const PAYMENT_BATCH_LIMIT = 20;

/** The system's name in errors and metrics. */
export const PAYMENT_SYSTEM = 'payment';

const ORDER_NUMBER = /^UPP\d{18}$/;
const REFERENCE = /^[\x21-\x7e]{8,64}$/;

export interface PaymentAdapterOptions {
  readonly client: ClientSettings;
  readonly hooks?: AdapterHooks;
  /** The caller id the platform knows us by (`X-Upp-Caller`). */
  readonly callerId: string;
  /** Our private key: every request is signed with it. */
  readonly callerKey: KeyObject;
  /** The platform's public key: every answer, notification and receipt is checked with it. */
  readonly platformKey: KeyObject;
}

export interface PaymentLoaders {
  /** Orders by number, up to 20 a call; null for one the platform does not hold (or not ours). */
  readonly ordersByNumber: DataLoader<string, PaymentOrder | null>;
}

export interface PaymentAdapter {
  readonly department: typeof PAYMENT_SYSTEM;
  /** Creates an order, or answers the one made under the same reference (never a second order). */
  createOrder(order: NewPaymentOrder): Promise<PaymentOrder>;
  /** Orders by number (null when unknown); malformed numbers are INVALID_INPUT, never sent. */
  ordersByNumber(orderNumbers: readonly string[]): Promise<Map<string, PaymentOrder | Error>>;
  /** An order by number, or null (a number not of the platform's form names no order). */
  getOrder(orderNumber: string): Promise<PaymentOrder | null>;
  /** The order made under a reference, or null when none reached the platform. */
  findOrder(reference: string): Promise<PaymentOrder | null>;
  /** The order a payment code names, or null. */
  orderByPaymentCode(paymentCode: string): Promise<PaymentOrder | null>;
  /** Refunds a whole order or one sub-order, once per reference; answers the refund and the order after it. */
  refund(request: RefundRequest): Promise<{ refund: PaymentRefund; order: PaymentOrder }>;
  /** The statement of a Beijing calendar day (available from the next day). */
  statement(date: string): Promise<Statement>;
  /** The receipt of a paid sub-order, its own signature checked. */
  receipt(orderNumber: string, subOrderNumber: string): Promise<PaymentReceipt>;
  /**
   * A notification as posted, checked: the platform's signature, its shape, and then the order as the
   * platform answers a query — same order, paid, same amount. Throws {@link NotificationRefused}
   * otherwise; a platform that cannot be reached throws its AdapterError (the platform will redeliver).
   */
  acceptNotification(
    headers: Readonly<Record<string, string | string[] | undefined>>,
    body: Buffer,
  ): Promise<{ notification: PaymentNotification; order: PaymentOrder }>;
  loaders(): PaymentLoaders;
  close(): void;
}

const envelope = z.object({ code: z.string().min(1), message: z.string(), data: z.unknown().optional() });
const problemList = z.object({ problems: z.array(z.object({ field: z.string(), reason: z.string() })) });

/**
 * Builds the payment platform's adapter. Every request is JSON signed afresh for each attempt with our
 * key; every answer must carry the platform's signature over its bytes, or it is MALFORMED_RESPONSE and
 * never read. Reads (order queries) are batched and retried by the core; creating an order and refunding
 * are never retried, and are idempotent at the platform by the caller's reference.
 */
export function createPaymentAdapter(options: PaymentAdapterOptions): PaymentAdapter {
  const client = new DepartmentClient(PAYMENT_SYSTEM, options.client, options.hooks);

  /** The answer's data, or the platform's refusal as a typed error. */
  function answerOf(op: string, res: WireResponse): { data?: unknown; text: string } {
    const text = res.body.toString('utf8');
    if (res.status >= 500)
      throw client.error('DEPARTMENT_UNAVAILABLE', op, `HTTP ${res.status}: ${text.slice(0, 200)}`, {
        httpStatus: res.status,
      });
    const problem = platformSignatureProblem(options.platformKey, res.headers, res.body);
    if (problem)
      throw client.error(
        'MALFORMED_RESPONSE',
        op,
        problem === 'unsigned'
          ? 'the answer is not signed by the platform'
          : 'the answer’s signature does not hold under the platform’s key: not read',
        { httpStatus: res.status },
      );
    const type = String(res.headers['content-type'] ?? '');
    if (res.status === 200 && type.startsWith('text/csv')) return { text };
    const env = envelope.parse(JSON.parse(text));
    if (env.code === '0000') return { data: env.data, text };
    const listed = problemList.safeParse(env.data);
    throw client.error('DEPARTMENT_REJECTED', op, `${env.code} ${env.message}`, {
      departmentCode: env.code,
      departmentMessage: env.message,
      httpStatus: res.status,
      ...(listed.success
        ? {
            problems: listed.data.problems.map((p) => ({
              path: p.field,
              rule: `payment.${env.code}`,
              message: { zh: p.reason, en: `${p.field}: ${p.reason}` },
            })),
          }
        : {}),
    });
  }

  function call<T>(
    op: string,
    kind: 'read' | 'write',
    biz: unknown,
    read: (a: { data?: unknown; text: string }) => T,
  ) {
    const body = JSON.stringify(biz);
    return client.call({
      op,
      kind,
      method: 'POST',
      path: `/upp/v1/${op}`,
      request: () => ({
        headers: {
          'content-type': 'application/json; charset=utf-8',
          ...signRequest(options.callerId, options.callerKey, body),
        },
        body,
      }),
      interpret: (res) => read(answerOf(op, res)),
    });
  }

  const invalid = (op: string, path: string, en: string, zh: string) =>
    new AdapterError('INVALID_INPUT', PAYMENT_SYSTEM, op, `${path}: ${en}`, {
      problems: [{ path, rule: `payment.${path}`, message: { zh, en } }],
    });

  const query = (biz: Record<string, unknown>) =>
    call('order.query', 'read', biz, (a) => {
      const q = queryAnswer.parse(a.data);
      return q.orders.map(toOrder);
    });

  async function ordersByNumber(numbers: readonly string[]): Promise<Map<string, PaymentOrder | Error>> {
    const out = new Map<string, PaymentOrder | Error>();
    const valid = [...new Set(numbers)].filter((n) => {
      if (ORDER_NUMBER.test(n)) return true;
      out.set(
        n,
        invalid(
          'order.query',
          'orderNumber',
          'an order number is UPP and 18 digits',
          '订单号应为UPP加18位数字',
        ),
      );
      return false;
    });
    for (let i = 0; i < valid.length; i += PAYMENT_BATCH_LIMIT) {
      for (const o of await query({ order_nos: valid.slice(i, i + PAYMENT_BATCH_LIMIT) }))
        out.set(o.orderNumber, o);
    }
    return out;
  }

  const one = async (biz: Record<string, unknown>) => (await query(biz))[0] ?? null;

  return {
    department: PAYMENT_SYSTEM,

    async createOrder(order) {
      const problems: string[] = [];
      if (!REFERENCE.test(order.reference)) problems.push('reference: 8 to 64 visible ASCII characters');
      if (!validateResidentId(order.payer.idNumber).ok)
        problems.push('payer.idNumber: not a resident ID number');
      if (order.lines.length === 0) problems.push('lines: at least one');
      order.lines.forEach((l, i) => {
        if (!Number.isSafeInteger(l.amountFen) || l.amountFen <= 0)
          problems.push(`lines[${i}].amountFen: a positive number of fen`);
      });
      if (problems.length > 0)
        throw new AdapterError('INVALID_INPUT', PAYMENT_SYSTEM, 'order.create', problems.join('; '), {
          problems: problems.map((p) => ({
            path: p.slice(0, p.indexOf(':')),
            rule: 'payment.order',
            message: { zh: p, en: p },
          })),
        });
      return call(
        'order.create',
        'write',
        {
          out_trade_no: order.reference,
          payer: { id_no: order.payer.idNumber, name: order.payer.name },
          subject: order.subject,
          ...(order.expiresInMinutes === undefined ? {} : { expire_minutes: order.expiresInMinutes }),
          ...(order.notifyUrl === undefined ? {} : { notify_url: order.notifyUrl }),
          sub_orders: order.lines.map((l) => ({
            out_sub_no: l.lineKey,
            payee_code: l.payeeCode,
            item: l.item,
            basis: l.basis,
            amount_fen: l.amountFen,
          })),
        },
        (a) => toOrder(wireOrder.parse(a.data)),
      );
    },

    ordersByNumber,

    async getOrder(orderNumber) {
      if (!ORDER_NUMBER.test(orderNumber)) return null;
      return one({ order_nos: [orderNumber] });
    },

    async findOrder(reference) {
      if (!REFERENCE.test(reference)) return null;
      return one({ out_trade_no: reference });
    },

    async orderByPaymentCode(paymentCode) {
      if (!/^\d{20}$/.test(paymentCode)) return null;
      return one({ payment_code: paymentCode });
    },

    refund(request) {
      return call(
        'refund.create',
        'write',
        {
          order_no: request.orderNumber,
          out_refund_no: request.reference,
          sub_order_no: request.subOrderNumber ?? null,
          amount_fen: request.amountFen ?? null,
          reason: request.reason,
        },
        (a) => {
          const r = refundAnswer.parse(a.data);
          const order = toOrder(r.order);
          const refund = order.refunds.find((x) => x.refundNumber === r.refund.refund_no);
          if (!refund) throw new Error('the refund answered is not in its order');
          return { refund, order };
        },
      );
    },

    statement(date) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
        return Promise.reject(
          invalid('statement.download', 'date', 'a date yyyy-MM-dd', '日期应为yyyy-MM-dd'),
        );
      return call('statement.download', 'read', { date }, (a) => {
        if (a.data !== undefined) throw new Error('a statement is CSV, not JSON');
        return parseStatement(date, a.text);
      });
    },

    receipt(orderNumber, subOrderNumber) {
      return call('receipt.query', 'read', { order_no: orderNumber, sub_order_no: subOrderNumber }, (a) => {
        const r = receiptAnswer.parse(a.data);
        if (!documentSignatureHolds(options.platformKey, r.document, r.signature))
          throw client.error(
            'MALFORMED_RESPONSE',
            'receipt.query',
            'the receipt’s own signature does not hold',
          );
        return {
          kind: r.document.type === '财政电子票据' ? 'FISCAL_RECEIPT' : 'TAX_PAYMENT_VOUCHER',
          receiptNumber: r.document.receipt_no,
          issuedAt: r.document.issued_at,
          amountFen: r.document.amount_fen,
          document: r.document,
          signature: r.signature,
        };
      });
    },

    async acceptNotification(headers, body) {
      const notification = verifyNotification(options.platformKey, headers, body);
      const order = checkAgainstOrder(notification, await one({ order_nos: [notification.orderNumber] }));
      return { notification, order };
    },

    loaders: () => ({
      ordersByNumber: batchLoader({ maxBatchSize: PAYMENT_BATCH_LIMIT, load: ordersByNumber }),
    }),

    close: () => client.close(),
  };
}
