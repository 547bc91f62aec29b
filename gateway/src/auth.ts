import {
  ANONYMOUS,
  type Identity,
  type IdentitySigningKey,
  identityProblems,
  type KeySource,
  type Role,
  signIdentity,
} from '@onething/runtime/identity';
// The identifiers alone: the package's root also loads composition, which the gateway has no use for.
import { validateResidentId, validateUscc } from '@onething/schema/identifiers';
import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';
import { type ClaimMapping, mapClaims, OUR_CLAIMS } from './claim-mapping';

/** Why a request's credentials were refused: the gateway answers 401 with this message. */
export class AuthError extends Error {
  override readonly name = 'AuthError';
}

const ROLES: readonly Role[] = ['applicant', 'window-staff', 'department-staff', 'supervisor', 'service'];

/** The identity a verified token states. */
export function identityFromClaims(claims: JWTPayload): Identity {
  const role = claims.role as Role;
  if (!ROLES.includes(role))
    throw new AuthError(`the token's role ${JSON.stringify(claims.role)} is not one of ${ROLES.join(', ')}`);
  const strings = (v: unknown) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  const idNumber = typeof claims.id_number === 'string' ? claims.id_number : undefined;
  if (role === 'applicant' && !idNumber) throw new AuthError('an applicant token must carry id_number');
  // The subgraphs trust these as the applicant's own keys: a value that cannot be one is a broken or forged token.
  if (idNumber !== undefined && !validateResidentId(idNumber).ok)
    throw new AuthError(
      `the token's id_number ${JSON.stringify(idNumber.slice(0, 40))} is not a resident ID number`,
    );
  const enterprises = strings(claims.enterprises);
  const notUscc = enterprises.find((e) => !validateUscc(e).ok);
  if (notUscc !== undefined)
    throw new AuthError(
      `the token's enterprises hold ${JSON.stringify(notUscc.slice(0, 40))}, which is not a USCC`,
    );
  const identity: Identity = {
    subject: String(claims.sub ?? ''),
    role,
    ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
    ...(idNumber ? { idNumber } : {}),
    enterprises,
    departments: strings(claims.departments),
    ...(typeof claims.centre === 'string' && (role === 'window-staff' || role === 'supervisor')
      ? { centre: claims.centre }
      : {}),
  };
  // Subgraphs check the identity's shape again; what they would refuse is refused here, once, saying why.
  const problems = identityProblems(identity);
  if (problems.length > 0)
    throw new AuthError(`the token states no identity this service can accept: ${problems.join('; ')}`);
  return identity;
}

/**
 * Verifies bearer tokens against the identity provider's JWKS (keys fetched and cached by jose), and
 * signs the internal header for each identity. Verified tokens and signed headers are cached for a while,
 * so a busy user costs one verification, not one per request.
 */
