import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The data digest (数据摘要) of the platform, after the `logistics_interface` + `data_digest` convention of
 * the logistics open platforms, with HMAC-SHA256 in place of their MD5 (PROTOCOL.md §2): Base64 of
 * HMAC-SHA256 under the app secret over the message type, app key, timestamp, nonce and the JSON payload,
 * joined by line feeds. The same digest signs the platform's tracking pushes (message type `PUSH`).
 */
export function digestOf(
  secret: string,
  parts: {
    readonly msgType: string;
    readonly appKey: string;
    readonly timestamp: string;
    readonly nonce: string;
    readonly payload: string;
  },
): string {
  const message = [parts.msgType, parts.appKey, parts.timestamp, parts.nonce, parts.payload].join('\n');
  return createHmac('sha256', secret).update(message, 'utf8').digest('base64');
}

/** Whether `given` is the digest of `parts` under `secret`, compared in constant time. */
export function digestHolds(secret: string, parts: Parameters<typeof digestOf>[1], given: string): boolean {
  if (!/^[A-Za-z0-9+/]{43}=$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, 'base64'), Buffer.from(digestOf(secret, parts), 'base64'));
}
