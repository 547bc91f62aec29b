import { createHmac } from 'node:crypto';
import type { Logger } from '@onething/runtime';
import { sharedCounterRedis } from '@onething/runtime/redis';
import { subgraphError } from '@onething/subgraph-kit';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** What an applicant's form operations are limited by (FORM_CHECKS_PER_MINUTE, PREFILLS_PER_MINUTE). */
export interface FormLimitOptions {
  readonly checksPerMinute: number;
  readonly prefillsPerMinute: number;
  readonly lifted: boolean;
  readonly redisUrl?: string;
  /** The HMAC key of the counters' keys, the same in every hall process sharing a Redis. */
  readonly secret: Buffer;
  readonly log: Logger;
}

/** The operation counted: a check reads departments' records for cross-checks, a prefill reads them all. */
export type FormOperation = 'checkForm' | 'prefillForm';

/** The limits of an applicant's form operations. */
export interface FormLimits {
  /** Counts one operation of the applicant; throws RATE_LIMITED past the limit. */
  consume(op: FormOperation, idNumber: string): Promise<void>;
  /** Resolves once the shared Redis is connected (at once without one); until then each process counts alone. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** A counter's key for an applicant: an HMAC, so Redis never holds an ID number. */
export function applicantKey(idNumber: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(`applicant:${idNumber}`).digest('base64url').slice(0, 32);
}

/**
 * Limits per applicant of the hall's operations that read the departments for them (`rate-limiter-flexible`,
 * in memory or in the shared Redis): past the limit the operation is refused with `RATE_LIMITED` and
 * `retryAfterSeconds`, before any department is asked.
 */
export function formLimits(options: FormLimitOptions): FormLimits {
  if (options.lifted) return { consume: async () => {}, ready: async () => {}, close: async () => {} };
  const redis = sharedCounterRedis(
    options.redisUrl,
    options.log,
    'form-limit Redis unreachable: counting in this process alone',
  );
  const limiter = (points: number, keyPrefix: string) => {
    const memory = new RateLimiterMemory({ points, duration: 60, keyPrefix });
    return redis
      ? // A Redis that is away: this process counts alone meanwhile, rather than refusing everyone.
        new RateLimiterRedis({
          storeClient: redis,
          points,
          duration: 60,
          keyPrefix,
          insuranceLimiter: memory,
        })
      : memory;
  };
  const limiters = {
    checkForm: limiter(options.checksPerMinute, 'onething-hall-rl:check'),
    prefillForm: limiter(options.prefillsPerMinute, 'onething-hall-rl:prefill'),
  };
  return {
    /** Counts one operation of the applicant; throws RATE_LIMITED past the limit. */
    async consume(op: FormOperation, idNumber: string): Promise<void> {
      try {
        await limiters[op].consume(applicantKey(idNumber, options.secret));
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e;
        const seconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
        const limit = op === 'checkForm' ? options.checksPerMinute : options.prefillsPerMinute;
        throw subgraphError(
          'RATE_LIMITED',
          'hall',
          `too many ${op} calls: the limit is ${limit} a minute for one applicant; try again in ${seconds} s`,
          { retryAfterSeconds: seconds, limit },
        );
      }
    },
    /** Resolves once the shared Redis is connected (at once without one); until then each process counts alone. */
    async ready(): Promise<void> {
      if (!redis || redis.status === 'ready') return;
      await new Promise<void>((resolve) => redis.once('ready', () => resolve()));
    },
    async close() {
      await redis?.quit().catch(() => undefined);
    },
  };
}
