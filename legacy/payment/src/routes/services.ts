import { validateResidentId } from '@onething/schema';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Refusal } from '../codes';
import { beijingDay } from '../ledger';
import { statementCsv } from '../statement';
import { orderToWire, receiptDocument } from '../wire';
import type { PaymentContext } from './context';
import { registerService } from './service';

/** Orders one query may name at most. */
export const MAX_ORDERS_PER_QUERY = 20;
/** Sub-orders (payees) one order may have at most. */
export const MAX_SUB_ORDERS = 20;

const reference = z.string().regex(/^[\x21-\x7e]{8,64}$/, '应为8至64位可见ASCII字符，不含空格');
const orderNo = z.string().regex(/^UPP\d{18}$/, '应为UPP加18位数字');
const text = (max: number) => z.string().trim().min(1, '不能为空').max(max, `长度不得超过${max}`);

const createSchema = z
  .object({
    out_trade_no: reference,
    payer: z.object({
      id_no: z.string().refine((v) => validateResidentId(v).ok, '不是有效的公民身份号码（GB 11643-1999）'),
      name: text(50),
    }),
    subject: text(100),
    expire_minutes: z.number().int().min(1).max(10_080).default(1_440),
    notify_url: z
      .url({ protocol: /^https?$/ })
      .max(512)
      .optional(),
    sub_orders: z
      .array(
        z.object({
          out_sub_no: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, '应为1至32位字母、数字、_或-'),
          payee_code: z.string().min(1).max(32),
          item: text(50),
          basis: text(200),
          amount_fen: z.number().int().min(1).max(100_000_000_000),
        }),
      )
      .min(1)
      .max(MAX_SUB_ORDERS)
      .refine(
        (subs) => new Set(subs.map((s) => s.out_sub_no)).size === subs.length,
        '子订单号out_sub_no重复',
      ),
  })
  .strict();

const querySchema = z
  .object({
    order_nos: z.array(orderNo).min(1).max(MAX_ORDERS_PER_QUERY).optional(),
    out_trade_no: reference.optional(),
    payment_code: z
      .string()
      .regex(/^\d{20}$/)
      .optional(),
  })
  .strict()
  .refine((q) => [q.order_nos, q.out_trade_no, q.payment_code].filter((v) => v !== undefined).length === 1, {
    message: 'order_nos、out_trade_no、payment_code须且只须给出一项',
  });

const refundSchema = z
  .object({
    order_no: orderNo,
    out_refund_no: reference,
    sub_order_no: z
      .string()
      .regex(/^UPP\d{20}$/)
      .nullable()
      .default(null),
    amount_fen: z.number().int().min(1).nullable().default(null),
    reason: text(200),
  })
  .strict();

const statementSchema = z.object({ date: z.iso.date() }).strict();
const receiptSchema = z.object({ order_no: orderNo, sub_order_no: z.string().regex(/^UPP\d{20}$/) }).strict();

/** The caller's services (PROTOCOL.md §4–§8). */
export function registerServices(app: FastifyInstance, p: PaymentContext): void {
  const { ledger } = p;

  registerService(app, p, 'order.create', createSchema, (biz, caller, req) => {
    const order = ledger.create({
      caller,
      outTradeNo: biz.out_trade_no,
      payer: { idNo: biz.payer.id_no, name: biz.payer.name },
      subject: biz.subject,
      expireMinutes: biz.expire_minutes,
      notifyUrl: biz.notify_url,
      subOrders: biz.sub_orders.map((s) => ({
        outSubNo: s.out_sub_no,
        payeeCode: s.payee_code,
        item: s.item,
        basis: s.basis,
        amountFen: s.amount_fen,
      })),
    });
    req.logged?.keys.push(biz.out_trade_no, order.orderNo);
    p.payers.created(order);
    return { data: orderToWire(ledger, order) };
  });

  registerService(app, p, 'order.query', querySchema, (biz, caller, req) => {
    const asked = biz.order_nos ?? [biz.out_trade_no ?? biz.payment_code!];
    const found = asked.map((key) =>
      biz.order_nos
        ? ledger.get(key)
        : biz.out_trade_no
          ? ledger.byReference(caller, key)
          : ledger.byPaymentCode(key),
    );
    req.logged?.keys.push(...asked);
    // A caller sees its own orders only: another's is answered as not found.
    const own = found.map((o) => (o?.caller === caller ? o : undefined));
    return {
      data: {
        orders: own.filter((o) => o !== undefined).map((o) => orderToWire(ledger, o)),
        not_found: asked.filter((_, i) => own[i] === undefined),
      },
    };
  });

  registerService(app, p, 'refund.create', refundSchema, (biz, caller, req) => {
    req.logged?.keys.push(biz.order_no, biz.out_refund_no);
    const { order, refund } = ledger.refund({
      caller,
      orderNo: biz.order_no,
      outRefundNo: biz.out_refund_no,
      subOrderNo: biz.sub_order_no,
      amountFen: biz.amount_fen,
      reason: biz.reason,
    });
    const wire = orderToWire(ledger, order);
    return { data: { refund: wire.refunds.find((r) => r.refund_no === refund.refundNo), order: wire } };
  });

  registerService(app, p, 'statement.download', statementSchema, (biz, caller) => {
    const today = beijingDay(p.ctx.clock.now());
    if (biz.date >= today) throw new Refusal('3006', `${biz.date}的对账单于次日生成，平台今日为${today}`);
    return {
      text: statementCsv(ledger, biz.date, p.statementFaults, caller),
      type: 'text/csv; charset=utf-8',
    };
  });

  registerService(app, p, 'receipt.query', receiptSchema, (biz, caller, req) => {
    req.logged?.keys.push(biz.order_no);
    const order = ledger.get(biz.order_no);
    if (!order || order.caller !== caller) throw new Refusal('3001', biz.order_no);
    const sub = order.subOrders.find((s) => s.subOrderNo === biz.sub_order_no);
    const receipt = sub?.receiptNo ? ledger.receipts.get(sub.receiptNo) : undefined;
    if (!receipt) throw new Refusal('3007', `${biz.sub_order_no}未缴款，未开具票据`);
    return { data: receiptDocument(ledger, receipt, p.platformKey) };
  });
}
