import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The signing algorithm's name, first in the Authorization header and in the string to sign. */
export const ALGORITHM = 'SMS-HMAC-SHA256';

/** What a request (or a delivery report) is signed over besides its body. */
export interface SignedParts {
  readonly method: string;
  /** The path of the URL, without the query. */
  readonly path: string;
  /** Seconds since the epoch, as sent in `X-Sms-Timestamp`. */
  readonly timestamp: string;
  readonly nonce: string;
  readonly body: string | Buffer;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * The canonical request (规范请求串), as PROTOCOL.md defines it: the method, the path, the two signed
 * headers in lower case, name:value, in name order, and the hex SHA-256 of the body bytes as sent.
 */
export function canonicalRequest(parts: SignedParts): string {
  return [
    parts.method.toUpperCase(),
    parts.path,
    `x-sms-nonce:${parts.nonce}`,
    `x-sms-timestamp:${parts.timestamp}`,
    sha256(parts.body),
  ].join('\n');
}

/** The string to sign: the algorithm, the timestamp and the hex SHA-256 of the canonical request. */
export function stringToSign(parts: SignedParts): string {
  return [ALGORITHM, parts.timestamp, sha256(canonicalRequest(parts))].join('\n');
}

/** HMAC-SHA256 of the string to sign under the access key secret, lowercase hex. */
export function signature(parts: SignedParts, secret: string): string {
  return createHmac('sha256', secret).update(stringToSign(parts), 'utf8').digest('hex');
}

/** The Authorization header's value: `SMS-HMAC-SHA256 AccessKeyId=<id>, Signature=<hex>`. */
export function authorization(accessKeyId: string, sig: string): string {
  return `${ALGORITHM} AccessKeyId=${accessKeyId}, Signature=${sig}`;
}

/** The access key id and signature of an Authorization header, or undefined when it is not ours. */
export function parseAuthorization(
  header: string | undefined,
): { accessKeyId: string; signature: string } | undefined {
  const m = /^SMS-HMAC-SHA256 AccessKeyId=([A-Za-z0-9_-]{1,64}), Signature=([0-9a-f]{64})$/.exec(
    header ?? '',
  );
  return m ? { accessKeyId: m[1]!, signature: m[2]! } : undefined;
}

/** Whether `given` is the signature of `parts` under `secret`, compared in constant time. */
export function verifySignature(parts: SignedParts, secret: string, given: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(signature(parts, secret), 'hex'));
}

/** The headers that sign a request (or a report) as `accessKeyId`, with the given timestamp and nonce. */
export function signedHeaders(
  parts: SignedParts,
  accessKeyId: string,
  secret: string,
): Record<string, string> {
  return {
    authorization: authorization(accessKeyId, signature(parts, secret)),
    'x-sms-timestamp': parts.timestamp,
    'x-sms-nonce': parts.nonce,
  };
}
