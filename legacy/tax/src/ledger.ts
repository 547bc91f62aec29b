import { createHash } from 'node:crypto';

/** Canonical JSON (object keys sorted at every level), so the same body sent twice compares equal. */
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

interface Entry {
  readonly fingerprint: string;
  readonly answer: unknown;
}

/**
 * What the tax system remembers of each `X-Request-Id` that made or changed a case: the request's
 * fingerprint and the answer given. The same id with the same request gets the same answer again; with
 * a different one it is refused (3005). Refused requests are not remembered, so they can be fixed and
 * sent again under the same id.
 */
export class RequestLedger {
  private readonly entries = new Map<string, Entry>();

  /** The fingerprint of a request: what it does (operation and target) and its body. */
  static fingerprint(what: string, body: unknown): string {
    return createHash('sha256').update(what).update('\n').update(canonicalJson(body)).digest('hex');
  }

  /** `undefined` when the id is new; the earlier answer when it is the same request; `conflict` otherwise. */
  replay(requestId: string, fingerprint: string): { answer: unknown } | 'conflict' | undefined {
    const entry = this.entries.get(requestId);
    if (!entry) return undefined;
    return entry.fingerprint === fingerprint ? { answer: entry.answer } : 'conflict';
  }

  remember(requestId: string, fingerprint: string, answer: unknown): void {
    this.entries.set(requestId, { fingerprint, answer });
  }
}
