import { randomBytes } from 'node:crypto';
import type { SimClock } from '@onething/legacy-kit';
import type { Logger } from '@onething/runtime';
import { z } from 'zod';
import type { Message } from './messages';
import { maskMobile } from './mobile';
import { signedHeaders } from './signature';

/**
 * What the admin port can do to delivery reports (状态报告), as carriers' reports really behave: come
 * late, come twice, never come; and numbers whose messages fail, with the carrier's status code.
 */
export const reportFaultsSchema = z
  .object({
    /** Gateway-clock milliseconds from the send to its report (the setting REPORT_DELAY_MS otherwise). */
    delayMs: z
      .number()
      .int()
      .min(0)
      .max(30 * 86_400_000),
    /** Every report is POSTed twice, each signed afresh (the same `ReportId`). */
    twice: z.boolean(),
    /** Reports are never POSTed (the message's status still changes: QuerySendDetails tells it). */
    lost: z.boolean(),
    /** Numbers whose messages fail, each with the carrier's status code (e.g. `UNDELIV`, `MN:0001`). */
    failures: z.record(z.string().regex(/^1[3-9]\d{9}$/), z.string().regex(/^[A-Z0-9:]{1,10}$/)),
  })
  .strict();

export type ReportFaults = z.infer<typeof reportFaultsSchema>;

/** A delivery report as POSTed to the registered callback. */
export interface WireReport {
  /** The same for both copies of a report sent twice: the receiver's key for applying it once. */
  readonly ReportId: string;
  readonly BizId: string;
  readonly OutId: string;
  /** The recipient, masked: the caller knows whom it sent to by its OutId. */
  readonly PhoneNumber: string;
  readonly TemplateCode: string;
  readonly Status: 'DELIVERED' | 'FAILED';
  /** The carrier's status (CMPP 3.0 `Stat`): `DELIVRD` when delivered, otherwise why not. */
  readonly ErrCode: string;
  readonly Segments: number;
  readonly SendTime: string;
  readonly ReportTime: string;
}

interface Pending {
  readonly message: Message;
  readonly outcome: { readonly status: 'DELIVERED' | 'FAILED'; readonly errCode: string };
  dueAt: number;
  copies: number;
  attempts: number;
  readonly lost: boolean;
  posting: boolean;
}

/** Times a report is POSTed before the gateway gives up on the callback (the platform's default). */
export const REPORT_ATTEMPTS = 3;
/** Gateway-clock time between attempts, times the attempt's number (the platform's default). */
export const REPORT_RETRY_MS = 60_000;

/**
 * The gateway's report desk: decides each message's fate when it is sent (delivered, or failed for a
 * number the admin made fail), sets its status when its report is due on the gateway's clock, and POSTs
 * the report, signed with the sender's access key secret, to the registered callback; a callback that
 * does not answer 2xx is tried again, up to {@link REPORT_ATTEMPTS} times.
 */
export class ReportDesk {
  private readonly pending = new Set<Pending>();
  private faults: ReportFaults;
  /** Reports POSTed and answered 2xx, and POSTs that failed. */
  readonly stats = { posted: 0, failed: 0 };

  constructor(
    private readonly clock: SimClock,
    private readonly secrets: ReadonlyMap<string, string>,
    private readonly log: Logger,
    private readonly defaultDelayMs: number,
    public reportUrl: string | undefined,
  ) {
    this.faults = this.defaults();
  }

  private defaults(): ReportFaults {
    return { delayMs: this.defaultDelayMs, twice: false, lost: false, failures: {} };
  }

  get current(): ReportFaults {
    return structuredClone(this.faults);
  }

  setFaults(patch: Partial<ReportFaults>): ReportFaults {
    this.faults = { ...this.faults, ...patch };
    return this.current;
  }

  clearFaults(): ReportFaults {
    this.faults = this.defaults();
    return this.current;
  }

  /** Schedules the report of a message just accepted, under the faults set now. */
  schedule(message: Message): void {
    const code = this.faults.failures[message.phoneNumber];
    this.pending.add({
      message,
      outcome: code ? { status: 'FAILED', errCode: code } : { status: 'DELIVERED', errCode: 'DELIVRD' },
      dueAt: message.sentAt + this.faults.delayMs,
      copies: this.faults.twice ? 2 : 1,
      attempts: 0,
      lost: this.faults.lost,
      posting: false,
    });
  }

  /** Applies and sends every report due on the gateway's clock. */
  settle(): void {
    const now = this.clock.now();
    for (const p of this.pending) {
      if (p.dueAt > now || p.posting) continue;
      const m = p.message;
      if (m.status === 'SENDING') {
        m.status = p.outcome.status;
        m.errCode = p.outcome.errCode;
        m.reportedAt = now;
      }
      if (p.lost || !this.reportUrl) {
        this.pending.delete(p);
        continue;
      }
      p.posting = true;
      void this.post(p, this.reportUrl);
    }
  }

  private async post(p: Pending, url: string): Promise<void> {
    const m = p.message;
    const report: WireReport = {
      ReportId: `${m.bizId}-R`,
      BizId: m.bizId,
      OutId: m.outId,
      PhoneNumber: maskMobile(m.phoneNumber),
      TemplateCode: m.templateCode,
      Status: p.outcome.status,
      ErrCode: p.outcome.errCode,
      Segments: m.segments,
      SendTime: new Date(m.sentAt).toISOString(),
      ReportTime: new Date(m.reportedAt ?? this.clock.now()).toISOString(),
    };
    const body = JSON.stringify(report);
    const secret = this.secrets.get(m.accessKeyId) ?? '';
    let delivered = 0;
    for (let copy = 0; copy < p.copies; copy++) {
      const headers = signedHeaders(
        {
          method: 'POST',
          path: new URL(url).pathname,
          timestamp: String(Math.floor(Date.now() / 1000)),
          nonce: randomBytes(16).toString('hex'),
          body,
        },
        m.accessKeyId,
        secret,
      );
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
          body,
          signal: AbortSignal.timeout(2_000),
        });
        await res.arrayBuffer();
        if (res.ok) delivered++;
        else this.log.debug({ status: res.status, bizId: m.bizId }, 'report refused by the callback');
      } catch (err) {
        this.log.debug({ err: (err as Error).message, bizId: m.bizId }, 'report not delivered');
      }
    }
    p.attempts++;
    p.posting = false;
    if (delivered > 0 || p.attempts >= REPORT_ATTEMPTS) {
      this.stats[delivered > 0 ? 'posted' : 'failed']++;
      this.pending.delete(p);
    } else {
      p.dueAt = this.clock.now() + REPORT_RETRY_MS * p.attempts;
    }
  }

  /** Reports not yet POSTed (or still being retried). */
  get waiting(): number {
    return this.pending.size;
  }
}
