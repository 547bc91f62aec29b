import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { reportFaultsSchema } from './reports';
import type { SmsContext } from './routes/context';
import { detailOf } from './routes/query';
import { signNameSchema, TemplateError, templateSchema } from './templates';

function invalid(reply: FastifyReply, problems: readonly string[]) {
  return reply.code(400).send({ error: 'INVALID_ADMIN_REQUEST', problems });
}
const issues = (e: z.ZodError) => e.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);

const limitsBody = z
  .object({
    perMinute: z.number().int().min(1),
    perHour: z.number().int().min(1),
    perDay: z.number().int().min(1),
  })
  .partial()
  .strict();

/**
 * The gateway's own admin routes, beside the kit's (faults, down/up, requests, clock): its registered
 * signatures and templates (as a platform's console registers them), the messages it accepted and how
 * many texts each number got per template, the report callback, report faults and the rate limits.
 */
export function registerSmsAdmin(admin: FastifyInstance, s: SmsContext): void {
  admin.get('/__admin/templates', async () => s.templates.toJSON());
  admin.put<{ Params: { name: string } }>('/__admin/signatures/:name', async (req, reply) => {
    const parsed = signNameSchema.safeParse(req.params.name);
    if (!parsed.success) return invalid(reply, issues(parsed.error));
    s.templates.registerSign(parsed.data);
    return s.templates.toJSON();
  });
  admin.put<{ Params: { code: string } }>('/__admin/templates/:code', async (req, reply) => {
    const parsed = templateSchema.safeParse({ ...(req.body as object), code: req.params.code });
    if (!parsed.success) return invalid(reply, issues(parsed.error));
    try {
      return s.templates.registerTemplate(parsed.data);
    } catch (e) {
      if (e instanceof TemplateError) return invalid(reply, e.problems);
      throw e;
    }
  });

  admin.get<{ Querystring: { phone?: string; template?: string; outId?: string } }>(
    '/__admin/messages',
    async (req) =>
      s.messages.list(req.query).map((m) => ({ ...detailOf(m), PhoneNumber: m.phoneNumber, Text: m.text })),
  );
  admin.get<{ Querystring: { phone?: string; template?: string } }>('/__admin/sent', async (req) => {
    const rows = s.messages.sentCounts(req.query);
    return { total: rows.reduce((n, r) => n + r.sent, 0), rows };
  });

  admin.get('/__admin/reports', async () => ({
    url: s.reports.reportUrl ?? null,
    faults: s.reports.current,
    waiting: s.reports.waiting,
    ...s.reports.stats,
  }));
  admin.put('/__admin/reports', async (req, reply) => {
    const parsed = reportFaultsSchema.partial().safeParse(req.body ?? {});
    if (!parsed.success) return invalid(reply, issues(parsed.error));
    return s.reports.setFaults(parsed.data);
  });
  admin.delete('/__admin/reports', async () => s.reports.clearFaults());
  admin.put('/__admin/report-url', async (req, reply) => {
    const parsed = z
      .object({ url: z.url().nullable() })
      .strict()
      .safeParse(req.body ?? {});
    if (!parsed.success) return invalid(reply, issues(parsed.error));
    s.reports.reportUrl = parsed.data.url ?? undefined;
    return { url: s.reports.reportUrl ?? null };
  });

  admin.get('/__admin/limits', async () => s.limiter.limits);
  admin.put('/__admin/limits', async (req, reply) => {
    const parsed = limitsBody.safeParse(req.body ?? {});
    if (!parsed.success) return invalid(reply, issues(parsed.error));
    s.limiter.limits = { ...s.limiter.limits, ...parsed.data };
    return s.limiter.limits;
  });
}
