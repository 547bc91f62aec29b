import { createHmac } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { Logger } from '@onething/runtime';
import { sendError } from '@onething/runtime/http';
import type { Identity } from '@onething/runtime/identity';
import { sharedCounterRedis } from '@onething/runtime/redis';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Counter } from 'prom-client';

/** Requests a minute each kind of caller is allowed (RATE_LIMIT_* settings). */
export interface RateLimits {
  /** Per client address, for callers without a token. */
  readonly anonymous: number;
  /** Per account (applicant or staff), whatever address it comes from. */
  readonly account: number;
  /** Per service client (the hall dispatching for every applicant). */
  readonly service: number;
  /** Material uploads per account. */
  readonly uploads: number;
}

/** Who a request is counted against: the counter's key and its limit a minute. */
export interface LimitKey {
  readonly key: string;
  readonly max: number;
  readonly kind: 'anonymous' | 'account' | 'service';
}

/**
 * The counter a request is charged to. A caller with a verified token is counted by its account (its
 * subject), so changing address does not buy more, and many applicants behind one office's address do not
 * share one allowance; a caller without one by its address. Keys are HMACs under `secret`: Redis never
 * holds an ID number or an address.
 */
export function limitKey(identity: Identity, address: string, limits: RateLimits, secret: Buffer): LimitKey {
  const hash = (text: string) => createHmac('sha256', secret).update(text).digest('base64url').slice(0, 32);
  if (identity.role === 'anonymous')
    return { key: `a:${hash(`address:${address}`)}`, max: limits.anonymous, kind: 'anonymous' };
  if (identity.role === 'service')
    return { key: `s:${hash(`service:${identity.subject}`)}`, max: limits.service, kind: 'service' };
  return {
    key: `u:${hash(`${identity.role}:${identity.subject}`)}`,
    max: limits.account,
    kind: 'account',
  };
}

/** What the gateway's rate limits need. */
export interface RateLimitOptions {
  readonly limits: RateLimits;
  /** Whether limits are lifted (LIMITS_LIFTED: tests and the bench). */
  readonly lifted: boolean;
  /** Redis shared by the gateway's processes (REDIS_URL); counters in memory without it. */
  readonly redisUrl?: string;
  /** The HMAC key of the counters' keys, the same in every process sharing a Redis. */
  readonly secret: () => Buffer;
  /** Counts refusals by kind of caller and route. */
  readonly refused: Counter<'kind' | 'route'>;
  readonly log: Logger;
}

/** Checks a request against its counter; answers 429 itself when it is over. */
export type RateCheck = (
  req: FastifyRequest,
  reply: FastifyReply,
  identity: Identity,
  route: 'graphql' | 'upload',
) => Promise<boolean>;

const MINUTE = 60_000;

/**
 * Rate limits per caller (`@fastify/rate-limit`, with Redis as the shared store when REDIS_URL is set):
 * the routes call the returned check once they know who is asking. A refusal is 429 with `Retry-After`
 * and one GraphQL-shaped error `RATE_LIMITED` saying when to try again.
 */
export function registerRateLimits(
  app: FastifyInstance,
  options: RateLimitOptions,
): { check: RateCheck; close: () => Promise<void> } {
  if (options.lifted) return { check: async () => true, close: async () => {} };
  // A Redis that is away fails a count at once (and the request is served) instead of queueing it.
  const redis = sharedCounterRedis(
    options.redisUrl,
    options.log,
    'rate-limit Redis unreachable: requests are served uncounted',
  );
  app.register(rateLimit, {
    global: false,
    redis,
    nameSpace: 'onething-gateway-rl:',
    // Counting must not take the service down with Redis: an uncounted request is served.
    skipOnError: true,
  });
  const keyOf = (req: FastifyRequest) => (req as FastifyRequest & { limitKey: LimitKey }).limitKey;
  // Made on first use: the plugin's `createRateLimit` exists once the app is ready.
  let limiters: Record<'graphql' | 'upload', ReturnType<FastifyInstance['createRateLimit']>> | undefined;
  const limiter = (route: 'graphql' | 'upload') => {
    limiters ??= {
      graphql: app.createRateLimit({
        keyGenerator: (req) => keyOf(req).key,
        max: (req) => keyOf(req).max,
        timeWindow: MINUTE,
      }),
      upload: app.createRateLimit({
        keyGenerator: (req) => `m:${keyOf(req).key}`,
        max: options.limits.uploads,
        timeWindow: MINUTE,
      }),
    };
    return limiters[route];
  };
  const check: RateCheck = async (req, reply, identity, route) => {
    const key = limitKey(identity, req.ip, options.limits, options.secret());
    (req as FastifyRequest & { limitKey: LimitKey }).limitKey = key;
    const result = await limiter(route)(req);
    if (result.isAllowed || !result.isExceeded) return true;
    options.refused.inc({ kind: key.kind, route });
    const seconds = Math.max(1, result.ttlInSeconds);
    const what =
      route === 'upload'
        ? `${result.max} uploads a minute`
        : key.kind === 'anonymous'
          ? `${result.max} requests a minute from one address without signing in`
          : `${result.max} requests a minute for one account`;
    sendError(
      reply.header('retry-after', String(seconds)),
      'RATE_LIMITED',
      `too many requests: the limit is ${what}; try again in ${seconds} s`,
      { retryAfterSeconds: seconds, limit: result.max },
    );
    return false;
  };
  return { check, close: async () => void (await redis?.quit().catch(() => undefined)) };
}
