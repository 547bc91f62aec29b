import { checkCustomClaims, personaClaims, serviceClaims } from './claims';
import { authenticateClient, basicCredentials } from './client-auth';
import { OAuthError } from './errors';
import type { ServiceClients } from './settings';
import type { IdentityClaims, Persona } from './types';

/** The grant types of the token endpoint. */
export const GRANT_TYPES = ['persona', 'client_credentials', 'custom'] as const;

/** What the grants need to know about this provider. */
export interface GrantContext {
  readonly personas: ReadonlyMap<string, Persona>;
  readonly clients: ServiceClients;
  readonly allowCustomTokens: boolean;
}

/** The identity a token request is granted. */
export interface Grant {
  readonly identity: IdentityClaims;
  /** The persona id, for the `persona` grant. */
  readonly persona?: string;
}

/** The parameters of a token request: a parsed form (all strings) or a JSON object. */
export type TokenParams = Readonly<Record<string, unknown>>;

const HOW = {
  persona: 'persona (with persona=<id>)',
  client_credentials: 'client_credentials (with client_id and client_secret, or HTTP Basic)',
  custom: 'custom (with claims, a JSON object)',
};

function text(params: TokenParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string')
    throw new OAuthError('invalid_request', `${name} must be a string, not ${JSON.stringify(value)}`);
  return value;
}

function supported(ctx: GrantContext): string {
  return GRANT_TYPES.filter((g) => g !== 'custom' || ctx.allowCustomTokens)
    .map((g) => HOW[g])
    .join('; ');
}

function personaGrant(params: TokenParams, ctx: GrantContext): Grant {
  const id = text(params, 'persona');
  const known = [...ctx.personas.keys()].join(', ');
  if (id === undefined)
    throw new OAuthError(
      'invalid_request',
      `persona is missing: name one of ${known} (GET /personas lists them)`,
    );
  const persona = ctx.personas.get(id);
  if (!persona)
    throw new OAuthError(
      'invalid_request',
      `unknown persona "${id}": use one of ${known} (GET /personas lists them)`,
    );
  return { identity: personaClaims(persona), persona: persona.id };
}

function clientGrant(params: TokenParams, authorization: string | undefined, ctx: GrantContext): Grant {
  const basic = basicCredentials(authorization);
  const bodyId = text(params, 'client_id');
  const bodySecret = text(params, 'client_secret');
  if (basic && bodySecret !== undefined)
    throw new OAuthError(
      'invalid_request',
      'the client authenticated twice (HTTP Basic and client_secret in the body); use one of them',
    );
  if (basic && bodyId !== undefined && bodyId !== basic.id)
    throw new OAuthError(
      'invalid_request',
      'client_id in the body differs from the HTTP Basic client; drop one',
    );
  const presented =
    basic ??
    (bodyId !== undefined && bodySecret !== undefined
      ? { id: bodyId, secret: bodySecret, via: 'body' as const }
      : undefined);
  if (!presented)
    throw new OAuthError(
      'invalid_client',
      'no client credentials: send client_id and client_secret in the body, or HTTP Basic (e.g. `curl -u hall:hall-dev-secret`)',
    );
  return { identity: serviceClaims(authenticateClient(ctx.clients, presented)) };
}

function customGrant(params: TokenParams, ctx: GrantContext): Grant {
  if (!ctx.allowCustomTokens)
    throw new OAuthError(
      'unauthorized_client',
      `custom tokens are disabled on this provider (ALLOW_CUSTOM_TOKENS=false); use ${HOW.persona} or ${HOW.client_credentials}, or enable them`,
    );
  let claims = params.claims;
  if (claims === undefined || claims === '')
    throw new OAuthError(
      'invalid_request',
      'claims is missing: give the claims to sign, e.g. {"role":"applicant","name":"张三","id_number":"…"}',
    );
  if (typeof claims === 'string') {
    try {
      claims = JSON.parse(claims);
    } catch {
      throw new OAuthError(
        'invalid_request',
        'claims is not JSON: in a form body, send the claims object as JSON text',
      );
    }
  }
  const checked = checkCustomClaims(claims);
  if (!checked.ok)
    throw new OAuthError('invalid_request', `the claims are not valid: ${checked.problems.join('; ')}`);
  return { identity: checked.claims };
}

/**
 * Decides what a token request is granted, or refuses it with the OAuth error that says why: a persona's
 * identity, a service client's, or (when enabled) the custom claims a test asked for.
 */
export function grantFor(params: TokenParams, authorization: string | undefined, ctx: GrantContext): Grant {
  const grantType = text(params, 'grant_type');
  switch (grantType) {
    case 'persona':
      return personaGrant(params, ctx);
    case 'client_credentials':
      return clientGrant(params, authorization, ctx);
    case 'custom':
      return customGrant(params, ctx);
    case undefined:
      throw new OAuthError('invalid_request', `grant_type is missing: use ${supported(ctx)}`);
    default:
      throw new OAuthError(
        'unsupported_grant_type',
        `grant_type "${grantType}" is not supported here: use ${supported(ctx)}`,
      );
  }
}
