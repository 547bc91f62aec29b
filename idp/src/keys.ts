import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '@onething/runtime';

/** The public half of the signing key as published in the JWKS. */
export interface PublicJwk {
  readonly kty: 'RSA';
  readonly n: string;
  readonly e: string;
  readonly kid: string;
  readonly alg: 'RS256';
  readonly use: 'sig';
}

/** The key tokens are signed with, and its public JWK. */
export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly jwk: PublicJwk;
  /** The private key as a JWK, for the OpenID provider's key store. */
  readonly privateJwk: JsonWebKey;
  /** Where it came from, for the start log: the key file, or `generated`. */
  readonly source: string;
}

const MIN_BITS = 2048;
const MAKE_ONE =
  'make one with `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out dev-idp.key`';

/** JWK thumbprint (RFC 7638): the `kid` stays the same for the same key across restarts. */
function thumbprint(n: string, e: string): string {
  // The members in lexicographic order, no whitespace, as RFC 7638 §3.3 requires.
  return createHash('sha256')
    .update(JSON.stringify({ e, kty: 'RSA', n }))
    .digest('base64url');
}

function withJwk(privateKey: KeyObject, source: string): SigningKey {
  const { n, e } = createPublicKey(privateKey).export({ format: 'jwk' }) as JsonWebKey;
  if (!n || !e) throw new Error('the signing key has no RSA modulus and exponent');
  return {
    privateKey,
    jwk: { kty: 'RSA', n, e, kid: thumbprint(n, e), alg: 'RS256', use: 'sig' },
    privateJwk: privateKey.export({ format: 'jwk' }),
    source,
  };
}

function refuse(file: string, why: string): ConfigError {
  return new ConfigError('dev-idp', [`SIGNING_KEY_FILE=${JSON.stringify(file)}: ${why}`]);
}

/**
 * Reads a PKCS#8 PEM RSA private key of at least 2048 bits. A file that is not one is refused at start with
 * a {@link ConfigError} saying what it is instead and how to make a fitting one.
 */
export function readSigningKey(file: string): SigningKey {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (e) {
    throw refuse(
      file,
      `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); ${MAKE_ONE}`,
    );
  }
  if (pem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----'))
    throw refuse(
      file,
      'is encrypted; decrypt it with `openssl pkey -in <file> -out dev-idp.key` (a development key needs no passphrase)',
    );
  if (pem.includes('-----BEGIN RSA PRIVATE KEY-----'))
    throw refuse(
      file,
      'is a PKCS#1 key ("BEGIN RSA PRIVATE KEY"); convert it with `openssl pkcs8 -topk8 -nocrypt -in <file> -out dev-idp.key`',
    );
  if (!pem.includes('-----BEGIN PRIVATE KEY-----'))
    throw refuse(file, `is not a PKCS#8 PEM private key ("-----BEGIN PRIVATE KEY-----"); ${MAKE_ONE}`);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (e) {
    throw refuse(file, `cannot be parsed as a private key (${(e as Error).message}); ${MAKE_ONE}`);
  }
  if (key.asymmetricKeyType !== 'rsa')
    throw refuse(
      file,
      `is a ${key.asymmetricKeyType ?? 'non-RSA'} key, but tokens are signed RS256; ${MAKE_ONE}`,
    );
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_BITS)
    throw refuse(file, `is a ${bits}-bit RSA key; RS256 needs at least ${MIN_BITS}; ${MAKE_ONE}`);
  return withJwk(key, file);
}

/** A fresh 2048-bit RSA key pair: tokens then verify only until the provider restarts. */
export function generateSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: MIN_BITS });
  return withJwk(privateKey, 'generated');
}

/** The configured key, or a generated one when no file is set. */
export function signingKeyFor(file: string | undefined): SigningKey {
  return file === undefined ? generateSigningKey() : readSigningKey(file);
}
