import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { WaybillRefusal } from './book';
import { pushFaultsSchema } from './pusher';
import type { CourierServices } from './routes/services';
import { waybillToWire } from './wire';

const eventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pick_up') }).strict(),
  z.object({ type: z.literal('depart') }).strict(),
  z.object({ type: z.literal('dispatch') }).strict(),
  z.object({ type: z.literal('deliver'), signer: z.string().trim().min(1) }).strict(),
  z.object({ type: z.literal('fail'), reason: z.string().trim().min(1) }).strict(),
  z.object({ type: z.literal('return') }).strict(),
  z.object({ type: z.literal('cancel'), reason: z.string().trim().min(1) }).strict(),
]);
const releaseSchema = z.object({ order: z.enum(['fifo', 'reverse']).default('fifo') }).strict();

function invalid(reply: FastifyReply, error: z.ZodError) {
  return reply.code(400).send({
    error: 'INVALID_ADMIN_REQUEST',
    problems: error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`),
  });
}

/**
 * The platform's own admin endpoints, beside the kit's (PROTOCOL.md §8): its waybills, events forced on
 * them (a failed delivery, another signer, a return), and the faults and deliveries of its pushes.
 */
export function registerCourierAdmin(admin: FastifyInstance, s: CourierServices): void {
  const { book, pusher } = s;

  admin.get<{ Querystring: { ref?: string } }>('/__admin/waybills', async (req) =>
    (req.query.ref ? book.withOrderNumber(req.query.ref) : []).map(waybillToWire),
  );
  admin.get<{ Params: { no: string } }>('/__admin/waybills/:no', async (req, reply) => {
    const w = book.get(req.params.no);
    return w ? waybillToWire(w) : reply.code(404).send({ error: 'WAYBILL_NOT_FOUND' });
  });
  admin.post<{ Params: { no: string } }>('/__admin/waybills/:no/events', async (req, reply) => {
    const parsed = eventSchema.safeParse(req.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    const w = book.get(req.params.no);
    if (!w) return reply.code(404).send({ error: 'WAYBILL_NOT_FOUND' });
    try {
      book.apply(w, parsed.data);
    } catch (e) {
      if (e instanceof WaybillRefusal)
        return reply.code(409).send({ error: 'TRANSITION_REFUSED', reason: e.message });
      throw e;
    }
    return waybillToWire(w);
  });

  admin.get('/__admin/pushes', async () => ({
    faults: pusher.faults,
    held: pusher.heldCount,
    attempts: pusher.attempts,
  }));
  admin.put('/__admin/pushes', async (req, reply) => {
    const parsed = pushFaultsSchema.partial().safeParse(req.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    pusher.faults = { ...pusher.faults, ...parsed.data };
    return pusher.faults;
  });
  admin.post('/__admin/pushes/release', async (req, reply) => {
    const parsed = releaseSchema.safeParse(req.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    return { released: pusher.release(parsed.data.order) };
  });
}
