import { describe, expect, it } from 'vitest';
import { canonicalJson, IdempotencyStore } from './idempotency';

describe('idempotency keys', () => {
  it('treats the same request in another key order as the same request', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: 'z' } })).toBe(
      canonicalJson({ a: { c: 'z', d: [2, { x: 0, y: 1 }] }, b: 1 }),
    );
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });

  it('replays the first answer for the same request and refuses another request under the key', () => {
    const store = new IdempotencyStore();
    expect(store.lookup('k-00000001', 'f1')).toBeUndefined();
    store.remember('k-00000001', { fingerprint: 'f1', status: 201, body: { applicationNo: 'A' } });
    expect(store.lookup('k-00000001', 'f1')).toEqual({
      replay: { fingerprint: 'f1', status: 201, body: { applicationNo: 'A' } },
    });
    expect(store.lookup('k-00000001', 'f2')).toBe('conflict');
  });
});
