import type { Logger } from '@onething/runtime';
import type { FastifyError, FastifyInstance } from 'fastify';
import { MarketError } from './errors';
import { marketProtocol } from './protocol';

/** Fastify's own refusals (bad JSON, body too large…) in the market system's error envelope. */
function fromFastify(err: FastifyError): MarketError {
  if (err.statusCode === 413) return new MarketError('PAYLOAD_TOO_LARGE', '请求体过大');
  if (err.statusCode === 415) return new MarketError('UNSUPPORTED_MEDIA_TYPE', '请求体应为 application/json');
  return new MarketError('VALIDATION_FAILED', '请求无法解析', [
    { field: '(body)', rule: 'format', reason: err.message },
  ]);
}

/**
 * Every answer that is not a success is `{"error":{"code","message","details"?}}` with its HTTP status:
 * refusals thrown by routes and hooks, Fastify's own refusals, and failures (500 INTERNAL_ERROR, logged).
 */
export function registerErrorHandler(app: FastifyInstance, log: Logger): void {
  app.setErrorHandler((err: FastifyError | MarketError, req, reply) => {
    const status = err instanceof MarketError ? err.status : (err.statusCode ?? 500);
    if (!(err instanceof MarketError) && status >= 500) {
      log.error({ err, op: req.logged?.op }, 'market stand-in failed');
      const e = marketProtocol.serverError(req.logged?.op ?? '');
      return reply.code(e.status).type(marketProtocol.contentType).send(e.body);
    }
    const refusal = err instanceof MarketError ? err : fromFastify(err);
    if (refusal.code === 'RATE_LIMITED') reply.header('retry-after', '1');
    return reply.code(refusal.status).type(marketProtocol.contentType).send(refusal.toJSON());
  });
}
