import type { GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { applicationReads, readsFor } from './reads';
import type { Applications } from './store';

/** A store counting its reads. */
function countingStore() {
  const counts = { get: 0, parts: 0, partsBatches: [] as number[] };
  const apps = {
    get: async (id: string) => {
      counts.get++;
      return id === 'missing' ? undefined : ({ id } as never);
    },
    parts: async () => {
      counts.parts++;
      return [];
    },
    partsOf: async (ids: readonly string[]) => {
      counts.parts++;
      counts.partsBatches.push(ids.length);
      if (counts.parts === 1) throw new Error('store restarting');
      return new Map(ids.map((id) => [id, []]));
    },
  } as unknown as Applications;
  return { apps, counts };
}
const op = (operation: 'query' | 'mutation') => ({ operation: { operation } }) as GraphQLResolveInfo;

describe('the reads of applications a request shares (aliases no longer multiply them)', () => {
  it('reads each application once in a query, however many aliases ask', async () => {
    const { apps, counts } = countingStore();
    const shared = applicationReads(apps);
    const reads = readsFor(shared, apps, op('query'));
    await Promise.all(Array.from({ length: 30 }, () => reads.application('a1')));
    expect(counts.get).toBe(1);
  });

  it('reads the parts of every application of a list in one statement', async () => {
    const { apps, counts } = countingStore();
    const reads = readsFor(applicationReads(apps), apps, op('query'));
    await reads.parts('warm').catch(() => {}); // the store's first read fails
    await Promise.all(Array.from({ length: 40 }, (_, i) => reads.parts(`a${i}`)));
    expect(counts.partsBatches).toEqual([1, 40]);
  });

  it('does not keep a failed read, and reads afresh in a mutation', async () => {
    const { apps, counts } = countingStore();
    const shared = applicationReads(apps);
    await expect(readsFor(shared, apps, op('query')).parts('a1')).rejects.toThrow('restarting');
    await readsFor(shared, apps, op('query')).parts('a1');
    await readsFor(shared, apps, op('query')).parts('a1');
    expect(counts.parts).toBe(2);
    await readsFor(shared, apps, op('mutation')).parts('a1');
    await readsFor(shared, apps, op('mutation')).parts('a1');
    expect(counts.parts).toBe(4);
  });
});
