import { describe, expect, it } from 'vitest';
import { NonceStore } from './nonces';

describe('nonce store', () => {
  it('refuses a nonce reused by the same app within the window, and forgets it after', () => {
    const store = new NonceStore(600_000);
    expect(store.use('hall', 'abcdefghijklmnop', 0)).toBe(true);
    expect(store.use('hall', 'abcdefghijklmnop', 599_999)).toBe(false);
    expect(store.use('audit', 'abcdefghijklmnop', 1)).toBe(true);
    expect(store.use('hall', 'abcdefghijklmnop', 600_001)).toBe(true);
  });

  it('keeps only the nonces still inside the window', () => {
    const store = new NonceStore(1_000);
    for (let i = 0; i < 100; i++) store.use('hall', `nonce${String(i).padStart(12, '0')}`, i * 100);
    expect(store.size).toBeLessThanOrEqual(11);
  });
});
