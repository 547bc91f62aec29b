import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The platform's data digest (数据摘要), as its PROTOCOL.md §2 defines it: Base64 of HMAC-SHA256 under the
 * app secret over message type, app key, timestamp, nonce and the JSON payload, joined by line feeds.
 * (The stand-in has its own copy: the two must not depend on each other.)
 */
export function digestOf(
  secret: string,
  parts: { msgType: string; appKey: string; timestamp: string; nonce: string; payload: string },
): string {
  const message = [parts.msgType, parts.appKey, parts.timestamp, parts.nonce, parts.payload].join('\n');
  return createHmac('sha256', secret).update(message, 'utf8').digest('base64');
}

/** Whether `given` is the digest of `parts`, compared in constant time. */
export function digestHolds(secret: string, parts: Parameters<typeof digestOf>[1], given: string): boolean {
  if (!/^[A-Za-z0-9+/]{43}=$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, 'base64'), Buffer.from(digestOf(secret, parts), 'base64'));
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** An instant as the platform writes it: `yyyy-MM-dd HH:mm:ss`, Beijing time. */
export function wireTime(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** `yyyy-MM-dd HH:mm:ss` (Beijing time) as epoch ms; NaN when it is not one. */
export function parseWireTime(text: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(text);
  return m ? Date.parse(`${m[1]}T${m[2]}+08:00`) : Number.NaN;
}

/**
 * The form body of one attempt: the payload as `logistics_interface`, the app key, a timestamp of now, a
 * fresh nonce and the digest over them. Built anew per attempt, so a retry is never a replay (A05) and
 * never stale (A04).
 */
export function signedForm(
  msgType: string,
  payload: unknown,
  app: { readonly appKey: string; readonly appSecret: string },
  now = Date.now(),
): string {
  const params = {
    app_key: app.appKey,
    timestamp: wireTime(now),
    nonce: randomBytes(16).toString('hex'),
    logistics_interface: JSON.stringify(payload),
  };
  const data_digest = digestOf(app.appSecret, {
    msgType,
    appKey: params.app_key,
    timestamp: params.timestamp,
    nonce: params.nonce,
    payload: params.logistics_interface,
  });
  return new URLSearchParams({ ...params, data_digest }).toString();
}
