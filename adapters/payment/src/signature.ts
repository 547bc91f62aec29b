import { createPrivateKey, createPublicKey, type KeyObject, randomBytes, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The platform's signatures, as a caller makes and checks them (legacy/payment/PROTOCOL.md §2):
 * RSA-SHA256 (RSASSA-PKCS1-v1_5, RFC 8017 §8.2) over `<timestamp>\n<nonce>\n<body bytes>`, base64.
 */

export const HEADERS = {
  caller: 'x-upp-caller',
  timestamp: 'x-upp-timestamp',
  nonce: 'x-upp-nonce',
  signature: 'x-upp-signature',
} as const;

const text = (timestamp: string, nonce: string, body: string | Buffer) =>
  Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`), Buffer.from(body)]);

/** The headers that sign a request body as `caller`, now, with a fresh nonce. */
export function signRequest(
  caller: string,
  key: KeyObject,
  body: string,
  now = Date.now(),
): Record<string, string> {
  const timestamp = String(now);
  const nonce = randomBytes(16).toString('hex');
  return {
    [HEADERS.caller]: caller,
    [HEADERS.timestamp]: timestamp,
    [HEADERS.nonce]: nonce,
    [HEADERS.signature]: sign('sha256', text(timestamp, nonce, body), key).toString('base64'),
  };
}

type HeaderBag = Readonly<Record<string, string | string[] | undefined>>;

/** Why a signed message (an answer, a notification) is not the platform's. */
export type SignatureProblem = 'unsigned' | 'invalid' | 'stale';

/** How far a notification's timestamp may be from our clock: five minutes (PROTOCOL.md §2). */
export const MAX_SKEW_MS = 300_000;

/**
 * Whether `body` is signed by the platform: its three headers present, the signature holding under the
 * platform's public key, and (when `now` is given) its timestamp within five minutes of ours.
 */
export function platformSignatureProblem(
  key: KeyObject,
  headers: HeaderBag,
  body: Buffer | string,
  now?: number,
): SignatureProblem | undefined {
  const h = (name: string) => (typeof headers[name] === 'string' ? (headers[name] as string) : undefined);
  const timestamp = h(HEADERS.timestamp);
  const nonce = h(HEADERS.nonce);
  const signature = h(HEADERS.signature);
  if (!timestamp || !nonce || !signature) return 'unsigned';
  let ok = false;
  try {
    ok = verify('sha256', text(timestamp, nonce, body), key, Buffer.from(signature, 'base64'));
  } catch {
    ok = false;
  }
  if (!ok) return 'invalid';
  if (now !== undefined && !(Math.abs(now - Number(timestamp)) <= MAX_SKEW_MS)) return 'stale';
  return undefined;
}

/** JSON with object keys sorted at every depth: what a receipt's own signature covers. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** Whether a document's own signature (base64) holds over its canonical JSON under the platform's key. */
export function documentSignatureHolds(key: KeyObject, document: unknown, signature: string): boolean {
  try {
    return verify('sha256', Buffer.from(canonicalJson(document)), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** A private key from a PEM file. */
export const privateKeyFile = (file: string): KeyObject => createPrivateKey(readFileSync(file));
/** A public key from a PEM file. */
export const publicKeyFile = (file: string): KeyObject => createPublicKey(readFileSync(file));
