import type DataLoader from 'dataloader';

/**
 * Checks each key as it is asked for, before it joins a batch: a malformed key fails alone (INVALID_INPUT,
 * never sent) instead of failing the batch it would have joined, and good keys are cached normalised.
 */
export function checkingKeys<V>(
  loader: DataLoader<string, V>,
  check: (key: string) => string,
): DataLoader<string, V> {
  const load = loader.load.bind(loader);
  loader.load = (key: string) => {
    let normalised: string;
    try {
      normalised = check(key);
    } catch (e) {
      return Promise.reject(e);
    }
    return load(normalised);
  };
  return loader;
}

/** Splits keys into chunks of at most `size`, for the system's batch limit. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
