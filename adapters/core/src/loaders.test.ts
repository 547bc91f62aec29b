import { describe, expect, it } from 'vitest';
import { batchLoader, Semaphore, singleKeyLoader } from './loaders';

describe('loaders', () => {
  it('splits N keys into ⌈N/limit⌉ batches and answers null for missing keys', async () => {
    const calls: number[] = [];
    const loader = batchLoader<string>({
      maxBatchSize: 50,
      load: async (keys) => {
        calls.push(keys.length);
        return new Map(keys.filter((k) => k !== 'k7').map((k) => [k, `v${k}`]));
      },
    });
    const keys = Array.from({ length: 120 }, (_, i) => `k${i}`);
    const values = await loader.loadMany(keys);
    expect(calls).toEqual([50, 50, 20]);
    expect(values[7]).toBeNull();
    expect(values[8]).toBe('vk8');
  });

  it('coalesces repeated keys and keeps concurrency under the semaphore', async () => {
    let active = 0;
    let peak = 0;
    const fetched: string[] = [];
    const semaphore = new Semaphore(3);
    const loader = singleKeyLoader<string>({
      semaphore,
      load: async (k) => {
        fetched.push(k);
        peak = Math.max(peak, ++active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        if (k === 'bad') throw new Error('boom');
        return k.toUpperCase();
      },
    });
    const keys = ['a', 'b', 'a', 'c', 'd', 'e', 'f', 'a', 'bad'];
    const values = await loader.loadMany(keys);
    expect(fetched.sort()).toEqual(['a', 'b', 'bad', 'c', 'd', 'e', 'f']);
    expect(peak).toBe(3);
    expect(values.slice(0, 3)).toEqual(['A', 'B', 'A']);
    expect(values[8]).toBeInstanceOf(Error);
  });
});
