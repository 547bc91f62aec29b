/** The answer given the first time a key was used, to give again when the same request comes back. */
export interface RememberedAnswer {
  readonly fingerprint: string;
  readonly status: number;
  readonly body: unknown;
}

/** JSON with object keys sorted, so the same request written in another key order is the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The system's idempotency keys: one per accepted write (application or supplement), system-wide. The
 * same key with the same request gets the first answer again; with another request it is refused.
 * Refused requests bind nothing, so a corrected request may reuse its key.
 */
export class IdempotencyStore {
  private readonly answers = new Map<string, RememberedAnswer>();

  /** What a key answered before: `replay` for the same request, `conflict` for another one. */
  lookup(key: string, fingerprint: string): { replay: RememberedAnswer } | 'conflict' | undefined {
    const seen = this.answers.get(key);
    if (!seen) return undefined;
    return seen.fingerprint === fingerprint ? { replay: seen } : 'conflict';
  }

  remember(key: string, answer: RememberedAnswer): void {
    this.answers.set(key, answer);
  }
}
