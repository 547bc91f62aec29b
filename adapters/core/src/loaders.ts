import DataLoader from 'dataloader';

/**
 * Loaders turn the many reads of one GraphQL request into as few department calls as the department's
 * system allows. Create them per request (they cache for the request's lifetime only).
 */

/** Limits how many calls run at once; shared by every request of a process, per department. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError('a semaphore needs a limit of at least 1');
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/**
 * A loader for a system that reads many keys in one call: keys of one tick are split into batches of at
 * most `maxBatchSize`, so N keys cost ⌈N / maxBatchSize⌉ calls. Keys the system does not hold load as `null`.
 */
export function batchLoader<V>(options: {
  readonly maxBatchSize: number;
  /**
   * Reads up to `maxBatchSize` keys; the map holds the records found, and an `Error` for a key that
   * failed on its own (e.g. a malformed key refused before the call) without failing the others.
   */
  readonly load: (keys: readonly string[]) => Promise<ReadonlyMap<string, V | Error>>;
  readonly normalise?: (key: string) => string;
}): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(
    async (keys) => {
      const found = await options.load(keys);
      return keys.map((k) => found.get(k) ?? null);
    },
    { maxBatchSize: options.maxBatchSize, ...(options.normalise ? { cacheKeyFn: options.normalise } : {}) },
  );
}

/**
 * A loader for a system that reads one key per call: the same key asked many times in a request is
 * fetched once, and distinct keys go out at most `semaphore.limit` at a time (shared across requests).
 * A failure of one key fails that key only.
 */
export function singleKeyLoader<V>(options: {
  readonly semaphore: Semaphore;
  readonly load: (key: string) => Promise<V | null>;
  readonly normalise?: (key: string) => string;
}): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(
    (keys) =>
      Promise.all(
        keys.map((k) =>
          options.semaphore
            .run(() => options.load(k))
            .catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))),
        ),
      ),
    { ...(options.normalise ? { cacheKeyFn: options.normalise } : {}) },
  );
}
