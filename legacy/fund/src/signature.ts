import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The canonical string a request is signed over: every parameter except `sign`, sorted by name (byte
 * order of the ASCII names), joined as `name=value` with `&`. Values are the decoded values as sent
 * (UTF-8), not URL-encoded again, and empty values are included.
 */
export function canonicalString(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((name) => name !== 'sign')
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join('&');
}

/** HMAC-SHA256 of the canonical string with the app secret, lowercase hex. */
export function signParams(params: Readonly<Record<string, string>>, secret: string): string {
  return createHmac('sha256', secret).update(canonicalString(params), 'utf8').digest('hex');
}

/** Whether `sign` is the signature of the other parameters under `secret`, compared in constant time. */
export function verifySignature(params: Readonly<Record<string, string>>, secret: string): boolean {
  const given = params.sign ?? '';
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(signParams(params, secret), 'hex'));
}
