import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';

/**
 * The keys of the internal identity header. The gateway alone holds an Ed25519 private key and signs with
 * it; subgraphs hold only public keys, as a JWKS, so whoever runs a subgraph cannot speak for the gateway
 * to any other. Each key is named (`kid`) by its RFC 7638 thumbprint, so a key set holds several keys at
 * once and the gateway's key can be rotated without downtime: publish the new public key, switch the
 * private key, drop the old public key. Both files are re-read when they change.
 */

/** The algorithm of the internal header: EdDSA over Ed25519 (RFC 8037). */
export const IDENTITY_ALGORITHM = 'EdDSA';

const MAKE_KEY = 'openssl genpkey -algorithm ed25519 -out gateway-identity.key';
const MAKE_JWKS = 'npx tsx scripts/identity-keys.ts jwks gateway-identity.key > identity-jwks.json';

/** The gateway's signing key: an Ed25519 private key and its key id. */
export interface IdentitySigningKey {
  readonly privateKey: KeyObject;
  /** The RFC 7638 thumbprint of its public key. */
  readonly kid: string;
}

/** The public keys a subgraph accepts, chosen by the header's `kid`. */
export interface IdentityKeySet {
  readonly kids: readonly string[];
  readonly getKey: JWTVerifyGetKey;
}

/** A key or key set that may change while the service runs (a file re-read when it changes). */
export interface KeySource<T> {
  current(): T;
}

/** The RFC 7638 thumbprint of an Ed25519 public key (its members crv, kty, x in that order). */
function thumbprint(jwk: JsonWebKey): string {
  return createHash('sha256')
    .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x }))
    .digest('base64url');
}

/** The public JWK of an Ed25519 key (private or public), named by its thumbprint. */
export function publicJwkOf(key: KeyObject): JsonWebKey & { kid: string } {
  const { kty, crv, x } = (key.type === 'public' ? key : createPublicKey(key)).export({ format: 'jwk' });
  return { kty, crv, x, kid: thumbprint({ kty, crv, x }), alg: IDENTITY_ALGORITHM, use: 'sig' };
}

/** The JWKS subgraphs are given: the public keys of these signing keys, nothing private. */
export function jwksOf(keys: readonly (IdentitySigningKey | KeyObject)[]): {
  keys: (JsonWebKey & { kid: string })[];
} {
  return { keys: keys.map((k) => publicJwkOf('privateKey' in k ? k.privateKey : k)) };
}

/** The gateway's signing key from a PKCS#8 PEM text; throws a RangeError saying what is wrong. */
export function identitySigningKey(pem: string): IdentitySigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (e) {
    throw new RangeError(
      `is not a PKCS#8 PEM private key (${(e as Error).message}); make one with \`${MAKE_KEY}\``,
    );
  }
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new RangeError(
      `holds a ${privateKey.asymmetricKeyType} key, but the internal identity is signed with Ed25519; make one with \`${MAKE_KEY}\``,
    );
  return { privateKey, kid: publicJwkOf(privateKey).kid };
}

/** A fresh Ed25519 key pair: the private key as PKCS#8 PEM and as a signing key. */
export function generateIdentityKey(): { privateKeyPem: string; key: IdentitySigningKey } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  return { privateKeyPem, key: identitySigningKey(privateKeyPem) };
}

/** What is wrong with one key of a JWKS, or undefined when it is an Ed25519 public key named by its thumbprint. */
function publicKeyProblem(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return 'is not a JWK';
  const jwk = raw as JsonWebKey;
  if ('d' in jwk)
    return `holds a private key ("d"): give subgraphs only the public keys, made with \`${MAKE_JWKS}\``;
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string')
    return 'is not an Ed25519 public key (kty "OKP", crv "Ed25519", x)';
  try {
    createPublicKey({ key: jwk, format: 'jwk' });
  } catch (e) {
    return `is not a valid key (${(e as Error).message})`;
  }
  if (jwk.alg !== undefined && jwk.alg !== IDENTITY_ALGORITHM)
    return `has alg "${jwk.alg}"; the internal identity is signed with EdDSA`;
  const kid = thumbprint(jwk);
  if (jwk.kid !== undefined && jwk.kid !== kid)
    return `has kid "${jwk.kid}", which is not its RFC 7638 thumbprint "${kid}": give that as its kid, or none`;
  return undefined;
}

/**
 * The public keys of a JWKS (an object `{ keys: [...] }`), each an Ed25519 public key whose `kid`, if it
 * has one, is its thumbprint (without one, the thumbprint becomes its kid). Throws a RangeError naming
 * every problem: a private key in it above all, which a subgraph must never hold.
 */
export function identityKeySet(jwks: unknown): IdentityKeySet {
  const list = (jwks as { keys?: unknown } | null)?.keys;
  if (typeof jwks !== 'object' || jwks === null || !Array.isArray(list))
    throw new RangeError(`is not a JWKS: expected {"keys": [ … ]}; make one with \`${MAKE_JWKS}\``);
  if (list.length === 0) throw new RangeError(`holds no key; make one with \`${MAKE_JWKS}\``);
  const problems: string[] = [];
  const keys: (JsonWebKey & { kid: string })[] = [];
  list.forEach((raw, i) => {
    const problem = publicKeyProblem(raw);
    if (problem) problems.push(`key ${i + 1} ${problem}`);
    else {
      const { x } = raw as JsonWebKey;
      const kid = thumbprint(raw as JsonWebKey);
      keys.push({ kty: 'OKP', crv: 'Ed25519', x, kid, alg: IDENTITY_ALGORITHM, use: 'sig' });
    }
  });
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  return { kids: keys.map((k) => k.kid), getKey: createLocalJWKSet({ keys: keys } as JSONWebKeySet) };
}

