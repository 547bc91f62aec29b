import { isAdapterError } from '@onething/adapter-core';
import type { SmsAdapter } from '@onething/adapter-sms';
import type { Logger } from '@onething/runtime';
import { jitteredBackoff } from '../outbox/backoff';
import { type DueText, Notices } from './store';

export interface TexterSettings {
  readonly intervalMs: number;
  readonly leaseMs: number;
  readonly batch: number;
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
}

/**
 * Whether a failure says the SMS gateway cannot be reached — down, not answering in time, or the adapter's
 * circuit breaker open — rather than anything about the text, so every text would meet it. A number over
 * its rate limit is also DEPARTMENT_UNAVAILABLE, but with the gateway's `Limit.*` code: that one number
 * waits, the others go.
 */
const gatewayDown = (e: unknown): boolean =>
  isAdapterError(e) &&
  (e.code === 'DEPARTMENT_UNAVAILABLE' || e.code === 'DEPARTMENT_TIMEOUT') &&
  e.details.departmentCode?.startsWith('Limit.') !== true;

/**
 * Sends the notices' text messages from their outbox through the SMS gateway: each under its notice's id
 * as the gateway's idempotency key (OutId), so a hall killed after the gateway took a text and before it
 * recorded so sends it again as the same text, which the gateway does not send twice. A number over its
 * rate limit waits as long as the gateway says; a text the gateway refuses by its rules is given up and
 * kept with why; the inbox has it either way.
 *
 * While the gateway is down the texter pauses as a whole (for as long as the gateway or the breaker says,
 * else its backoff), then tries one text before sending batches again; a text that met the outage keeps
 * its attempts (TEXT_MAX_ATTEMPTS counts what went wrong with the text), so an outage neither burns the
 * backlog's attempts one claim after another nor gives texts up.
 */
export class Texter {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** Until when the gateway is let be (it was found down), and how many pauses in a row it has been. */
  private pausedUntil = 0;
  private outages = 0;

  constructor(
    private readonly deps: {
      readonly notices: Notices;
      readonly sms: SmsAdapter;
      readonly settings: TexterSettings;
      readonly log: Logger;
      readonly onOutcome?: (outcome: 'sent' | 'retry' | 'failed') => void;
    },
  ) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), this.deps.settings.intervalMs);
    this.timer.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Sends what is due now (after a change that notified someone). */
  wake(): void {
    if (this.stopped || this.running) return;
    this.running = this.tick()
      .catch((err: unknown) => this.deps.log.error({ err }, 'texts could not be claimed'))
      .finally(() => {
        this.running = undefined;
      });
  }

  /** Whether the texter is letting the gateway be (found down), as of now. */
  get paused(): boolean {
    return Date.now() < this.pausedUntil;
  }

  private async tick(): Promise<void> {
    const { notices, settings } = this.deps;
    for (;;) {
      if (this.stopped || this.paused) return;
      // After an outage, one text tries the gateway before a batch goes.
      const due = await notices.claimTexts(this.outages > 0 ? 1 : settings.batch, settings.leaseMs);
      if (due.length === 0) return;
      await Promise.all(due.map((n) => this.send(n)));
    }
  }

  /**
   * The gateway was found down: no text is claimed until it may be up again. The other texts of the same
   * batch finding it down too are the same outage, not more of them.
   */
  private pause(askedMs: number): number {
    if (!this.paused) this.outages++;
    const { backoffBaseMs, backoffMaxMs } = this.deps.settings;
    const wait = Math.max(askedMs, jitteredBackoff(this.outages, backoffBaseMs, backoffMaxMs));
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + wait);
    return wait;
  }

  private async send(n: DueText): Promise<void> {
    const { notices, sms, settings, log } = this.deps;
    const { template, variables } = Notices.text(n);
    try {
      const sent = await sms.send({
        templateCode: template,
        variables,
        mobile: n.mobile,
        idempotencyKey: n.id,
      });
      this.outages = 0;
      await notices.sent(n.id, sent.messageId, new Date());
      this.deps.onOutcome?.('sent');
      log.info(
        { notice: n.id, kind: n.kind, messageId: sent.messageId, repeated: sent.repeated },
        'text sent',
      );
    } catch (e) {
      const code = isAdapterError(e) ? e.code : 'UNEXPECTED';
      const asked = isAdapterError(e) ? Number(e.details.retryAfterSeconds ?? 0) * 1000 : 0;
      if (gatewayDown(e)) {
        // Nothing about this text: it goes when the gateway is back, its attempts as they were.
        const wait = this.pause(asked);
        await notices.failed(n.id, `${code}: ${(e as Error).message}`, new Date(Date.now() + wait), false);
        this.deps.onOutcome?.('retry');
        log.warn(
          { notice: n.id, code, pausedMs: wait, outages: this.outages },
          'SMS gateway down: texts paused',
        );
        return;
      }
      const retryable = isAdapterError(e) ? e.retryable : true;
      const attempts = n.textAttempts + 1;
      const giveUp = !retryable || attempts >= settings.maxAttempts;
      const wait = Math.max(asked, jitteredBackoff(attempts, settings.backoffBaseMs, settings.backoffMaxMs));
      await notices.failed(
        n.id,
        `${code}: ${(e as Error).message}`,
        giveUp ? null : new Date(Date.now() + wait),
      );
      this.deps.onOutcome?.(giveUp ? 'failed' : 'retry');
      log.warn({ notice: n.id, kind: n.kind, code, attempts, giveUp }, 'text not sent');
    }
  }
}
