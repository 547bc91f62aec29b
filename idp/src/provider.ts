import { randomBytes } from 'node:crypto';
import { type Logger, maskIdNumbersIn } from '@onething/runtime';
import Provider, { type Configuration, errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { Accounts } from './accounts';
import { personaClaims, serviceClaims } from './claims';
import { type Mint, registerDevGrants } from './dev-grants';
import type { SigningKey } from './keys';
import { logoutPage } from './login';
import type { ServiceClients } from './settings';
import type { IdentityClaims, Persona } from './types';

/** The resource every access token is for: the one schema behind the gateway. Its `aud` is AUDIENCE. */
export const RESOURCE = 'urn:onething:graphql';

/** The public client the development grants (persona, custom) are asked for with. */
export const DEV_CLIENT = 'dev-tools';

/** The scopes a client may ask for; `onething` carries the claims the gateway's access rules read. */
const SCOPES = ['openid', 'offline_access', 'profile', 'onething'];

/** What the provider is built from. */
export interface ProviderOptions {
  /** The issuer URL (`iss`), also the base of discovery. */
  readonly issuer: string;
  readonly audience: string;
  readonly tokenTtlSeconds: number;
  readonly key: SigningKey;
  readonly personas: readonly Persona[];
  /** The accounts one may sign in as: the personas, and in development every seeded resident. */
  readonly accounts: Accounts;
  readonly serviceClients: ServiceClients;
  readonly allowCustomTokens: boolean;
  /** The web app's client id, a public client of the authorization-code flow with PKCE. */
  readonly webClientId: string;
  /** Where the web app may be sent back to after sign-in. */
  readonly webRedirectUris: readonly string[];
}

/**
 * Identities a token may be minted for without a sign-in: what the `custom` grant checked, by the token
 * instance, so two tests asking for the same `sub` with different claims each get their own.
 */
const minted = new WeakMap<object, IdentityClaims>();

/** The identity claims of a token beside `sub`, `iss`, `aud`, `exp` and the rest the library sets. */
function identityOf(
  token: { accountId?: string; clientId?: string },
  accounts: Accounts,
): IdentityClaims | undefined {
  if (token.accountId !== undefined) {
    const persona = accounts.bySubject(token.accountId);
    return persona ? personaClaims(persona) : undefined;
  }
  return token.clientId ? serviceClaims(token.clientId) : undefined;
}

/** The claims of an identity, without `sub` (the library sets it from the account or the client). */
function withoutSub(identity: IdentityClaims): Record<string, unknown> {
  const { sub: _, ...rest } = identity;
  return rest;
}

/**
 * The OpenID provider (`oidc-provider`): discovery, JWKS, authorization code with PKCE for the web app,
 * refresh tokens, client credentials for the services, and the personas as its accounts. Access tokens
 * are RS256 JWTs for {@link RESOURCE} whose audience is AUDIENCE and which carry the identity claims.
 */
export function createProvider(options: ProviderOptions, log: Logger): { provider: Provider; mint: Mint } {
  const origins = [...new Set(options.webRedirectUris.map((u) => new URL(u).origin))];
  const resourceServer = {
    scope: SCOPES.join(' '),
    audience: options.audience,
    accessTokenTTL: options.tokenTtlSeconds,
    accessTokenFormat: 'jwt' as const,
    jwt: { sign: { alg: 'RS256' as const } },
  };
  const configuration: Configuration = {
    clients: [
      {
        client_id: options.webClientId,
        client_name: '一件事 One thing',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [...options.webRedirectUris],
        post_logout_redirect_uris: origins.map((o) => `${o}/`),
        scope: SCOPES.join(' '),
      },
      ...[...options.serviceClients].map(([id, secret]) => ({
        client_id: id,
        client_secret: secret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_post' as const,
      })),
      {
        client_id: DEV_CLIENT,
        client_name: 'development tools and tests',
        token_endpoint_auth_method: 'none',
        grant_types: options.allowCustomTokens ? ['persona', 'custom'] : ['persona'],
        response_types: [],
        redirect_uris: [],
      },
    ],
    // Service clients authenticate in the body or by HTTP Basic, as the hand-written provider allowed.
    clientAuthMethods: ['none', 'client_secret_post', 'client_secret_basic'],
    scopes: SCOPES,
    // The authorization-code flow only (no implicit), and the JWKS where the hand-written provider had it.
    responseTypes: ['code'],
    routes: { jwks: '/.well-known/jwks.json' },
    claims: {
      openid: ['sub'],
      profile: ['name'],
      onething: ['role', 'id_number', 'enterprises', 'departments', 'persona'],
    },
    // The ID token carries the claims of its scopes, so the web app reads who signed in from it.
    conformIdTokenClaims: false,
    async findAccount(_ctx, sub) {
      const persona = options.accounts.bySubject(sub);
      if (!persona) return undefined;
      return { accountId: sub, claims: async () => ({ ...personaClaims(persona) }) };
    },
    async extraTokenClaims(_ctx, token) {
      const identity = minted.get(token) ?? identityOf(token as never, options.accounts);
      return identity ? withoutSub(identity) : undefined;
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // Ours, not the library's (which loads a web font: nothing outside is reachable in CI).
        async logoutSource(ctx, form) {
          ctx.type = 'text/html; charset=utf-8';
          ctx.body = logoutPage(form);
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== RESOURCE) throw new errors.InvalidTarget(`the only resource is ${RESOURCE}`);
          return resourceServer;
        },
      },
    },
    pkce: { required: () => true },
    // Every client allowed refresh tokens gets one (the web app renews its token without a new sign-in).
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: {
      AccessToken: options.tokenTtlSeconds,
      ClientCredentials: options.tokenTtlSeconds,
      IdToken: options.tokenTtlSeconds,
      AuthorizationCode: 60,
      Interaction: 3600,
      Session: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
      RefreshToken: 14 * 24 * 3600,
    },
    jwks: { keys: [{ ...options.key.privateJwk, kid: options.key.jwk.kid, alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async renderError(ctx: KoaContextWithOIDC, out) {
      ctx.type = 'application/json; charset=utf-8';
      ctx.body = out;
    },
  };
  const provider = new Provider(options.issuer, configuration);
  const mint: Mint = async (ctx, identity) => {
    const client = ctx?.oidc.client ?? (await provider.Client.find(DEV_CLIENT));
    if (!client) throw new Error(`the client ${DEV_CLIENT} is missing`);
    const token = new provider.AccessToken({
      accountId: identity.sub,
      client,
      // No sign-in stands behind it, so no grant either; the id only names it in the log.
      grantId: `dev-${randomBytes(8).toString('hex')}`,
      gty: ctx?.oidc.params?.grant_type === 'custom' ? 'custom' : 'persona',
      scope: 'onething',
    });
    token.resourceServer = new provider.ResourceServer(RESOURCE, resourceServer);
    minted.set(token, identity);
    const value = await token.save();
    log.info(
      {
        grant: ctx?.oidc.params?.grant_type ?? 'persona',
        persona: identity.persona,
        role: identity.role,
        sub: maskIdNumbersIn(identity.sub),
        jti: token.jti,
      },
      'token issued',
    );
    return {
      access_token: value,
      token_type: 'Bearer',
      expires_in: token.expiration,
      scope: 'onething',
      ...(identity.persona === undefined ? {} : { persona: identity.persona }),
    };
  };
  registerDevGrants(provider, {
    personas: new Map(options.personas.map((p) => [p.id, p])),
    allowCustomTokens: options.allowCustomTokens,
    mint,
  });
  provider.on('server_error', (_ctx, err) => log.error({ err }, 'the OpenID provider failed'));
  provider.on('grant.success', (ctx) => {
    const token = ctx.oidc.entities.AccessToken ?? ctx.oidc.entities.ClientCredentials;
    log.info(
      { grant: ctx.oidc.params?.grant_type, client: ctx.oidc.client?.clientId, jti: token?.jti },
      'token issued',
    );
  });
  return { provider, mint };
}
