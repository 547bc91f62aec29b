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
 * Sends the notices' text messages from their outbox through the SMS gateway: each under its notice's id
 * as the gateway's idempotency key (OutId), so a hall killed after the gateway took a text and before it
 * recorded so sends it again as the same text, which the gateway does not send twice. A number over its
 * rate limit waits as long as the gateway says; a text the gateway refuses by its rules is given up and
 * kept with why; the inbox has it either way.
 */
export class Texter {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

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

  private async tick(): Promise<void> {
    const { notices, settings } = this.deps;
    for (;;) {
      if (this.stopped) return;
      const due = await notices.claimTexts(settings.batch, settings.leaseMs);
      if (due.length === 0) return;
      await Promise.all(due.map((n) => this.send(n)));
    }
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
      await notices.sent(n.id, sent.messageId, new Date());
      this.deps.onOutcome?.('sent');
      log.info(
        { notice: n.id, kind: n.kind, messageId: sent.messageId, repeated: sent.repeated },
        'text sent',
      );
    } catch (e) {
      const code = isAdapterError(e) ? e.code : 'UNEXPECTED';
      const retryable = isAdapterError(e) ? e.retryable : true;
      const attempts = n.textAttempts + 1;
      const giveUp = !retryable || attempts >= settings.maxAttempts;
      const asked = isAdapterError(e) ? Number(e.details.retryAfterSeconds ?? 0) * 1000 : 0;
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
