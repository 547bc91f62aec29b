import { randomBytes } from 'node:crypto';
import type { Logger } from '@onething/runtime';
import { z } from 'zod';
import type { CourierApps } from './auth';
import type { TraceEvent, Waybill, WaybillBook } from './book';
import { digestOf } from './digest';
import { wireTime } from './time';
import { traceToWire } from './wire';

/** The headers of a signed push (PROTOCOL.md §6). */
export const PUSH_HEADERS = {
  appKey: 'x-ems-app-key',
  timestamp: 'x-ems-timestamp',
  nonce: 'x-ems-nonce',
  digest: 'x-ems-digest',
} as const;

/** How pushes misbehave, set through the admin port (PROTOCOL.md §8). */
export const pushFaultsSchema = z
  .object({
    /** Each push's first delivery waits this long (real ms): it arrives late. */
    delayMs: z.number().int().min(0).max(600_000),
    /** Each push, once acknowledged, is delivered once more (a duplicate, with a fresh nonce). */
    duplicate: z.boolean(),
    /** Pushes are held until `POST /__admin/pushes/release`, which can send them in reverse (out of order). */
    hold: z.boolean(),
    /** The next N pushes are lost: never delivered, never retried. */
    loseNext: z.number().int().min(0),
    /** Signed with a secret that is not the customer's (a forgery). */
    forgeDigest: z.boolean(),
  })
  .strict();

export type PushFaults = z.infer<typeof pushFaultsSchema>;
export const NO_PUSH_FAULTS: PushFaults = {
  delayMs: 0,
  duplicate: false,
  hold: false,
  loseNext: 0,
  forgeDigest: false,
};

/** One delivery attempt (or a push lost), as the admin port lists them. */
export interface PushAttempt {
  readonly pushId: string;
  readonly waybillNo: string;
  readonly seq: number;
  readonly opCode: string;
  readonly url: string;
  readonly attempt: number;
  readonly at: string;
  /** The receiver's HTTP status; 0 when it could not be reached, or the push was lost. */
  readonly status: number;
  readonly acknowledged: boolean;
  readonly lost: boolean;
  readonly duplicate: boolean;
  readonly forged: boolean;
}

interface Delivery {
  readonly pushId: string;
  readonly waybillNo: string;
  readonly seq: number;
  readonly opCode: string;
  readonly appKey: string;
  readonly url: string;
  readonly body: string;
  readonly forged: boolean;
  readonly duplicate: boolean;
}

/**
 * Pushes every tracking event of a waybill to the URL its customer subscribed (PUSHSUBSCRIBE), signed
 * with the customer's secret, until the receiver acknowledges it (HTTP 200, `{"success":true}`) or the
 * attempts run out (after 1, 2, 4… × the base interval). Faults from the admin port make pushes late,
 * twice, out of order, lost or forged.
 */
export class Pusher {
  faults: PushFaults = { ...NO_PUSH_FAULTS };
  readonly attempts: PushAttempt[] = [];
  private readonly subscriptions = new Map<string, string>();
  private held: Delivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    book: WaybillBook,
    private readonly apps: CourierApps,
    private readonly log: Logger,
    private readonly retry: { readonly baseMs: number; readonly maxAttempts: number },
  ) {
    book.onEvent((w, e) => this.push(w, e));
  }

  subscribe(appKey: string, url: string): void {
    this.subscriptions.set(appKey, url);
  }

  subscriptionOf(appKey: string): string | undefined {
    return this.subscriptions.get(appKey);
  }

  get heldCount(): number {
    return this.held.length;
  }

  private push(w: Waybill, e: TraceEvent): void {
    const url = this.subscriptions.get(w.appKey);
    if (!url || this.closed) return;
    const trace = traceToWire(w, e);
    const pushId = `${w.waybillNo}-${e.seq}`;
    const delivery: Delivery = {
      pushId,
      waybillNo: w.waybillNo,
      seq: e.seq,
      opCode: trace.opCode,
      appKey: w.appKey,
      url,
      body: JSON.stringify({ pushId, waybillNo: w.waybillNo, txLogisticId: w.txLogisticId, ...trace }),
      forged: this.faults.forgeDigest,
      duplicate: false,
    };
    if (this.faults.loseNext > 0) {
      this.faults = { ...this.faults, loseNext: this.faults.loseNext - 1 };
      this.record(delivery, 1, 0, false, true);
      return;
    }
    if (this.faults.hold) {
      this.held.push(delivery);
      return;
    }
    this.later(this.faults.delayMs, () => this.send(delivery, 1));
  }

  /**
   * Sends the held pushes one after another (each once answered), in the order they were made or in
   * reverse, so a receiver sees them in exactly that order; answers how many.
   */
  release(order: 'fifo' | 'reverse'): number {
    const batch = order === 'reverse' ? [...this.held].reverse() : this.held;
    this.held = [];
    void (async () => {
      for (const d of batch) await this.send(d, 1);
    })();
    return batch.length;
  }

  reset(): void {
    this.faults = { ...NO_PUSH_FAULTS };
    this.held = [];
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private later(ms: number, run: () => unknown): void {
    if (ms <= 0) {
      void run();
      return;
    }
    const t = setTimeout(() => {
      this.timers.delete(t);
      void run();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  private record(d: Delivery, attempt: number, status: number, acknowledged: boolean, lost = false): void {
    this.attempts.push({
      pushId: d.pushId,
      waybillNo: d.waybillNo,
      seq: d.seq,
      opCode: d.opCode,
      url: d.url,
      attempt,
      at: new Date().toISOString(),
      status,
      acknowledged,
      lost,
      duplicate: d.duplicate,
      forged: d.forged,
    });
    if (this.attempts.length > 10_000) this.attempts.splice(0, this.attempts.length - 10_000);
  }

  private async send(d: Delivery, attempt: number): Promise<void> {
    if (this.closed) return;
    const secret = this.apps.get(d.appKey) ?? '';
    const timestamp = wireTime(Date.now());
    const nonce = randomBytes(16).toString('hex');
    const key = d.forged ? `forged-${secret}` : secret;
    const digest = digestOf(key, { msgType: 'PUSH', appKey: d.appKey, timestamp, nonce, payload: d.body });
    let status = 0;
    let acknowledged = false;
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          [PUSH_HEADERS.appKey]: d.appKey,
          [PUSH_HEADERS.timestamp]: timestamp,
          [PUSH_HEADERS.nonce]: nonce,
          [PUSH_HEADERS.digest]: digest,
        },
        body: d.body,
        signal: AbortSignal.timeout(5_000),
      });
      status = res.status;
      const answer = (await res.json().catch(() => undefined)) as { success?: unknown } | undefined;
      acknowledged = res.status === 200 && answer?.success === true;
    } catch (err) {
      this.log.debug({ err: (err as Error).message, pushId: d.pushId }, 'push not delivered');
    }
    this.record(d, attempt, status, acknowledged);
    if (acknowledged) {
      if (this.faults.duplicate && !d.duplicate) void this.send({ ...d, duplicate: true }, 1);
      return;
    }
    if (attempt < this.retry.maxAttempts)
      this.later(this.retry.baseMs * 2 ** (attempt - 1), () => this.send(d, attempt + 1));
  }
}
