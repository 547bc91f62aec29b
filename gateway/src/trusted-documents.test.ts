import { describe, expect, it } from 'vitest';
import { operationTexts, sha256, trustedDocumentsCache } from './trusted-documents';

const TRUSTED = '{ a }';
const documents = { files: [], byHash: new Map([[sha256(TRUSTED), TRUSTED]]) };

describe('the persisted-query cache of trusted documents', () => {
  it('answers a manifest’s operation under Apollo’s key prefix, and registers nothing where that is refused', async () => {
    const cache = trustedDocumentsCache(documents, { registerAtRunTime: false });
    expect(await cache.get(`apq:${sha256(TRUSTED)}`)).toBe(TRUSTED);
    await cache.set(`apq:${sha256('{ b }')}`, '{ b }');
    expect(await cache.get(`apq:${sha256('{ b }')}`)).toBeUndefined();
  });

  it('keeps what clients register at run time up to its size, forgetting the least recently used first', async () => {
    const cache = trustedDocumentsCache(documents, { registerAtRunTime: true, maxChars: 16 });
    const texts = ['{ one }', '{ two }', '{ three }'];
    await cache.set(sha256(texts[0]!), texts[0]!);
    await cache.set(sha256(texts[1]!), texts[1]!);
    // Reading the first makes the second the least recently used: the third's room comes from it.
    expect(await cache.get(sha256(texts[0]!))).toBe(texts[0]);
    await cache.set(sha256(texts[2]!), texts[2]!);
    expect(await cache.get(sha256(texts[1]!))).toBeUndefined();
    expect(await cache.get(sha256(texts[0]!))).toBe(texts[0]);
    expect(await cache.get(sha256(texts[2]!))).toBe(texts[2]);
    // A text larger than the whole cache is not kept, and a manifest's text is never replaced.
    await cache.set(sha256('{ a_very_long_one }'), '{ a_very_long_one }');
    expect(await cache.get(sha256('{ a_very_long_one }'))).toBeUndefined();
    await cache.set(sha256(TRUSTED), '{ other }');
    expect(await cache.get(sha256(TRUSTED))).toBe(TRUSTED);
  });
});

describe('the operation texts of a request', () => {
  it('reads a POST body, a batch and a GET query string, and none of a request by hash alone', () => {
    expect(operationTexts({ method: 'POST', body: { query: '{ a }' } })).toEqual(['{ a }']);
    expect(operationTexts({ method: 'POST', body: [{ query: '{ a }' }, { extensions: {} }, null] })).toEqual([
      '{ a }',
    ]);
    expect(operationTexts({ method: 'GET', query: { query: '{ b }' } })).toEqual(['{ b }']);
    expect(operationTexts({ method: 'POST', body: { extensions: { persistedQuery: {} } } })).toEqual([]);
    expect(operationTexts({ method: 'POST', body: 'not json' })).toEqual([]);
  });
});
