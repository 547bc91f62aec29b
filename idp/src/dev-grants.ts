import { errors, type KoaContextWithOIDC, type Provider } from 'oidc-provider';
import { checkCustomClaims, personaClaims } from './claims';
import type { IdentityClaims, Persona } from './types';

/** An access token answer of the token endpoint (RFC 6749 §5.1), plus the persona it was issued for. */
export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly scope?: string;
  readonly persona?: string;
}

/** Signs an access token for an identity, as the provider signs those of the code flow. */
export type Mint = (ctx: KoaContextWithOIDC | undefined, identity: IdentityClaims) => Promise<TokenResponse>;

/** What the development grants need to know about this provider. */
export interface DevGrantContext {
  readonly personas: ReadonlyMap<string, Persona>;
  readonly allowCustomTokens: boolean;
  readonly mint: Mint;
}

/** The token of a persona, by its id; an unknown or missing id is refused naming the known ones. */
export function personaGrant(personas: ReadonlyMap<string, Persona>, id: unknown): IdentityClaims {
  const known = [...personas.keys()].join(', ');
  if (typeof id !== 'string' || id === '')
    throw new errors.InvalidRequest(`persona is missing: name one of ${known} (GET /personas lists them)`);
  const persona = personas.get(id);
  if (!persona)
    throw new errors.InvalidRequest(
      `unknown persona "${id}": use one of ${known} (GET /personas lists them)`,
    );
  return personaClaims(persona);
}

function customGrant(text: unknown): IdentityClaims {
  if (text === undefined || text === '')
    throw new errors.InvalidRequest(
      'claims is missing: give the claims to sign as JSON text, e.g. {"role":"applicant","name":"张三","id_number":"…"}',
    );
  let claims: unknown;
  try {
    claims = JSON.parse(String(text));
  } catch {
    throw new errors.InvalidRequest('claims is not JSON: send the claims object as JSON text');
  }
  const checked = checkCustomClaims(claims);
  if (!checked.ok)
    throw new errors.InvalidRequest(`the claims are not valid: ${checked.problems.join('; ')}`);
  return checked.claims;
}

/**
 * Registers the two development grants at the token endpoint, for the public client `dev-tools`: `persona`
 * (a seeded persona's token without the sign-in page, for scripts and tests) and, only while
 * ALLOW_CUSTOM_TOKENS is on, `custom` (any identity a test needs, checked claim by claim).
 */
export function registerDevGrants(provider: Provider, ctx: DevGrantContext): void {
  provider.registerGrantType(
    'persona',
    async (oidc) => {
      oidc.body = await ctx.mint(oidc, personaGrant(ctx.personas, oidc.oidc.params.persona));
    },
    ['persona'],
  );
  if (!ctx.allowCustomTokens) return;
  provider.registerGrantType(
    'custom',
    async (oidc) => {
      oidc.body = await ctx.mint(oidc, customGrant(oidc.oidc.params.claims));
    },
    ['claims'],
  );
}
