/**
 * Nonces seen in the last `ttlMs` per app, so a captured request cannot be replayed. Entries expire in
 * insertion order (every entry lives exactly `ttlMs`), so pruning only ever looks at the oldest ones.
 */
export class NonceStore {
  private readonly seen = new Map<string, number>();

  constructor(private readonly ttlMs: number) {}

  /** Records the nonce; false when the app already used it within the window. */
  use(appId: string, nonce: string, now = Date.now()): boolean {
    for (const [key, expires] of this.seen) {
      if (expires > now) break;
      this.seen.delete(key);
    }
    const key = `${appId}\u0000${nonce}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, now + this.ttlMs);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}
