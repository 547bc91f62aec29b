import { Redis } from 'ioredis';
import type { Logger } from './logger';

/**
 * A Redis connection for counters several processes share (rate limits, form limits), or none without a
 * URL. It fails fast: a Redis that is away fails a count at once instead of queueing it, and the caller
 * decides what an uncounted request gets. Said once in the log while Redis is away (`whileDown`), again
 * after it came back and went away once more.
 */
export function sharedCounterRedis(
  url: string | undefined,
  log: Pick<Logger, 'warn'>,
  whileDown: string,
): Redis | undefined {
  if (!url) return undefined;
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  let down = false;
  redis.on('error', (err) => {
    if (!down) log.warn({ err }, whileDown);
    down = true;
  });
  redis.on('ready', () => {
    down = false;
  });
  return redis;
}
