import type { FastifyError, FastifyInstance } from 'fastify';
import { refuse } from './envelope';
import type { GeneralRate } from './fees/deed-tax-rates';
import { taxProtocol } from './protocol';
import { caseRoutes } from './routes/cases';
import { correctionRoutes } from './routes/corrections';
import { deedTaxRoutes } from './routes/deed-tax';
import type { TaxDeps } from './routes/deps';
import { documentRoutes } from './routes/documents';
import { feeAssessmentRoutes } from './routes/fee-assessments';
import { itemRoutes } from './routes/items';
import { taxpayerRoutes } from './routes/taxpayers';
import type { ApiKeys } from './settings';

/** The API key of a request, if it is one the system knows; the key's name identifies the caller. */
export function callerOf(apiKeys: ApiKeys, header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' ? apiKeys.get(header) : undefined;
}

/**
 * The tax system's API under `/api/v1`: every answer in the envelope, including the refusals of requests
 * that could not be read (400/413/415 with 1001), unknown paths (404/4040) and missing keys (401/4010).
 */
export async function registerTaxApi(
  app: FastifyInstance,
  deps: TaxDeps,
  apiKeys: ApiKeys,
  generalRate: GeneralRate,
): Promise<void> {
  await app.register(
    async (api) => {
      api.setErrorHandler((err: FastifyError, req, reply) => {
        const status = err.statusCode ?? 500;
        if (status >= 500) {
          deps.ctx.log.error({ err, op: req.logged?.op }, 'tax stand-in failed');
          const e = taxProtocol.serverError(req.logged?.op ?? '');
          return reply.code(e.status).type(taxProtocol.contentType).send(e.body);
        }
        // Unreadable JSON, a body over the limit, a content type other than JSON.
        return refuse(req, reply, '1001', {
          status,
          msg: `参数错误：请求无法解析（${err.code ?? status}）`,
          errors: [{ field: '(body)', reason: err.message }],
        });
      });
      api.setNotFoundHandler((req, reply) => refuse(req, reply, '4040', { status: 404 }));
      // After the kit's own preHandler, so refused callers are counted and logged like any request.
      api.addHook('preHandler', async (req, reply) => {
        if (!callerOf(apiKeys, req.headers['x-api-key'])) return refuse(req, reply, '4010', { status: 401 });
      });
      taxpayerRoutes(api, deps);
      deedTaxRoutes(api, deps);
      feeAssessmentRoutes(api, deps, generalRate);
      itemRoutes(api, deps);
      caseRoutes(api, deps);
      correctionRoutes(api, deps);
      documentRoutes(api, deps);
    },
    { prefix: '/api/v1' },
  );
}
