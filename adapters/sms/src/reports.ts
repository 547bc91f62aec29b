import type { ErrorCode } from '@onething/schema/errors';
import { z } from 'zod';
import { holds, parseAuthorization } from './signature';

/** A delivery report (状态报告) in the domain. */
export interface DeliveryReport {
  /** The same for every copy of one report: apply a report once by it. */
  readonly reportId: string;
  readonly messageId: string;
  /** The key the text was sent under: the outbox's message id. */
  readonly idempotencyKey: string;
  readonly templateCode: string;
  readonly status: 'DELIVERED' | 'FAILED';
  /** The carrier's status code: `DELIVRD`, or why it failed (`UNDELIV`, `MN:0001`, …). */
  readonly carrierCode: string;
  readonly segments: number;
  readonly sentAt: string;
  readonly reportedAt: string;
}

/** Why a report is refused: the codes of the error registry a receiving route answers 401 or 400 with. */
export type ReportRefusal = Extract<
  ErrorCode,
  | 'CALLBACK_UNSIGNED'
  | 'CALLBACK_SIGNATURE_INVALID'
  | 'CALLBACK_STALE'
  | 'CALLBACK_REPLAYED'
  | 'INVALID_INPUT'
>;

export type ReportVerdict =
  | { readonly ok: true; readonly report: DeliveryReport }
  | { readonly ok: false; readonly code: ReportRefusal; readonly message: string };

const reportSchema = z.object({
  ReportId: z.string().min(1).max(64),
  BizId: z.string().min(1).max(32),
  OutId: z.string().min(1).max(64),
  PhoneNumber: z.string(),
  TemplateCode: z.string(),
  Status: z.enum(['DELIVERED', 'FAILED']),
  ErrCode: z.string().min(1).max(10),
  Segments: z.number().int().min(1),
  SendTime: z.iso.datetime(),
  ReportTime: z.iso.datetime(),
});

const NONCE = /^[A-Za-z0-9]{16,64}$/;

/** One report as it arrived: the route's method and path, its headers, and the body's bytes as sent. */
export interface ArrivedReport {
  readonly method?: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly body: string | Buffer;
}

/**
 * Verifies the gateway's delivery reports to this account: signed by the gateway with this account's
 * access key secret over the callback's method, path, timestamp, nonce and body (as requests are),
 * within `maxAgeMs` of this clock, and with a nonce not seen before (a replay is refused). A report the
 * gateway sends twice is signed afresh each time, with its own nonce: both verify, with the same
 * `reportId`, and the receiver applies it once.
 *
 * Nonces are remembered in this process for twice `maxAgeMs`; several processes behind one callback URL
 * each refuse replays to themselves, and applying a report twice changes nothing.
 */
export class DeliveryReportVerifier {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly account: { readonly accessKeyId: string; readonly accessKeySecret: string },
    private readonly maxAgeMs = 300_000,
  ) {}

  verify(arrived: ArrivedReport, now = Date.now()): ReportVerdict {
    const h = arrived.headers;
    const auth = parseAuthorization(h.authorization);
    const timestamp = typeof h['x-sms-timestamp'] === 'string' ? h['x-sms-timestamp'] : undefined;
    const nonce = typeof h['x-sms-nonce'] === 'string' ? h['x-sms-nonce'] : undefined;
    if (!h.authorization || !timestamp || !nonce)
      return {
        ok: false,
        code: 'CALLBACK_UNSIGNED',
        message: 'a delivery report must carry Authorization, X-Sms-Timestamp and X-Sms-Nonce',
      };
    const parts = {
      method: arrived.method ?? 'POST',
      path: arrived.path,
      timestamp,
      nonce,
      body: arrived.body,
    };
    if (
      !auth ||
      auth.accessKeyId !== this.account.accessKeyId ||
      !/^\d{1,12}$/.test(timestamp) ||
      !NONCE.test(nonce) ||
      !holds(parts, this.account.accessKeySecret, auth.signature)
    )
      return {
        ok: false,
        code: 'CALLBACK_SIGNATURE_INVALID',
        message: `the report's signature does not hold under the secret of access key ${this.account.accessKeyId}`,
      };
    if (Math.abs(now - Number(timestamp) * 1000) > this.maxAgeMs)
      return {
        ok: false,
        code: 'CALLBACK_STALE',
        message: `the report's timestamp is more than ${this.maxAgeMs} ms from this clock`,
      };
    for (const [seenNonce, expires] of this.seen) {
      if (expires > now) break;
      this.seen.delete(seenNonce);
    }
    if (this.seen.has(nonce))
      return { ok: false, code: 'CALLBACK_REPLAYED', message: 'this report (its nonce) was received before' };
    this.seen.set(nonce, now + 2 * this.maxAgeMs);
    let parsed: z.infer<typeof reportSchema>;
    try {
      parsed = reportSchema.parse(JSON.parse(arrived.body.toString()));
    } catch (e) {
      return {
        ok: false,
        code: 'INVALID_INPUT',
        message: `signed, but not a delivery report: ${(e as Error).message}`,
      };
    }
    return {
      ok: true,
      report: {
        reportId: parsed.ReportId,
        messageId: parsed.BizId,
        idempotencyKey: parsed.OutId,
        templateCode: parsed.TemplateCode,
        status: parsed.Status,
        carrierCode: parsed.ErrCode,
        segments: parsed.Segments,
        sentAt: parsed.SendTime,
        reportedAt: parsed.ReportTime,
      },
    };
  }
}
