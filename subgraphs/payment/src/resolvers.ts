import type { PaymentAdapter, PaymentLoaders, PaymentOrder } from '@onething/adapter-payment';
import { type SubgraphContext, subgraphError } from '@onething/subgraph-kit';
import { type OrderKey, PaymentAccess } from './access';
import { type LineShape, orderShape, receiptShape, refundShape, statementShape } from './shapes';

type Ctx = SubgraphContext<PaymentLoaders>;

interface OrderInput {
  readonly reference: string;
  readonly payerIdNumber: string;
  readonly payerName: string;
  readonly subject: string;
  readonly expiresInMinutes?: number | null;
  readonly lines: readonly { lineKey: string; payee: string; item: string; basis: string; amount: number }[];
}

interface RefundInput {
  readonly orderNumber: string;
  readonly reference: string;
  readonly subOrderNumber?: string | null;
  readonly amount?: number | null;
  readonly reason: string;
}

/** The payment subgraph's operations, each judged by who asks, for whom, and what it lets them learn. */
export function paymentResolvers(adapter: PaymentAdapter, notifyUrl: string, checkoutUrl: string) {
  const access = (ctx: Ctx) => new PaymentAccess(ctx.identity);

  /** An order the platform answered, if this identity may see it; none otherwise (not told apart). */
  const shown = (ctx: Ctx, key: OrderKey, order: PaymentOrder | null) =>
    order && access(ctx).mayRead(order, key) ? orderShape(order) : null;

  const byNumber = async (ctx: Ctx, orderNumber: string) => {
    access(ctx).beforeRead('number');
    if (!/^UPP\d{18}$/.test(orderNumber)) return null;
    return shown(ctx, 'number', await ctx.loaders.ordersByNumber.load(orderNumber));
  };

  return {
    Query: {
      paymentOrder: (_: unknown, { orderNumber }: { orderNumber: string }, ctx: Ctx) =>
        byNumber(ctx, orderNumber),
      paymentOrderByCode: async (_: unknown, { paymentCode }: { paymentCode: string }, ctx: Ctx) => {
        access(ctx).beforeRead('code');
        return shown(ctx, 'code', await adapter.orderByPaymentCode(paymentCode));
      },
      paymentOrderByReference: async (_: unknown, { reference }: { reference: string }, ctx: Ctx) => {
        access(ctx).beforeRead('reference');
        return shown(ctx, 'reference', await adapter.findOrder(reference));
      },
      paymentStatement: async (_: unknown, { date }: { date: string }, ctx: Ctx) => {
        access(ctx).statement();
        return statementShape(await adapter.statement(date));
      },
    },
    Mutation: {
      createPaymentOrder: async (_: unknown, { input }: { input: OrderInput }, ctx: Ctx) => {
        access(ctx).createFor(input.payerIdNumber);
        const order = await adapter.createOrder({
          reference: input.reference,
          payer: { idNumber: input.payerIdNumber, name: input.payerName },
          subject: input.subject,
          ...(input.expiresInMinutes == null ? {} : { expiresInMinutes: input.expiresInMinutes }),
          notifyUrl,
          lines: input.lines.map((l) => ({
            lineKey: l.lineKey,
            payeeCode: l.payee,
            item: l.item,
            basis: l.basis,
            amountFen: l.amount,
          })),
        });
        // The platform answers the order already made under a reference: it must be this payer's.
        if (order.payer.idNumber !== input.payerIdNumber)
          throw subgraphError('FORBIDDEN', 'payment', 'the reference is another payer’s order');
        return orderShape(order);
      },
      refundPayment: async (_: unknown, { input }: { input: RefundInput }, ctx: Ctx) => {
        const a = access(ctx);
        a.beforeRefund();
        const order = await adapter.getOrder(input.orderNumber);
        if (!order || !a.mayRead(order, 'number'))
          throw subgraphError(
            'NOT_FOUND',
            'payment',
            `no order ${input.orderNumber} of the applicant this service acts for`,
          );
        const { refund, order: after } = await adapter.refund({
          orderNumber: input.orderNumber,
          reference: input.reference,
          subOrderNumber: input.subOrderNumber ?? null,
          amountFen: input.amount ?? null,
          reason: input.reason,
        });
        return { refund: refundShape(refund), order: orderShape(after) };
      },
    },
    PaymentOrder: {
      checkoutUrl: (o: { paymentCode: string; status: string }) =>
        o.status === 'UNPAID' ? `${checkoutUrl}?code=${o.paymentCode}` : null,
      __resolveReference: ({ orderNumber }: { orderNumber: string }, ctx: Ctx) => byNumber(ctx, orderNumber),
    },
    PaymentLine: {
      // Only reached through an order this identity may see.
      receipt: async (line: LineShape) =>
        line.receiptNumber
          ? receiptShape(await adapter.receipt(line.orderNumber, line.subOrderNumber))
          : null,
    },
  };
}
