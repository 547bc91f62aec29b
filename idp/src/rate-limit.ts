import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { OAuthError } from './errors';

/**
 * Token requests are limited per client address (`@fastify/rate-limit`, in memory: this provider is a
 * development tool and runs as one process): past `perMinute`, 429 `slow_down` with Retry-After. Without
 * it anyone could try client secrets or mint tokens as fast as the machine allows.
 */
export function limitTokenRequests(app: FastifyInstance, perMinute: number): void {
  app.register(rateLimit, { global: false });
  // Made on first use: the plugin's `createRateLimit` exists once the app is ready.
  let limiter: ReturnType<FastifyInstance['createRateLimit']> | undefined;
  app.addHook('onRequest', async (req, reply) => {
    // POST /token is the OpenID provider's (a catch-all route), GET /token the persona convenience.
    if (req.url.split('?')[0] !== '/token') return;
    limiter ??= app.createRateLimit({ max: perMinute, timeWindow: 60_000 });
    const result = await limiter(req);
    if (result.isAllowed || !result.isExceeded) return;
    const seconds = Math.max(1, result.ttlInSeconds);
    reply.header('retry-after', String(seconds));
    throw new OAuthError(
      'slow_down',
      `more than ${perMinute} token requests a minute from this address (TOKEN_REQUESTS_PER_MINUTE); ask again in ${seconds} s, and reuse a token until it expires`,
      { 'retry-after': String(seconds) },
    );
  });
}
