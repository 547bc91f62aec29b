import { createHash } from 'node:crypto';
import { COMMON_PARAMS } from './auth';

const COMMON = new Set<string>(COMMON_PARAMS);

/**
 * The content of a request, without who sent it and when: the business parameters in canonical order,
 * hashed. Two attempts of one submission differ in timestamp, nonce and signature, never in this.
 */
export function contentFingerprint(params: Readonly<Record<string, string>>): string {
  const body = Object.keys(params)
    .filter((name) => !COMMON.has(name))
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join('&');
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/**
 * Request serial numbers (请求流水号 `qqlsh`) already used, with what was sent under them and the case
 * it made: the same serial with the same content answers that case again; with other content, E3005.
 */
export class RequestLedger {
  private readonly entries = new Map<string, { fingerprint: string; caseNumber: string }>();

  get(key: string): { fingerprint: string; caseNumber: string } | undefined {
    return this.entries.get(key);
  }

  record(key: string, fingerprint: string, caseNumber: string): void {
    this.entries.set(key, { fingerprint, caseNumber });
  }
}
