import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The gateway's signature (legacy/sms/PROTOCOL.md, "Signing"): HMAC-SHA256 under the access key secret
 * over `SMS-HMAC-SHA256\n<timestamp>\n<hex SHA-256 of the canonical request>`, the canonical request being
 * the method, the path, `x-sms-nonce:<nonce>`, `x-sms-timestamp:<timestamp>` and the hex SHA-256 of the
 * body bytes, one a line. Requests and delivery reports are signed alike. (The stand-in has its own copy:
 * the two must not depend on each other.)
 */
export interface SignedParts {
  readonly method: string;
  readonly path: string;
  /** Seconds since the epoch. */
  readonly timestamp: string;
  readonly nonce: string;
  readonly body: string | Buffer;
}

const ALGORITHM = 'SMS-HMAC-SHA256';
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** The hex signature of `parts` under `secret`. */
export function sign(parts: SignedParts, secret: string): string {
  const canonical = [
    parts.method.toUpperCase(),
    parts.path,
    `x-sms-nonce:${parts.nonce}`,
    `x-sms-timestamp:${parts.timestamp}`,
    sha256(parts.body),
  ].join('\n');
  return createHmac('sha256', secret)
    .update([ALGORITHM, parts.timestamp, sha256(canonical)].join('\n'), 'utf8')
    .digest('hex');
}

/** The headers of one attempt: a timestamp of now, a fresh nonce, and the signature over them and the body. */
export function requestHeaders(
  path: string,
  body: string,
  key: { readonly accessKeyId: string; readonly accessKeySecret: string },
  now = Date.now(),
): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  const nonce = randomBytes(16).toString('hex');
  const signature = sign({ method: 'POST', path, timestamp, nonce, body }, key.accessKeySecret);
  return {
    'content-type': 'application/json; charset=utf-8',
    authorization: `${ALGORITHM} AccessKeyId=${key.accessKeyId}, Signature=${signature}`,
    'x-sms-timestamp': timestamp,
    'x-sms-nonce': nonce,
  };
}

/** The access key id and signature of an Authorization header, or undefined when it is not the gateway's. */
export function parseAuthorization(header: unknown): { accessKeyId: string; signature: string } | undefined {
  if (typeof header !== 'string') return undefined;
  const m = /^SMS-HMAC-SHA256 AccessKeyId=([A-Za-z0-9_-]{1,64}), Signature=([0-9a-f]{64})$/.exec(header);
  return m ? { accessKeyId: m[1]!, signature: m[2]! } : undefined;
}

/** Whether `given` signs `parts` under `secret`, compared in constant time. */
export function holds(parts: SignedParts, secret: string, given: string): boolean {
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(sign(parts, secret), 'hex'));
}
