import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MarketError } from './errors';
import { RateLimiter } from './rate-limit';

/** The caller, as the market system identifies callers: the `X-Client-Id` header. */
export function clientIdOf(req: FastifyRequest): string | undefined {
  const v = req.headers['x-client-id'];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Who may call and how often: an unknown or missing client id is refused with 401, a client over its
 * token bucket with 429 and `Retry-After: 1`. Registered after the kit's hooks, so refused requests are
 * still counted per operation (they are requests the system received).
 */
export function registerGuard(
  app: FastifyInstance,
  options: { clients: readonly string[]; ratePerSecond: number; burst: number },
): void {
  const clients = new Set(options.clients);
  const limiter = new RateLimiter(options.ratePerSecond, options.burst);
  app.addHook('preHandler', async (req: FastifyRequest) => {
    const client = clientIdOf(req);
    if (!client || !clients.has(client)) {
      throw new MarketError('UNAUTHORIZED', client ? `未登记的调用方：${client}` : '缺少请求头 X-Client-Id');
    }
    if (!limiter.take(client)) throw new MarketError('RATE_LIMITED', '请求过于频繁，请1秒后重试');
  });
}
