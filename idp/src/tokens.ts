import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SigningKey } from './keys';
import type { IdentityClaims, TokenClaims } from './types';

/** What every token of one provider shares. */
export interface TokenPolicy {
  readonly issuer: string;
  readonly audience: string;
  readonly ttlSeconds: number;
}

/** A signed token and what the token endpoint says about it. */
export interface IssuedToken {
  readonly token: string;
  readonly claims: TokenClaims;
  readonly expiresIn: number;
}

/** Signs access tokens (JWT, RS256, `kid` in the header) as an OIDC provider does. */
export class TokenIssuer {
  constructor(
    private readonly key: SigningKey,
    private readonly policy: TokenPolicy,
  ) {}

  /** Signs `identity` with this provider's issuer, audience and lifetime, and a fresh `jti`. */
  async issue(identity: IdentityClaims, now: Date = new Date()): Promise<IssuedToken> {
    const iat = Math.floor(now.getTime() / 1000);
    const claims: TokenClaims = {
      ...identity,
      iss: this.policy.issuer,
      aud: this.policy.audience,
      iat,
      exp: iat + this.policy.ttlSeconds,
      jti: randomUUID(),
    };
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.key.jwk.kid })
      .sign(this.key.privateKey);
    return { token, claims, expiresIn: this.policy.ttlSeconds };
  }
}
