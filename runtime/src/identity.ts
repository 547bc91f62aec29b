import { jwtVerify, SignJWT } from 'jose';

/**
 * The identity the gateway forwards to subgraphs: verified once at the gateway, then carried in a signed,
 * short-lived internal header. A subgraph refuses any call without a valid one, so none can be reached
 * around the gateway; and it authorises from this alone, never from anything else the caller sends.
 */

/** The header carrying the signed identity from the gateway to subgraphs. */
export const IDENTITY_HEADER = 'x-onething-identity';

export type Role = 'anonymous' | 'applicant' | 'window-staff' | 'department-staff' | 'service';

export interface Identity {
  /** Stable id: the ID number of an applicant, a staff id, a service's client id; `anonymous`. */
  readonly subject: string;
  readonly role: Role;
  readonly name?: string;
  /** Applicants: their resident ID number. */
  readonly idNumber?: string;
  /** Applicants: USCCs of the enterprises they represent. */
  readonly enterprises: readonly string[];
  /** Department staff: the departments they work for. */
  readonly departments: readonly string[];
  /** A service (the hall) acting for an applicant: whose data it may read and submit for. */
  readonly actingFor?: { readonly idNumber: string; readonly enterprises: readonly string[] };
}

export const ANONYMOUS: Identity = {
  subject: 'anonymous',
  role: 'anonymous',
  enterprises: [],
  departments: [],
};

const ISSUER = 'onething-gateway';
const AUDIENCE = 'onething-subgraphs';

/** The shared secret of the internal header, from its setting; at least 32 bytes. */
export function identityKey(secret: string): Uint8Array {
  const key = new TextEncoder().encode(secret);
  if (key.length < 32) throw new RangeError('the internal identity secret must be at least 32 bytes');
  return key;
}

/** Signs an identity for the internal header (HS256, valid `ttlSeconds`). */
export async function signIdentity(identity: Identity, key: Uint8Array, ttlSeconds = 60): Promise<string> {
  return new SignJWT({ idt: identity })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key);
}

/** Why an internal header was refused. */
export class IdentityError extends Error {
  override readonly name = 'IdentityError';
}

/** Verifies the internal header; throws {@link IdentityError} saying why it is not valid. */
export async function verifyIdentity(token: string | undefined, key: Uint8Array): Promise<Identity> {
  if (!token)
    throw new IdentityError(`missing ${IDENTITY_HEADER}: subgraphs are reached through the gateway only`);
  try {
    const { payload } = await jwtVerify(token, key, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
    });
    const identity = payload.idt as Identity | undefined;
    if (!identity || typeof identity.subject !== 'string' || typeof identity.role !== 'string') {
      throw new IdentityError(`${IDENTITY_HEADER} carries no identity`);
    }
    return identity;
  } catch (e) {
    if (e instanceof IdentityError) throw e;
    throw new IdentityError(`invalid ${IDENTITY_HEADER}: ${(e as Error).message}`);
  }
}

/**
 * Verifies with a cache of recently verified headers: the gateway signs one header per user and reuses it
 * while it is fresh, so most requests skip the HMAC.
 */
export function cachedIdentityVerifier(key: Uint8Array, maxEntries = 10_000) {
  const cache = new Map<string, { identity: Identity; expiresAt: number }>();
  return async (token: string | undefined): Promise<Identity> => {
    if (token) {
      const hit = cache.get(token);
      if (hit && hit.expiresAt > Date.now()) return hit.identity;
    }
    const identity = await verifyIdentity(token, key);
    const exp = JSON.parse(Buffer.from(token!.split('.')[1]!, 'base64url').toString()).exp as number;
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
    cache.set(token!, { identity, expiresAt: exp * 1000 });
    return identity;
  };
}
