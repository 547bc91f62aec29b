import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Logger } from '@onething/runtime';
import { z } from 'zod';
import type { Ledger, OrderEvent } from './ledger';
import { signHeaders } from './signing';
import { eventToWire } from './wire';

/** How notifications misbehave, set through the admin port (PROTOCOL.md §9). */
export const notificationFaultsSchema = z
  .object({
    /** Each notification's first delivery waits this long (real ms): it arrives late. */
    delayMs: z.number().int().min(0).max(600_000),
    /** Each notification, once acknowledged, is delivered once more (a duplicate). */
    duplicate: z.boolean(),
    /** Notifications are held until `POST /__admin/notifications/release`, which can send them in reverse. */
    hold: z.boolean(),
    /** Signed with a key that is not the platform's (a forgery, as an attacker would send it). */
    forgeSignature: z.boolean(),
    /** Validly signed, but stating an amount off by this many fen (a platform defect). */
    amountDeltaFen: z.number().int(),
  })
  .strict();

export type NotificationFaults = z.infer<typeof notificationFaultsSchema>;
export const NO_NOTIFICATION_FAULTS: NotificationFaults = {
  delayMs: 0,
  duplicate: false,
  hold: false,
  forgeSignature: false,
  amountDeltaFen: 0,
};

/** One delivery attempt, as the admin port lists them. */
export interface DeliveryAttempt {
  readonly eventId: string;
  readonly eventType: OrderEvent['type'];
  readonly orderNo: string;
  readonly revision: number;
  readonly url: string;
  readonly attempt: number;
  readonly at: string;
  /** The callback's HTTP status, or 0 when it could not be reached. */
  readonly status: number;
  /** Whether the callback acknowledged it (HTTP 200 and `{"code":"SUCCESS"}`). */
  readonly acknowledged: boolean;
  readonly forged: boolean;
  readonly duplicate: boolean;
}

interface Delivery {
  readonly event: OrderEvent;
  readonly url: string;
  readonly body: string;
  readonly forged: boolean;
  readonly duplicate: boolean;
}

/**
 * Posts every payment and refund to the order's `notify_url`, signed with the platform's key, until the
 * caller acknowledges it or the attempts run out (PROTOCOL.md §6.3: after 1, 2, 4… seconds, at most
 * `maxAttempts`). Faults from the admin port make notifications late, twice, out of order, forged or
 * wrong in amount.
 */
export class Notifier {
  faults: NotificationFaults = { ...NO_NOTIFICATION_FAULTS };
  readonly attempts: DeliveryAttempt[] = [];
  private held: Delivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private forgeryKey: KeyObject | undefined;
  private closed = false;

  constructor(
    private readonly ledger: Ledger,
    private readonly platformKey: KeyObject,
    private readonly log: Logger,
    private readonly retry: { readonly baseMs: number; readonly maxAttempts: number },
  ) {
    ledger.onEvent((event) => this.notify(event));
  }

  private notify(event: OrderEvent): void {
    const url = event.order.notifyUrl;
    if (!url) return;
    const wire = eventToWire(this.ledger, event);
    const body = JSON.stringify({ ...wire, amount_fen: wire.amount_fen + this.faults.amountDeltaFen });
    const delivery: Delivery = { event, url, body, forged: this.faults.forgeSignature, duplicate: false };
    if (this.faults.hold) this.held.push(delivery);
    else this.later(this.faults.delayMs, () => this.deliver(delivery, 1));
  }

  /** Sends what is held, in the order given: `reverse` delivers the latest first (out of order). */
  release(order: 'fifo' | 'reverse'): number {
    const batch = order === 'reverse' ? [...this.held].reverse() : [...this.held];
    this.held = [];
    // One after the other, so the order of arrival is the order asked for.
    void (async () => {
      for (const d of batch) await this.deliver(d, 1);
    })();
    return batch.length;
  }

  get heldCount(): number {
    return this.held.length;
  }

  /** Delivers an event already sent once more, as it was (a late duplicate). */
  redeliver(eventId: string): boolean {
    const first = this.sent.get(eventId);
    if (!first) return false;
    void this.deliver({ ...first, duplicate: true }, 1);
    return true;
  }

  private readonly sent = new Map<string, Delivery>();

  private later(ms: number, run: () => unknown): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void run();
    }, ms);
    this.timers.add(timer);
  }

  private signingKey(forged: boolean): KeyObject {
    if (!forged) return this.platformKey;
    this.forgeryKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    return this.forgeryKey;
  }

  private async deliver(d: Delivery, attempt: number): Promise<void> {
    if (this.closed) return;
    this.sent.set(d.event.eventId, d);
    let status = 0;
    let acknowledged = false;
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          ...signHeaders(this.signingKey(d.forged), d.body),
        },
        body: d.body,
        signal: AbortSignal.timeout(5_000),
      });
      status = res.status;
      const text = await res.text();
      acknowledged = res.status === 200 && /"code"\s*:\s*"SUCCESS"/.test(text);
    } catch (err) {
      this.log.debug({ err: (err as Error).message, eventId: d.event.eventId }, 'notification not delivered');
    }
    this.attempts.push({
      eventId: d.event.eventId,
      eventType: d.event.type,
      orderNo: d.event.order.orderNo,
      revision: d.event.revision,
      url: d.url,
      attempt,
      at: new Date().toISOString(),
      status,
      acknowledged,
      forged: d.forged,
      duplicate: d.duplicate,
    });
    if (acknowledged) {
      if (this.faults.duplicate && !d.duplicate)
        this.later(0, () => this.deliver({ ...d, duplicate: true }, 1));
      return;
    }
    if (attempt < this.retry.maxAttempts)
      this.later(this.retry.baseMs * 2 ** (attempt - 1), () => this.deliver(d, attempt + 1));
  }

  reset(): void {
    this.faults = { ...NO_NOTIFICATION_FAULTS };
    this.held = [];
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
