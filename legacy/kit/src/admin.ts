import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { CaseError } from './cases';
import { faultSettingsSchema } from './faults';
import type { StandIn } from './server';

const clockBody = z
  .object({
    advanceMs: z.number().int().min(0).optional(),
    advanceHours: z.number().min(0).optional(),
    advanceDays: z.number().min(0).optional(),
    speed: z.number().min(0).optional(),
  })
  .strict();

const decisionBody = z
  .object({
    outcome: z.enum(['approved', 'rejected', 'correction_requested']),
    reason: z.string().optional(),
    correctionFields: z.array(z.string()).optional(),
    result: z.record(z.string(), z.string()).optional(),
  })
  .strict();

const decisionsBody = z.object({ onTheSpot: z.boolean() }).strict();

const documentsBody = z.object({ forgeSignatures: z.boolean() }).strict();

function invalid(reply: FastifyReply, error: z.ZodError) {
  return reply.code(400).send({
    error: 'INVALID_ADMIN_REQUEST',
    problems: error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`),
  });
}

/**
 * The admin endpoint of a stand-in, on its own port so it answers while the system is down. JSON in and
 * out; the same for every department, so one client (and the adapter contract kit) drives them all.
 */
export function registerAdmin(admin: FastifyInstance, standIn: StandIn, resetOwn?: () => void): void {
  const { ctx } = standIn;
  const caseJson = (caseNumber: string) => {
    const record = ctx.cases.get(caseNumber);
    return record ? ctx.cases.view(record) : undefined;
  };

  admin.get('/__admin/status', async () => ({
    department: standIn.department,
    url: standIn.url,
    down: standIn.isDown,
    faults: ctx.faults.current,
    clock: ctx.clock.toJSON(),
    requests: ctx.requests.snapshot(),
    cases: ctx.cases.size,
  }));

  admin.get('/__admin/faults', async () => ctx.faults.current);
  admin.put('/__admin/faults', async (req, reply) => {
    const parsed = faultSettingsSchema.partial().safeParse(req.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    return ctx.faults.set(parsed.data);
  });
  admin.delete('/__admin/faults', async () => {
    ctx.faults.clear();
    return ctx.faults.current;
  });

  admin.post('/__admin/down', async () => {
    await standIn.down();
    return { down: true };
  });
  admin.post('/__admin/up', async () => {
    await standIn.up();
    return { down: false };
  });

  admin.get('/__admin/requests', async () => ctx.requests.snapshot());
  admin.get<{ Querystring: { since?: string; limit?: string } }>('/__admin/requests/log', async (req) =>
    ctx.requests.since(Number(req.query.since ?? 0), Number(req.query.limit ?? 10_000)),
  );
  admin.post('/__admin/requests/reset', async () => {
    ctx.requests.reset();
    return ctx.requests.snapshot();
  });

  admin.get('/__admin/clock', async () => ctx.clock.toJSON());
  admin.post('/__admin/clock', async (req, reply) => {
    const parsed = clockBody.safeParse(req.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    const { advanceMs = 0, advanceHours = 0, advanceDays = 0, speed } = parsed.data;
    ctx.clock.advance(advanceMs + advanceHours * 3_600_000 + advanceDays * 86_400_000);
    if (speed !== undefined) ctx.clock.setSpeed(speed);
    ctx.cases.settle();
    return ctx.clock.toJSON();
  });

  admin.get('/__admin/decisions', async () => ({ onTheSpot: ctx.cases.decidesOnTheSpot }));
  admin.put('/__admin/decisions', async (req, reply) => {
    const parsed = decisionsBody.safeParse(req.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    ctx.cases.decidesOnTheSpot = parsed.data.onTheSpot;
    return { onTheSpot: ctx.cases.decidesOnTheSpot };
  });

  // Signing issued documents with a key that is not the department's: an adapter must refuse them.
  admin.get('/__admin/documents', async () => ({ forgeSignatures: ctx.documents.forgeSignatures }));
  admin.put('/__admin/documents', async (req, reply) => {
    const parsed = documentsBody.safeParse(req.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    ctx.documents.forgeSignatures = parsed.data.forgeSignatures;
    return { forgeSignatures: ctx.documents.forgeSignatures };
  });

  admin.get<{ Querystring: { ref?: string; applicant?: string; item?: string } }>(
    '/__admin/cases',
    async (req) => {
      const { ref, applicant, item } = req.query;
      const records = ref
        ? ctx.cases.findByRef(ref)
        : ctx.cases.list({
            ...(applicant ? { applicantId: applicant } : {}),
            ...(item ? { itemCode: item } : {}),
          });
      return records.map((r) => ctx.cases.view(r));
    },
  );
  admin.get<{ Params: { caseNumber: string } }>('/__admin/cases/:caseNumber', async (req, reply) => {
    const view = caseJson(req.params.caseNumber);
    return view ?? reply.code(404).send({ error: 'CASE_NOT_FOUND', caseNumber: req.params.caseNumber });
  });
  admin.post<{ Params: { caseNumber: string } }>(
    '/__admin/cases/:caseNumber/decision',
    async (req, reply) => {
      const parsed = decisionBody.safeParse(req.body ?? {});
      if (!parsed.success) return invalid(reply, parsed.error);
      try {
        ctx.cases.force(req.params.caseNumber, parsed.data);
      } catch (e) {
        if (e instanceof CaseError) return reply.code(404).send({ error: e.code, message: e.message });
        throw e;
      }
      return caseJson(req.params.caseNumber);
    },
  );

  admin.post('/__admin/reset', async () => {
    ctx.faults.clear();
    ctx.requests.reset();
    ctx.cases.decidesOnTheSpot = false;
    ctx.documents.forgeSignatures = false;
    resetOwn?.();
    if (standIn.isDown) await standIn.up();
    return { reset: true };
  });
}
