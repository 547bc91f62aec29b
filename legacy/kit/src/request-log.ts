/** One request a stand-in received: what it was, which records it read, and who asked. */
export interface LoggedRequest {
  readonly seq: number;
  readonly at: string;
  readonly op: string;
  /** Keys of the records read or written (ID numbers, codes, case numbers). */
  keys: string[];
  /** Who called, as the system identifies callers (API key name, app id…), once the body is read. */
  caller: string | undefined;
  /** How it ended: `ok`, `refused` (bad request), `fault` (injected), `error`. */
  outcome: 'ok' | 'refused' | 'fault' | 'error' | 'pending';
}

/**
 * Counts every request per operation and keeps the most recent ones, so tests can assert how many calls
 * a query cost the department and which records it read (the audit comparison of the reliability suite).
 */
export class RequestLog {
  private seq = 0;
  private readonly entries: LoggedRequest[] = [];
  private readonly counts = new Map<string, number>();
  private httpTotal = 0;

  constructor(private readonly capacity = 100_000) {}

  /** Counts one HTTP request, whatever becomes of it. */
  countHttp(): void {
    this.httpTotal++;
  }

  start(op: string, caller: string | undefined): LoggedRequest {
    this.counts.set(op, (this.counts.get(op) ?? 0) + 1);
    const entry: LoggedRequest = {
      seq: ++this.seq,
      at: new Date().toISOString(),
      op,
      keys: [],
      caller,
      outcome: 'pending',
    };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    return entry;
  }

  /** Requests per operation, plus `http` for every request received. */
  snapshot(): { http: number; byOp: Record<string, number> } {
    return { http: this.httpTotal, byOp: Object.fromEntries(this.counts) };
  }

  since(seq: number, limit = 10_000): LoggedRequest[] {
    return this.entries.filter((e) => e.seq > seq).slice(0, limit);
  }

  get lastSeq(): number {
    return this.seq;
  }

  reset(): void {
    this.entries.length = 0;
    this.counts.clear();
    this.httpTotal = 0;
  }
}
