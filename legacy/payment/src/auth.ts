import type { KeyObject } from 'node:crypto';
import { Refusal } from './codes';
import { SIGNATURE_HEADERS, verifySignature } from './signing';

/** How far a request's timestamp may be from the platform's real time: five minutes. */
export const MAX_SKEW_MS = 300_000;

/** Nonces seen within twice the skew window, per caller: a captured request cannot be replayed. */
export class NonceStore {
  private readonly seen = new Map<string, number>();
  use(caller: string, nonce: string, now = Date.now()): boolean {
    for (const [key, expires] of this.seen) {
      if (expires > now) break;
      this.seen.delete(key);
    }
    const key = `${caller}\u0000${nonce}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, now + 2 * MAX_SKEW_MS);
    return true;
  }
}

/**
 * Checks a request's signature headers in the order the platform does (PROTOCOL.md §2): present and well
 * formed (2001), a registered caller (1001), a valid signature over the raw body (1002), a fresh timestamp
 * (1003), an unused nonce (1004; spent only once the signature holds). Returns the caller id.
 */
export function authenticate(
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
  callers: ReadonlyMap<string, KeyObject>,
  nonces: NonceStore,
  now = Date.now(),
): string {
  const h = (name: string) => {
    const v = headers[name];
    return typeof v === 'string' ? v : undefined;
  };
  const caller = h(SIGNATURE_HEADERS.caller);
  const timestamp = h(SIGNATURE_HEADERS.timestamp);
  const nonce = h(SIGNATURE_HEADERS.nonce);
  const signature = h(SIGNATURE_HEADERS.signature);
  const missing = Object.entries({ caller, timestamp, nonce, signature })
    .filter(([, v]) => !v)
    .map(([k]) => `X-Upp-${k.charAt(0).toUpperCase()}${k.slice(1)}`);
  if (missing.length > 0) throw new Refusal('2001', `缺少请求头${missing.join('、')}`);
  if (!/^\d{13}$/.test(timestamp!)) throw new Refusal('2001', 'X-Upp-Timestamp应为13位毫秒时间戳');
  if (!/^[A-Za-z0-9]{16,64}$/.test(nonce!)) throw new Refusal('2001', 'X-Upp-Nonce应为16至64位字母或数字');
  const key = callers.get(caller!);
  if (!key) throw new Refusal('1001', caller);
  if (!verifySignature(key, timestamp!, nonce!, body, signature!)) throw new Refusal('1002');
  if (Math.abs(now - Number(timestamp)) > MAX_SKEW_MS)
    throw new Refusal('1003', `允许±${MAX_SKEW_MS / 1000}秒，平台时间${now}`);
  if (!nonces.use(caller!, nonce!, now)) throw new Refusal('1004');
  return caller!;
}