/**
 * A file read at start and re-read, at most every `recheckMs`, when its content has changed. A changed
 * file that does not parse keeps what was read before; `problem` says why, and listeners are told.
 */
export class ReloadingFile<T> implements KeySource<T> {
  /** Why the file's latest content was not taken, if it was not. */
  problem: string | undefined;
  private value: T;
  private text: string;
  private checkedAt = Date.now();
  private readonly listeners: ((problem: string | undefined) => void)[] = [];

  constructor(
    readonly file: string,
    private readonly parse: (text: string) => T,
    private readonly recheckMs = 1_000,
  ) {
    this.text = readFileSync(file, 'utf8');
    this.value = parse(this.text);
  }

  /** Calls `listener` after each reload: with why it failed, or undefined when the new content was taken. */
  onReload(listener: (problem: string | undefined) => void): void {
    this.listeners.push(listener);
  }

  current(): T {
    const now = Date.now();
    if (now - this.checkedAt < this.recheckMs) return this.value;
    this.checkedAt = now;
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (e) {
      return this.failed(`cannot be read (${(e as Error).message})`);
    }
    if (text === this.text) return this.value;
    this.text = text;
    try {
      this.value = this.parse(text);
    } catch (e) {
      return this.failed((e as Error).message);
    }
    this.problem = undefined;
    for (const l of this.listeners) l(undefined);
    return this.value;
  }

  private failed(problem: string): T {
    const changed = problem !== this.problem;
    this.problem = problem;
    if (changed) for (const l of this.listeners) l(`${this.file} ${problem}; keeping the keys read before`);
    return this.value;
  }
}

const parseJwks = (text: string) => {
  if (text.trimStart().startsWith('-----BEGIN'))
    throw new RangeError(
      `cannot be read as a JWKS: it is a PEM file${text.includes('PRIVATE KEY') ? ' holding a private key, which a subgraph must never hold' : ''}; give the gateway's public keys as a JWKS, made with \`${MAKE_JWKS}\``,
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new RangeError(`cannot be read as a JWKS (${(e as Error).message})`);
  }
  return identityKeySet(json);
};

/** The gateway's signing key from its file, re-read when the file changes. */
export function identitySigningKeyFile(file: string, options: { recheckMs?: number } = {}) {
  return new ReloadingFile(file, identitySigningKey, options.recheckMs);
}

/** The public keys from a JWKS file, re-read when the file changes. */
export function identityKeySetFile(file: string, options: { recheckMs?: number } = {}) {
  return new ReloadingFile(file, parseJwks, options.recheckMs);
}

/** A file setting read at load, so a missing or wrong file stops the start with the setting's name. */
const fileSetting = <T>(open: (file: string) => T, required: string) =>
  z.string({ error: required }).transform((file, ctx): T => {
    try {
      return open(file);
    } catch (e) {
      const message = (e as NodeJS.ErrnoException).code
        ? `cannot be read (${(e as Error).message})`
        : (e as Error).message;
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
  });

const SIGNING_KEY_REQUIRED = `is required: the gateway's Ed25519 private key file; make one with \`${MAKE_KEY}\` (npm start makes one under data/identity/)`;

/** Setting schemas of the internal identity's key files (see docs/integrators.md, Identity and access). */
export const identityKeySettings = {
  /** The gateway's private key file (INTERNAL_IDENTITY_KEY_FILE). */
  signingKeyFile: () => fileSetting((file) => identitySigningKeyFile(file), SIGNING_KEY_REQUIRED),
  /** Why a gateway that signs the identity header cannot start without its key file. */
  signingKeyRequired: SIGNING_KEY_REQUIRED,
  /** The subgraphs' file of public keys (INTERNAL_IDENTITY_JWKS_FILE). */
  keySetFile: () =>
    fileSetting(
      (file) => identityKeySetFile(file),
      `is required: the JWKS file of the gateway's public keys; make one with \`${MAKE_JWKS}\` (npm start makes one under data/identity/)`,
    ),
};

/** The files of a development key pair, as `npm start` and the test stacks make them. */
export interface DevelopmentIdentityKeys {
  /** The gateway's private key (INTERNAL_IDENTITY_KEY_FILE). */
  readonly keyFile: string;
  /** Its public key, for subgraphs (INTERNAL_IDENTITY_JWKS_FILE). */
  readonly jwksFile: string;
  readonly key: IdentitySigningKey;
}

/**
 * A key pair of this machine's own under `dir`: made on first use, kept after (readable by its owner
 * only), its JWKS rewritten from it each time so the two always match. Never published, so no
 * development key is known to anyone else.
 */
export function developmentIdentityKeys(dir: string): DevelopmentIdentityKeys {
  mkdirSync(dir, { recursive: true });
  const keyFile = join(dir, 'gateway-identity.key');
  const jwksFile = join(dir, 'identity-jwks.json');
  if (!existsSync(keyFile)) writeFileSync(keyFile, generateIdentityKey().privateKeyPem, { mode: 0o600 });
  const key = identitySigningKey(readFileSync(keyFile, 'utf8'));
  writeFileSync(jwksFile, `${JSON.stringify(jwksOf([key]), null, 2)}\n`);
  return { keyFile, jwksFile, key };
}
