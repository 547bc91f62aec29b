import type { GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { batchedRead, RequestBatches } from './request-batches';

const op = (operation: 'query' | 'mutation') => ({ operation: { operation } }) as GraphQLResolveInfo;

/** A store of documents by application, counting its statements and the keys each read. */
function store() {
  const reads: string[][] = [];
  let failNext = false;
  const readMany = async (keys: readonly string[]) => {
    reads.push([...keys]);
    if (failNext) {
      failNext = false;
      throw new Error('store restarting');
    }
    return new Map(keys.filter((k) => k !== 'none').map((k) => [k, [`${k}-doc`]]));
  };
  return { reads, readMany, failOnce: () => (failNext = true) };
}

describe('the batched reads of one request', () => {
  it('reads the documents of fifty applications in a list with one statement, each once', async () => {
    const s = store();
    const batches = new RequestBatches();
    const ids = Array.from({ length: 50 }, (_, i) => `a${i}`);
    // As graphql-js resolves a list's rows: every row's field asks before any answer comes.
    const answers = await Promise.all(
      [...ids, 'a1', 'none'].map((id) => batchedRead(batches, op('query'), 'documents', s.readMany, [])(id)),
    );
    expect(s.reads).toHaveLength(1);
    expect(s.reads[0]).toHaveLength(51);
    expect(answers[0]).toEqual(['a0-doc']);
    expect(answers.at(-1)).toEqual([]);
    // Asked again later in the same request: kept.
    await batchedRead(batches, op('query'), 'documents', s.readMany, [])('a7');
    expect(s.reads).toHaveLength(1);
  });

  it('does not keep a failed read, and reads afresh in a mutation', async () => {
    const s = store();
    const batches = new RequestBatches();
    const read = () => batchedRead(batches, op('query'), 'documents', s.readMany, [])('a1');
    s.failOnce();
    await expect(read()).rejects.toThrow('restarting');
    expect(await read()).toEqual(['a1-doc']);
    expect(s.reads).toHaveLength(2);
    await batchedRead(batches, op('mutation'), 'documents', s.readMany, [])('a1');
    await batchedRead(batches, op('mutation'), 'documents', s.readMany, [])('a1');
    expect(s.reads).toHaveLength(4);
  });

  it('keeps reads of different names apart', async () => {
    const s = store();
    const batches = new RequestBatches();
    await Promise.all([
      batchedRead(batches, op('query'), 'documents', s.readMany, [])('a1'),
      batchedRead(batches, op('query'), 'ratings', s.readMany, [])('a1'),
    ]);
    expect(s.reads).toEqual([['a1'], ['a1']]);
  });
});
