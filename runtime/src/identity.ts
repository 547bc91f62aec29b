import { validateResidentId, validateUscc } from '@onething/schema/identifiers';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import {
  IDENTITY_ALGORITHM,
  type IdentityKeySet,
  type IdentitySigningKey,
  type KeySource,
} from './identity-keys';

export * from './identity-keys';

/**
 * The identity the gateway forwards to subgraphs: verified once at the gateway, then carried in a signed,
 * short-lived internal header. A subgraph refuses any call without a valid one, so none can be reached
 * around the gateway; and it authorises from this alone, never from anything else the caller sends. The
 * gateway signs with its private key; subgraphs verify with its public keys (identity-keys.ts), and
 * check the identity's shape as strictly as the gateway checked the token it came from.
 */

/** The header carrying the signed identity from the gateway to subgraphs. */
export const IDENTITY_HEADER = 'x-onething-identity';

/** Who may call, in the order of the docs. */
export const ROLES = [
  'anonymous',
  'applicant',
  'window-staff',
  'department-staff',
  'supervisor',
  'service',
] as const;
export type Role = (typeof ROLES)[number];

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
  /** Window staff: the service centre they work at, when centres are configured; supervisors: the centre they supervise. */
  readonly centre?: string;
  /** A service (the hall) acting for an applicant: whose data it may read and submit for. */
  readonly actingFor?: { readonly idNumber: string; readonly enterprises: readonly string[] };
}

export const ANONYMOUS: Identity = {
  subject: 'anonymous',
  role: 'anonymous',
  enterprises: [],
  departments: [],
};

const residentId = z
  .string()
  .refine((v) => validateResidentId(v).ok, 'is not a resident ID number (GB 11643)');
const uscc = z.string().refine((v) => validateUscc(v).ok, 'is not a unified social credit code (GB 32100)');

/**
 * The shape of an identity: subgraphs trust its ID numbers and USCCs as keys of people's records, so
 * each must be a valid one, as the gateway checks them on tokens. Members it does not know are dropped,
 * never trusted, so a gateway adding one does not lock out subgraphs not yet upgraded.
 */
export const identitySchema = z
  .object({
    subject: z.string().min(1, 'must not be empty'),
    role: z.enum(ROLES),
    name: z.string().optional(),
    idNumber: residentId.optional(),
    enterprises: z.array(uscc),
    departments: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a department id such as tax')),
    actingFor: z.object({ idNumber: residentId, enterprises: z.array(uscc) }).optional(),
    centre: z.string().min(1).max(100).optional(),
  })
  .superRefine((who, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (who.role === 'applicant' && who.idNumber === undefined) problem('an applicant carries idNumber');
    if (who.actingFor && who.role !== 'service') problem('only a service acts for an applicant (actingFor)');
    if (who.role === 'supervisor' && who.centre === undefined)
      problem('a supervisor carries the centre they supervise');
    if (
      who.role === 'anonymous' &&
      (who.subject !== 'anonymous' ||
        who.idNumber !== undefined ||
        who.enterprises.length + who.departments.length > 0 ||
        who.actingFor)
    )
      problem('anonymous carries nothing but subject "anonymous"');
  });

/** The problems of an identity's shape, each as `path: message`; empty when it is well formed. */
export function identityProblems(identity: unknown): string[] {
  const parsed = identitySchema.safeParse(identity);
  return parsed.success
    ? []
    : parsed.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message));
}

const ISSUER = 'onething-gateway';
const AUDIENCE = 'onething-subgraphs';

/** Signs an identity for the internal header (EdDSA with the gateway's key, named by kid; valid `ttlSeconds`). */
export async function signIdentity(
  identity: Identity,
  key: IdentitySigningKey,
  ttlSeconds = 60,
): Promise<string> {
  return new SignJWT({ idt: identity })
    .setProtectedHeader({ alg: IDENTITY_ALGORITHM, kid: key.kid })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key.privateKey);
}

/** Why an internal header was refused. */
export class IdentityError extends Error {
  override readonly name = 'IdentityError';
}

/** The public keys to verify with: a fixed set, or a source whose set may change (a file re-read). */
export type IdentityKeys = IdentityKeySet | KeySource<IdentityKeySet>;

const keySetOf = (keys: IdentityKeys): IdentityKeySet => ('current' in keys ? keys.current() : keys);

/** Verifies the internal header; throws {@link IdentityError} saying why it is not valid. */
export async function verifyIdentity(token: string | undefined, keys: IdentityKeys): Promise<Identity> {
  if (!token)
    throw new IdentityError(`missing ${IDENTITY_HEADER}: subgraphs are reached through the gateway only`);
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, keySetOf(keys).getKey, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: [IDENTITY_ALGORITHM],
      requiredClaims: ['exp'],
    }));
  } catch (e) {
    throw new IdentityError(`invalid ${IDENTITY_HEADER}: ${(e as Error).message}`);
  }
  if (payload.idt === undefined || payload.idt === null)
    throw new IdentityError(`${IDENTITY_HEADER} carries no identity`);
  const parsed = identitySchema.safeParse(payload.idt);
  if (!parsed.success)
    throw new IdentityError(
      `${IDENTITY_HEADER} carries a malformed identity: ${identityProblems(payload.idt).join('; ')}`,
    );
  return parsed.data as Identity;
}

/**
 * Verifies with a cache of recently verified headers: the gateway signs one header per user and reuses it
 * while it is fresh, so most requests skip the signature check.
 */
export function cachedIdentityVerifier(keys: IdentityKeys, maxEntries = 10_000) {
  const cache = new Map<string, { identity: Identity; expiresAt: number }>();
  return async (token: string | undefined): Promise<Identity> => {
    if (token) {
      const hit = cache.get(token);
      if (hit && hit.expiresAt > Date.now()) return hit.identity;
    }
    const identity = await verifyIdentity(token, keys);
    const exp = JSON.parse(Buffer.from(token!.split('.')[1]!, 'base64url').toString()).exp as number;
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
    cache.set(token!, { identity, expiresAt: exp * 1000 });
    return identity;
  };
}
