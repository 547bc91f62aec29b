import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { notificationFaultsSchema } from './notifier';
import type { PaymentContext } from './routes/context';
import { NO_STATEMENT_FAULTS } from './statement';
import { orderToWire } from './wire';

const statementFaultsSchema = z
  .object({
    omit: z.array(z.string()),
    amountDeltaFen: z.record(z.string(), z.number().int()),
    extra: z.array(z.object({ orderNo: z.string(), amountFen: z.number().int() }).strict()),
  })
  .partial()
  .strict();

const releaseSchema = z.object({ order: z.enum(['fifo', 'reverse']).default('fifo') }).strict();

function invalid(reply: FastifyReply, error: z.ZodError) {
  return reply.code(400).send({
    error: 'INVALID_ADMIN_REQUEST',
    problems: error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`),
  });
}

/**
 * The platform's own admin endpoints, beside the kit's (PROTOCOL.md §9): its orders, notification
 * faults and deliveries, and mismatches injected into statements.
 */
export function registerPaymentAdmin(admin: FastifyInstance, p: PaymentContext): void {
  const { ledger, notifier } = p;

  admin.get<{ Querystring: { ref?: string } }>('/__admin/orders', async (req) =>
    (req.query.ref ? ledger.withReference(req.query.ref) : []).map((o) => orderToWire(ledger, o)),
  );
  admin.get<{ Params: { orderNo: string } }>('/__admin/orders/:orderNo', async (req, reply) => {
    const order = ledger.get(req.params.orderNo);
    return order ? orderToWire(ledger, order) : reply.code(404).send({ error: 'ORDER_NOT_FOUND' });
  });

  admin.get('/__admin/notifications', async () => ({
    faults: notifier.faults,
    held: notifier.heldCount,
    attempts: notifier.attempts,
  }));
  admin.put('/__admin/notifications', async (req, reply) => {
    const parsed = notificationFaultsSchema.partial().safeParse(req.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    notifier.faults = { ...notifier.faults, ...parsed.data };
    return notifier.faults;
  });
  admin.post('/__admin/notifications/release', async (req, reply) => {
    const parsed = releaseSchema.safeParse(req.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    return { released: notifier.release(parsed.data.order) };
  });
  admin.post<{ Params: { eventId: string } }>(
    '/__admin/notifications/:eventId/redeliver',
    async (req, reply) =>
      notifier.redeliver(req.params.eventId)
        ? { redelivered: req.params.eventId }
        : reply.code(404).send({ error: 'EVENT_NOT_FOUND' }),
  );

  admin.get('/__admin/payers', async () => ({ afterMs: p.payers.afterMs, paid: p.payers.paid }));
  admin.put('/__admin/payers', async (req, reply) => {
    const parsed = z
      .object({ afterMs: z.number().int().min(0).max(3_600_000).nullable() })
      .strict()
      .safeParse(req.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    p.payers.afterMs = parsed.data.afterMs;
    return { afterMs: p.payers.afterMs, paid: p.payers.paid };
  });

  admin.get('/__admin/signing', async () => ({ forgeAnswers: p.forgeAnswers }));
  admin.put('/__admin/signing', async (req, reply) => {
    const parsed = z
      .object({ forgeAnswers: z.boolean() })
      .strict()
      .safeParse(req.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    p.forgeAnswers = parsed.data.forgeAnswers;
    return { forgeAnswers: p.forgeAnswers };
  });

  admin.get('/__admin/statement-faults', async () => p.statementFaults);
  admin.put('/__admin/statement-faults', async (req, reply) => {
    const parsed = statementFaultsSchema.safeParse(req.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    p.statementFaults = { ...p.statementFaults, ...parsed.data } as typeof p.statementFaults;
    return p.statementFaults;
  });
  admin.delete('/__admin/statement-faults', async () => {
    p.statementFaults = { ...NO_STATEMENT_FAULTS };
    return p.statementFaults;
  });
}
