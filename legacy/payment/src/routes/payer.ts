import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PAYMENT_CODES, Refusal } from '../codes';
import type { PaymentContext } from './context';
import { problemsOf } from './service';

const paySchema = z
  .object({
    payment_code: z.string().regex(/^\d{20}$/, '缴款码应为20位数字'),
    amount_fen: z.number().int().min(1),
    channel: z.enum(['ONLINE_BANKING', 'POS']),
  })
  .strict();

/**
 * The payer's side (PROTOCOL.md §5), standing for online banking and the window's POS, which reach the
 * platform over the banks' own channels: not signed by a caller. `GET /payer/v1/bills/<code>` shows what a
 * payment code covers; `POST /payer/v1/pay` pays it, the exact amount, once.
 */
export function registerPayer(app: FastifyInstance, p: PaymentContext): void {
  app.get<{ Params: { code: string } }>(
    '/payer/v1/bills/:code',
    { config: { op: 'payer.bill' } },
    async (req, reply) => {
      const order = p.ledger.byPaymentCode(req.params.code);
      if (!order) return reply.code(404).send({ code: '4001', message: PAYMENT_CODES['4001'] });
      return {
        code: '0000',
        message: PAYMENT_CODES['0000'],
        data: {
          payment_code: order.paymentCode,
          subject: order.subject,
          payer_name: order.payer.name,
          total_fen: order.totalFen,
          status: p.ledger.status(order),
          expire_at: new Date(order.expireAt).toISOString(),
          items: order.subOrders.map((s) => ({
            payee_name: s.payee.name,
            item: s.item,
            amount_fen: s.amountFen,
          })),
        },
      };
    },
  );

  app.post('/payer/v1/pay', { config: { op: 'payer.pay' } }, async (req, reply) => {
    let json: unknown;
    try {
      json = JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
    } catch {
      return reply.code(400).send({ code: '2001', message: '请求体不是合法的JSON' });
    }
    const parsed = paySchema.safeParse(json);
    if (!parsed.success)
      return reply
        .code(400)
        .send({ code: '2001', message: PAYMENT_CODES['2001'], data: { problems: problemsOf(parsed.error) } });
    try {
      const order = p.ledger.pay(parsed.data.payment_code, parsed.data.amount_fen, parsed.data.channel);
      req.logged?.keys.push(order.orderNo);
      return {
        code: '0000',
        message: PAYMENT_CODES['0000'],
        data: {
          order_no: order.orderNo,
          paid_at: new Date(order.paidAt!).toISOString(),
          bank_serial: order.bankSerial,
          late_payment: order.latePayment,
        },
      };
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      if (req.logged) req.logged.outcome = 'refused';
      return e.envelope;
    }
  });
}
