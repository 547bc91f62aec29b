import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ErrorCode } from '@onething/schema/errors';

/**
 * The signature of a department's callback to the hall: HMAC-SHA256 over `timestamp.nonce.body` with a
 * secret the department and the hall share (one per department). The department's name, the timestamp
 * (ms since the epoch), a random nonce and the signature (hex) travel as headers; the hall refuses a
 * callback unsigned, signed with another secret, older than its maximum age, or seen before (its nonce).
 */

/** The headers of a signed callback. */
export const CALLBACK_HEADERS = {
  department: 'x-onething-department',
  timestamp: 'x-onething-timestamp',
  nonce: 'x-onething-nonce',
  signature: 'x-onething-signature',
} as const;

/** Why a callback is refused (the codes of the hall's 401 answers, in the registry and docs/departments.md). */
export type CallbackRefusal = Extract<
  ErrorCode,
  'CALLBACK_UNSIGNED' | 'CALLBACK_SIGNATURE_INVALID' | 'CALLBACK_STALE'
>;

/** The HMAC-SHA256 (hex) of `timestamp.nonce.body` under `secret`. */
export function callbackSignature(secret: string, timestamp: string, nonce: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${nonce}.${body}`).digest('hex');
}

/** The headers that sign `body` as `department`'s callback, now, with a fresh nonce. */
export function signCallback(
  department: string,
  secret: string,
  body: string,
  now = Date.now(),
  nonce = randomBytes(16).toString('hex'),
): Record<string, string> {
  const timestamp = String(now);
  return {
    [CALLBACK_HEADERS.department]: department,
    [CALLBACK_HEADERS.timestamp]: timestamp,
    [CALLBACK_HEADERS.nonce]: nonce,
    [CALLBACK_HEADERS.signature]: callbackSignature(secret, timestamp, nonce, body),
  };
}

/** A callback whose signature holds: who sent it, and its nonce (for the replay check). */
export interface VerifiedCallback {
  readonly department: string;
  readonly nonce: string;
  readonly timestamp: number;
}

/** The outcome of {@link verifyCallback}: the verified sender, or why it was refused and what to do. */
export type CallbackVerdict =
  | ({ readonly ok: true } & VerifiedCallback)
  | { readonly ok: false; readonly code: CallbackRefusal; readonly message: string };

const NONCE = /^[A-Za-z0-9_-]{16,128}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const header = (headers: Record<string, unknown>, name: string) => {
  const v = headers[name];
  return typeof v === 'string' ? v : undefined;
};

/**
 * Checks a callback's signature headers against the secrets (by department) and its age against
 * `maxAgeMs` (either way: a clock far ahead is as suspect as one behind). Replays are the caller's to
 * refuse, by remembering the nonces of verified callbacks for `maxAgeMs`.
 */
export function verifyCallback(
  headers: Record<string, unknown>,
  body: string,
  secrets: ReadonlyMap<string, string>,
  maxAgeMs: number,
  now = Date.now(),
): CallbackVerdict {
  const department = header(headers, CALLBACK_HEADERS.department);
  const timestamp = header(headers, CALLBACK_HEADERS.timestamp);
  const nonce = header(headers, CALLBACK_HEADERS.nonce);
  const signature = header(headers, CALLBACK_HEADERS.signature);
  const names = Object.values(CALLBACK_HEADERS).join(', ');
  if (!department || !timestamp || !nonce || !signature)
    return {
      ok: false,
      code: 'CALLBACK_UNSIGNED',
      message: `a callback must be signed: send the headers ${names} (HMAC-SHA256 over timestamp.nonce.body with your department's callback secret, see docs/departments.md)`,
    };
  const secret = secrets.get(department);
  const at = /^\d{1,15}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  const valid =
    secret !== undefined &&
    NONCE.test(nonce) &&
    HEX64.test(signature) &&
    Number.isFinite(at) &&
    timingSafeEqual(
      Buffer.from(signature, 'hex'),
      Buffer.from(callbackSignature(secret, timestamp, nonce, body), 'hex'),
    );
  if (!valid)
    return {
      ok: false,
      code: 'CALLBACK_SIGNATURE_INVALID',
      message: `the callback's signature does not hold: sign timestamp.nonce.body (timestamp in ms, a nonce of 16 to 128 letters, digits, - or _) with HMAC-SHA256 under the callback secret the hall holds for your department, hex-encoded, and name a department the hall knows (${[...secrets.keys()].join(', ')})`,
    };
  if (Math.abs(now - at) > maxAgeMs)
    return {
      ok: false,
      code: 'CALLBACK_STALE',
      message: `the callback's timestamp is more than ${maxAgeMs} ms from the hall's clock: send it when it is made, and keep your clock in time (NTP)`,
    };
  return { ok: true, department, nonce, timestamp: at };
}
