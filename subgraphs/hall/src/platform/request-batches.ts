import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';

/** Reads many keys at once: a map from each key found to its value (keys not found are left out). */
export type ReadMany<T> = (keys: readonly string[]) => Promise<ReadonlyMap<string, T>>;

/**
 * The batched reads of one request: every key a level of a query asks for — the documents of each of
 * fifty applications in a list, say — is read with one statement once that level has asked (DataLoader's
 * scheduling), and each key once per request. A failed read is not kept: the next field asks again.
 */
export class RequestBatches {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  /** The request's loader named `name`, made at first use; `absent` answers a key `readMany` did not find. */
  of<T>(name: string, readMany: ReadMany<T>, absent: T): (key: string) => Promise<T> {
    let loader = this.loaders.get(name) as DataLoader<string, T> | undefined;
    if (!loader) {
      loader = new DataLoader<string, T>(async (keys) => {
        const found = await readMany(keys);
        return keys.map((k) => (found.has(k) ? found.get(k)! : absent));
      });
      this.loaders.set(name, loader as DataLoader<string, unknown>);
    }
    const l = loader;
    return (key) =>
      l.load(key).catch((e: unknown) => {
        l.clear(key);
        throw e;
      });
  }
}

/**
 * A read by key for a resolver: batched with the request's other reads of the same name in a query; in a
 * mutation (or without the request's batches) read afresh, alone — what the mutation changed must show.
 */
export function batchedRead<T>(
  batches: RequestBatches | undefined,
  info: GraphQLResolveInfo | undefined,
  name: string,
  readMany: ReadMany<T>,
  absent: T,
): (key: string) => Promise<T> {
  if (batches && info?.operation.operation === 'query') return batches.of(name, readMany, absent);
  return async (key) => {
    const found = await readMany([key]);
    return found.has(key) ? found.get(key)! : absent;
  };
}
