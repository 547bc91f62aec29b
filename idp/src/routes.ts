import { maskIdNumbersIn } from '@onething/runtime';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OAuthError } from './errors';
import { GRANT_TYPES, type GrantContext, grantFor, type TokenParams } from './grants';
import type { SigningKey } from './keys';
import type { TokenIssuer } from './tokens';
import type { Persona } from './types';

/** What the routes serve from. */
export interface RouteContext extends GrantContext {
  readonly key: SigningKey;
  readonly issuer: TokenIssuer;
  readonly issuerName: string;
  readonly personaList: readonly Persona[];
}

/** The answer of the token endpoint (RFC 6749 §5.1), plus the persona it was issued for. */
export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly persona?: string;
}

/** The address clients reached this request at, so discovery works behind any host name or port. */
function baseUrl(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

async function answerToken(
  req: FastifyRequest,
  reply: FastifyReply,
  params: TokenParams,
  ctx: RouteContext,
): Promise<TokenResponse> {
  const grant = grantFor(params, req.headers.authorization, ctx);
  const issued = await ctx.issuer.issue(grant.identity);
  req.log.info(
    {
      grant: params.grant_type,
      persona: grant.persona,
      role: issued.claims.role,
      sub: maskIdNumbersIn(issued.claims.sub),
      jti: issued.claims.jti,
    },
    'token issued',
  );
  // Tokens are credentials: no cache may keep them (RFC 6749 §5.1).
  reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
  return {
    access_token: issued.token,
    token_type: 'Bearer',
    expires_in: issued.expiresIn,
    ...(grant.persona === undefined ? {} : { persona: grant.persona }),
  };
}

/** Registers discovery, the JWKS, the personas, the token endpoint and health. */
export function registerRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/.well-known/openid-configuration', async (req) => {
    const base = baseUrl(req);
    return {
      issuer: ctx.issuerName,
      jwks_uri: `${base}/.well-known/jwks.json`,
      token_endpoint: `${base}/token`,
      id_token_signing_alg_values_supported: ['RS256'],
      grant_types_supported: GRANT_TYPES.filter((g) => g !== 'custom' || ctx.allowCustomTokens),
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      subject_types_supported: ['public'],
      claims_supported: ['sub', 'name', 'role', 'id_number', 'enterprises', 'departments', 'persona'],
    };
  });

  app.get('/.well-known/jwks.json', async (_req, reply) => {
    // A generated key changes on restart; verifiers refetch on an unknown kid, so a short cache is enough.
    reply.header('cache-control', 'public, max-age=300');
    return { keys: [ctx.key.jwk] };
  });

  app.get('/personas', async () => ctx.personaList);

  app.post('/token', async (req, reply) => {
    const body = req.body ?? {};
    if (typeof body !== 'object' || Array.isArray(body))
      throw new OAuthError(
        'invalid_request',
        'the body must be a form (application/x-www-form-urlencoded) or a JSON object of the token parameters',
      );
    return answerToken(req, reply, body as TokenParams, ctx);
  });

  // A development convenience: `curl localhost:4010/token?persona=citizen` gives a token at once.
  app.get('/token', async (req, reply) => {
    const { persona } = req.query as Record<string, unknown>;
    return answerToken(req, reply, { grant_type: 'persona', persona }, ctx);
  });

  app.get('/health', async () => ({ status: 'ok', personas: ctx.personaList.length, kid: ctx.key.jwk.kid }));
}
