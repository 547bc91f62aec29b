import { createHash } from 'node:crypto';

const FITS = /^[\x21-\x7e]{8,128}$/;

/**
 * The request serial number (请求流水号 `qqlsh`) of an idempotency key. A key that fits the fund's rule
 * (8–128 visible ASCII characters) is sent as it is, so the fund's records show the hall's own key; any
 * other key is sent as `k` + its SHA-256, the same on every attempt, so idempotency holds either way.
 */
export function serialOf(idempotencyKey: string): string {
  if (FITS.test(idempotencyKey)) return idempotencyKey;
  return `k${createHash('sha256').update(idempotencyKey, 'utf8').digest('hex')}`;
}
