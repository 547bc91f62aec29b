import {
  createHash,
  createHmac,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
} from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Tokens as an attacker, or a careless client, would send them. The suite gives the development identity
 * provider a signing key of its own making (SIGNING_KEY_FILE), so it can also sign tokens the provider
 * never issues — expired, for another audience, with an unknown role — and learn whether the gateway checks
 * each claim, not only the signature. Internal identity headers are signed with the gateway's own key (as
 * only a stolen key would allow), with another key, or with a shared secret (HS256).
 */

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** An RSA key the identity provider signs with, its PEM file, and its `kid` as the provider computes it. */
export interface ProviderKey {
  readonly privateKey: KeyObject;
  readonly file: string;
  readonly kid: string;
}

/** Makes a 2048-bit RSA key and writes it where the identity provider reads SIGNING_KEY_FILE. */
export function providerKey(dir: string): ProviderKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const file = join(dir, 'idp-signing.key');
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const { n, e } = createPublicKey(privateKey).export({ format: 'jwk' });
  // RFC 7638 thumbprint, as idp/src/keys.ts names the key.
  const kid = createHash('sha256')
    .update(JSON.stringify({ e, kty: 'RSA', n }))
    .digest('base64url');
  return { privateKey, file, kid };
}

/** A JWT signed RS256 with `key` (any header and claims: that is the point). */
export function rs256(
  key: KeyObject,
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
): string {
  const input = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', ...header }))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
}

/** A JWT signed HS256 with `secret`, as the gateway signed the internal identity header before it had a key pair. */
export function hs256(
  secret: string,
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
): string {
  const input = `${b64url(JSON.stringify({ alg: 'HS256', ...header }))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** A JWT signed EdDSA with an Ed25519 `key`, as the gateway signs the internal identity header. */
export function eddsa(
  key: KeyObject,
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
): string {
  const input = `${b64url(JSON.stringify({ alg: 'EdDSA', ...header }))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${sign(null, Buffer.from(input), key).toString('base64url')}`;
}

/** A JWT that claims `alg: none` and carries no signature. */
export const unsigned = (claims: Record<string, unknown>): string =>
  `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}.`;

/** Seconds since the epoch, `offset` seconds from now. */
export const epoch = (offset = 0): number => Math.floor(Date.now() / 1000) + offset;
