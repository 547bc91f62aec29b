import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The platform's signatures (PROTOCOL.md §2): RSA-SHA256 (RSASSA-PKCS1-v1_5 with SHA-256, RFC 8017 §8.2)
 * over `<timestamp>\n<nonce>\n<body bytes>`, base64 in `X-Upp-Signature`. Requests are signed with the
 * caller's private key and checked with the public key the caller registered; answers and notifications
 * are signed with the platform's key, whose public half callers hold.
 */

export const SIGNATURE_HEADERS = {
  caller: 'x-upp-caller',
  timestamp: 'x-upp-timestamp',
  nonce: 'x-upp-nonce',
  signature: 'x-upp-signature',
} as const;

/** The text a signature covers. */
export function signedText(timestamp: string, nonce: string, body: string | Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`), Buffer.from(body)]);
}

/** Signs `body` now with a fresh nonce: the headers to send with it. */
export function signHeaders(
  key: KeyObject,
  body: string | Buffer,
  now = Date.now(),
  nonce = randomBytes(16).toString('hex'),
): Record<string, string> {
  const timestamp = String(now);
  return {
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: sign('sha256', signedText(timestamp, nonce, body), key).toString('base64'),
  };
}

/** Whether `signature` (base64) signs `timestamp`, `nonce` and `body` under `key`. */
export function verifySignature(
  key: KeyObject,
  timestamp: string,
  nonce: string,
  body: string | Buffer,
  signature: string,
): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  try {
    return verify('sha256', signedText(timestamp, nonce, body), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** A key pair as PEM files: the private key (PKCS#8) and the public key (SPKI). */
export interface KeyFiles {
  readonly privateKeyFile: string;
  readonly publicKeyFile: string;
}

/**
 * The RSA-2048 key pair in `dir` named `name` (`<name>-private.pem`, `<name>-public.pem`), made on first
 * use and kept after (the private key readable by its owner only).
 */
export function keyPairIn(dir: string, name: string): KeyFiles {
  const files = {
    privateKeyFile: join(dir, `${name}-private.pem`),
    publicKeyFile: join(dir, `${name}-public.pem`),
  };
  if (!existsSync(files.privateKeyFile)) {
    mkdirSync(dirname(files.privateKeyFile), { recursive: true });
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(files.privateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(files.publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  } else if (!existsSync(files.publicKeyFile)) {
    writeFileSync(
      files.publicKeyFile,
      createPublicKey(readPrivateKey(files.privateKeyFile)).export({ type: 'spki', format: 'pem' }),
    );
  }
  return files;
}

export const readPrivateKey = (file: string): KeyObject => createPrivateKey(readFileSync(file));
export const readPublicKey = (file: string): KeyObject => createPublicKey(readFileSync(file));

/**
 * JSON with its object keys sorted at every depth: the text a document's own signature (a fiscal
 * e-receipt's) covers, so it can be checked after any re-serialisation.
 */
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