export function createAuth(options: {
  /**
   * An OpenID provider's issuer URL (OIDC_ISSUER): its issuer and JWKS are read from its discovery
   * document, and `jwksUrl` and `issuer` are not used.
   */
  readonly oidcIssuer?: string | undefined;
  readonly jwksUrl: string | undefined;
  readonly issuer: string;
  readonly audience: string;
  /** Where the provider's tokens carry the identity; ours by default. */
  readonly claims?: ClaimMapping;
  /** `false` (AUTH=off): no token is verified, every request is anonymous. */
  readonly verifyTokens?: boolean;
  /**
   * The gateway's private key (INTERNAL_IDENTITY_KEY_FILE), re-read when its file changes; none where no
   * subgraph is sent the identity header.
   */
  readonly signingKey: IdentitySigningKey | KeySource<IdentitySigningKey> | undefined;
  /** Lifetime of an internal header; it is reused for half of it. */
  readonly headerTtlSeconds?: number;
}) {
  type Verifier = { jwks: ReturnType<typeof createRemoteJWKSet>; issuer: string };
  const fixed: Verifier | undefined =
    options.jwksUrl && !options.oidcIssuer
      ? { jwks: createRemoteJWKSet(new URL(options.jwksUrl)), issuer: options.issuer }
      : undefined;
  // Discovery is read on the first token, and again after a failure: the provider may start after us.
  let discovered: Promise<Verifier> | undefined;
  const discover = (issuerUrl: string): Promise<Verifier> => {
    discovered ??= (async () => {
      const url = `${issuerUrl.replace(/\/+$/, '')}/.well-known/openid-configuration`;
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
      const doc = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
      if (typeof doc.issuer !== 'string' || typeof doc.jwks_uri !== 'string')
        throw new Error(`${url} names no issuer and jwks_uri`);
      return { jwks: createRemoteJWKSet(new URL(doc.jwks_uri)), issuer: doc.issuer };
    })().catch((e) => {
      discovered = undefined;
      throw new AuthError(
        `the identity provider's discovery cannot be read (${(e as Error).message}); try again`,
      );
    });
    return discovered;
  };
  const verifier = async (): Promise<Verifier | undefined> =>
    options.oidcIssuer ? discover(options.oidcIssuer) : fixed;
  const mapping = options.claims ?? OUR_CLAIMS;
  const ttl = options.headerTtlSeconds ?? 60;
  const verified = new Map<string, { identity: Identity; expiresAt: number }>();
  const headers = new Map<string, { header: string; renewAt: number }>();

  const { signingKey } = options;
  const headerFor = async (identity: Identity): Promise<string> => {
    if (!signingKey) throw new Error('no identity key (INTERNAL_IDENTITY_KEY_FILE): no header can be signed');
    const signer = 'current' in signingKey ? signingKey.current() : signingKey;
    // By key too: a rotated key signs afresh at once.
    const key = `${signer.kid} ${JSON.stringify(identity)}`;
    const hit = headers.get(key);
    if (hit && hit.renewAt > Date.now()) return hit.header;
    const header = await signIdentity(identity, signer, ttl);
    if (headers.size > 10_000) headers.clear();
    headers.set(key, { header, renewAt: Date.now() + (ttl * 1000) / 2 });
    return header;
  };

  const verify = async (token: string): Promise<Identity> => {
    const hit = verified.get(token);
    if (hit && hit.expiresAt > Date.now()) return hit.identity;
    const v = await verifier();
    if (!v) throw new AuthError('this gateway accepts no tokens (neither OIDC_ISSUER nor JWKS_URL is set)');
    let payload: JWTPayload;
    try {
      // A token without an expiry would be good forever: exp is required, as iss and aud are.
      ({ payload } = await jwtVerify(token, v.jwks, {
        issuer: v.issuer,
        audience: options.audience,
        requiredClaims: ['exp'],
      }));
    } catch (e) {
      if (e instanceof errors.JWTExpired) throw new AuthError('the token has expired: sign in again');
      if (e instanceof errors.JWTClaimValidationFailed)
        throw new AuthError(`the token is not for this service: ${e.message}`);
      throw new AuthError(`the token is not valid: ${(e as Error).message}`);
    }
    const identity = identityFromClaims(mapClaims(payload, mapping));
    if (verified.size > 10_000) verified.clear();
    verified.set(token, {
      identity,
      expiresAt: Math.min((payload.exp ?? 0) * 1000, Date.now() + 5 * 60_000),
    });
    return identity;
  };

  return {
    /**
     * The identity of a request from its Authorization header (none, or tokens not verified: anonymous). A
     * service may act for an applicant, named in `x-onething-acting-for` (and their enterprises in
     * `x-onething-acting-for-enterprises`).
     */
    async identify(
      authorization: string | undefined,
      actingFor?: string,
      actingForEnterprises?: string,
    ): Promise<Identity> {
      if (!authorization || options.verifyTokens === false) return ANONYMOUS;
      const m = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!m) throw new AuthError('the Authorization header must be "Bearer <token>"');
      const identity = await verify(m[1]!);
      if (!actingFor) return identity;
      if (identity.role !== 'service') throw new AuthError('only a service may act for an applicant');
      const enterprises = (actingForEnterprises ?? '').split(',').filter(Boolean);
      if (!validateResidentId(actingFor).ok || enterprises.some((e) => !validateUscc(e).ok))
        throw new AuthError(
          'x-onething-acting-for must be a resident ID number, and x-onething-acting-for-enterprises USCCs separated by commas',
        );
      return { ...identity, actingFor: { idNumber: actingFor, enterprises } };
    },
    headerFor,
  };
}

export type Auth = ReturnType<typeof createAuth>;
