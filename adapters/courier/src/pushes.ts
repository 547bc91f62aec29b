import type { ErrorCode } from '@onething/schema/errors';
import { z } from 'zod';
import { traceSchema } from './answers';
import { digestHolds, parseWireTime } from './digest';
import type { TrackingPush } from './domain';

/** The headers of a signed push (the platform's PROTOCOL.md §6). */
export const PUSH_HEADERS = {
  appKey: 'x-ems-app-key',
  timestamp: 'x-ems-timestamp',
  nonce: 'x-ems-nonce',
  digest: 'x-ems-digest',
} as const;

/** Why a push is refused: codes of the registry (schema/src/errors.ts). */
export type PushRefusal = Extract<
  ErrorCode,
  | 'CALLBACK_UNSIGNED'
  | 'CALLBACK_SIGNATURE_INVALID'
  | 'CALLBACK_STALE'
  | 'CALLBACK_REPLAYED'
  | 'WAYBILL_UNKNOWN'
  | 'BAD_REQUEST'
  | 'DEPARTMENT_UNAVAILABLE'
>;

/**
 * A push verified, or why not. `duplicate` says the same event was accepted before (the courier delivers
 * some twice): it is no news, and receivers order events by `event.seq`, never by arrival.
 */
export type PushVerdict =
  | { readonly ok: true; readonly push: TrackingPush; readonly duplicate: boolean }
  | { readonly ok: false; readonly code: PushRefusal; readonly message: string };

export interface PushVerifierOptions {
  readonly appKey: string;
  readonly appSecret: string;
  /** How far a push's timestamp may be from our clock, either way (default five minutes). */
  readonly maxAgeMs?: number;
  /**
   * Whether the waybill is ours under that order number: the caller's own records, or the courier asked
   * (`adapter.getWaybill`). A push naming any other is refused.
   */
  readonly known: (waybillNumber: string, orderNumber: string) => Promise<boolean>;
}

const bodySchema = z
  .object({
    pushId: z.string().min(1).max(64),
    waybillNo: z.string().regex(/^[A-Z]{2}\d{9}[A-Z]{2}$/),
    txLogisticId: z.string().min(1).max(64),
  })
  .passthrough();

/** Remembers keys for a while, oldest first, at most `cap` of them. */
class Memory {
  private readonly seen = new Map<string, number>();
  constructor(
    private readonly ttlMs: number,
    private readonly cap = 100_000,
  ) {}
  /** Whether the key was seen within the window; remembers it either way. */
  seenBefore(key: string, now: number): boolean {
    for (const [k, expires] of this.seen) {
      if (expires > now && this.seen.size < this.cap) break;
      this.seen.delete(k);
    }
    if (this.seen.has(key)) return true;
    this.seen.set(key, now + this.ttlMs);
    return false;
  }
}

/**
 * Verifies the courier's tracking pushes: signed with our app secret (a forged or unsigned one is
 * refused), fresh, never seen before (a replay is refused: its nonce is spent), well formed, and about a
 * waybill that is ours. Keep one per process: it remembers nonces and pushes for twice the maximum age.
 */
export class PushVerifier {
  private readonly maxAgeMs: number;
  private readonly nonces: Memory;
  private readonly pushes: Memory;

  constructor(private readonly options: PushVerifierOptions) {
    this.maxAgeMs = options.maxAgeMs ?? 300_000;
    this.nonces = new Memory(2 * this.maxAgeMs);
    this.pushes = new Memory(24 * 3_600_000);
  }

  async verify(
    headers: Readonly<Record<string, unknown>>,
    body: string,
    now = Date.now(),
  ): Promise<PushVerdict> {
    const h = (name: string) => (typeof headers[name] === 'string' ? (headers[name] as string) : undefined);
    const appKey = h(PUSH_HEADERS.appKey);
    const timestamp = h(PUSH_HEADERS.timestamp);
    const nonce = h(PUSH_HEADERS.nonce);
    const digest = h(PUSH_HEADERS.digest);
    if (!appKey || !timestamp || !nonce || !digest)
      return {
        ok: false,
        code: 'CALLBACK_UNSIGNED',
        message: `a push must be signed: send ${Object.values(PUSH_HEADERS).join(', ')} (the platform's data digest, PROTOCOL.md §6)`,
      };
    const parts = { msgType: 'PUSH', appKey, timestamp, nonce, payload: body };
    if (appKey !== this.options.appKey || !digestHolds(this.options.appSecret, parts, digest))
      return {
        ok: false,
        code: 'CALLBACK_SIGNATURE_INVALID',
        message: `the push's digest does not hold under the secret of app key ${this.options.appKey}`,
      };
    const at = parseWireTime(timestamp);
    if (!Number.isFinite(at) || Math.abs(now - at) > this.maxAgeMs)
      return {
        ok: false,
        code: 'CALLBACK_STALE',
        message: `the push's timestamp ${timestamp} is more than ${this.maxAgeMs} ms from our clock`,
      };
    if (this.nonces.seenBefore(`${appKey}\u0000${nonce}`, now))
      return { ok: false, code: 'CALLBACK_REPLAYED', message: `the push's nonce ${nonce} was used before` };
    let parsed: z.infer<typeof bodySchema>;
    let event: TrackingPush['event'];
    try {
      parsed = bodySchema.parse(JSON.parse(body));
      event = traceSchema.parse(parsed);
    } catch (e) {
      return {
        ok: false,
        code: 'BAD_REQUEST',
        message: `the push is not a tracking event: ${(e as Error).message.slice(0, 300)}`,
      };
    }
    let known: boolean;
    try {
      known = await this.options.known(parsed.waybillNo, parsed.txLogisticId);
    } catch (e) {
      // Not confirmed now: answered so that the courier sends it again later (its nonce then is new).
      return {
        ok: false,
        code: 'DEPARTMENT_UNAVAILABLE',
        message: `whether waybill ${parsed.waybillNo} is ours could not be confirmed now: ${(e as Error).message}`,
      };
    }
    if (!known)
      return {
        ok: false,
        code: 'WAYBILL_UNKNOWN',
        message: `the push names waybill ${parsed.waybillNo} under order ${parsed.txLogisticId}, which is not ours`,
      };
    const push: TrackingPush = {
      pushId: parsed.pushId,
      waybillNumber: parsed.waybillNo,
      orderNumber: parsed.txLogisticId,
      event,
    };
    return { ok: true, push, duplicate: this.pushes.seenBefore(push.pushId, now) };
  }
}

/** What to answer the courier: 200 `{"success":true}` acknowledges; anything else it sends again later. */
export function pushAnswer(verdict: PushVerdict): { status: number; body: Record<string, unknown> } {
  if (verdict.ok) return { status: 200, body: { success: true } };
  const status =
    { WAYBILL_UNKNOWN: 404, BAD_REQUEST: 400, DEPARTMENT_UNAVAILABLE: 503 }[verdict.code as string] ?? 401;
  return { status, body: { success: false, code: verdict.code, msg: verdict.message } };
}
