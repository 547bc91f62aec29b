import { z } from 'zod';
import type { Setting } from './config';

/**
 * The settings every service with rate limits or quotas shares: whether they are lifted (test stacks and
 * the bench, which drive thousands of requests from one address and one account), and the Redis that
 * several processes of a service share their counters in.
 */
export const limitSettings = {
  limitsLifted: {
    env: 'LIMITS_LIFTED',
    schema: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default('false')
      .transform((v) => v === 'true'),
    doc: 'Tests and the bench only: `true` lifts the rate limits and quotas (requests per client and per account, token requests, form checks, the upload quota), so a load generator on one address is served.',
    production: {
      refuseIfSet:
        'unset it: without limits one client can slow the service for everyone and fill its disk; raise a single limit (RATE_LIMIT_*, MATERIAL_QUOTA_*) where a real load needs it',
    },
  },
  redisUrl: {
    env: 'REDIS_URL',
    schema: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
    defaultDoc: '(none: counters in this process’s memory)',
    doc: 'Redis shared by every process of the service for the rate-limit counters (keys are HMACs, never raw ID numbers); without it each process counts alone, so N processes allow N times the limit.',
  },
} satisfies Record<string, Setting>;
