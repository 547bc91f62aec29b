import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The keys departments sign their issued documents (电子证照) with: Ed25519, where the national e-licence
 * systems (GB/T 36901-2018, GB/T 36902-2018, GB/T 38540-2020) use SM2 — Node's crypto has no SM2. A
 * stand-in signs with its private key, a department's adapter verifies with the public one; both sides
 * fall back, in development, to a key derived from the department's name, so tests and `npm start` need
 * no key files.
 */

/** PKCS#8 DER of an Ed25519 private key, less its 32-byte seed. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The development signing key of a department: published with this software, never for production. */
export function developmentDocumentKey(department: string): KeyObject {
  const seed = createHash('sha256').update(`onething-dev-document-key:${department}`).digest();
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

function requireEd25519(key: KeyObject, file: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`${file}: not an Ed25519 key (it is ${key.asymmetricKeyType ?? 'not asymmetric'})`);
  return key;
}

/** A department's signing key: the PKCS#8 PEM file when given, else its development key. */
export function documentSigningKey(department: string, file?: string): KeyObject {
  if (!file) return developmentDocumentKey(department);
  return requireEd25519(createPrivateKey(readFileSync(file)), file);
}

/** A department's public key: the SPKI PEM file when given, else the public half of its development key. */
export function documentPublicKey(department: string, file?: string): KeyObject {
  if (!file) return createPublicKey(developmentDocumentKey(department));
  const pem = readFileSync(file, 'utf8');
  // createPublicKey would take a private key and give its public half: a subgraph must never hold one.
  if (pem.includes('PRIVATE KEY'))
    throw new RangeError(
      `${file} holds a private key, which a subgraph must never hold: give the department's public key (SPKI PEM)`,
    );
  return requireEd25519(createPublicKey(pem), file);
}

/** The id of a key, as a signature names it: the first 16 hex digits of the SHA-256 of its public key (SPKI DER). */
export function documentKeyId(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(pub.export({ format: 'der', type: 'spki' }))
    .digest('hex')
    .slice(0, 16);
}

/** Signs a signed text (UTF-8) with Ed25519; the signature in base64. */
export function signDocumentText(key: KeyObject, signedText: string): string {
  return sign(null, Buffer.from(signedText, 'utf8'), key).toString('base64');
}

/** Whether a base64 Ed25519 signature over a signed text holds under a public key. */
export function verifyDocumentText(key: KeyObject, signedText: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(signedText, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** Hex SHA-256 of a file's bytes. */
export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
