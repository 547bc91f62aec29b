import type { AddressInfo } from 'node:net';
import { generatePopulation } from '@onething/legacy-kit';
import type { Logger, tracingSettings } from '@onething/runtime';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  LogController,
} from 'fastify';
import type Provider from 'oidc-provider';
import { accountsOf } from './accounts';
import type { Mint } from './dev-grants';
import { OAuthError } from './errors';
import { signingKeyFor } from './keys';
import { registerLogin } from './login';
import { personasFor } from './personas';
import { createProvider } from './provider';
import { limitTokenRequests } from './rate-limit';
import { registerRoutes } from './routes';
import type { DevIdpConfig } from './settings';
import type { Persona } from './types';

/** Sign-in forms are a field or two. */
const BODY_LIMIT = 64 * 1024;
const FORM = 'application/x-www-form-urlencoded';

/** The configuration the provider is built from (everything of {@link DevIdpConfig} but the log level, profile and traces). */
export type DevIdpOptions = Omit<DevIdpConfig, 'logLevel' | 'profile' | keyof typeof tracingSettings>;

/** A built identity provider; it listens only when `listen()` is called. */
export interface DevIdp {
  readonly app: FastifyInstance;
  readonly personas: readonly Persona[];
  /** Base URL once listening, e.g. `http://127.0.0.1:4010`; the JWKS is at `${url}/.well-known/jwks.json`. */
  readonly url: string;
  /** The issuer URL of its tokens once listening: ISSUER, or the base URL. */
  readonly issuer: string;
  listen(): Promise<{ url: string }>;
  close(): Promise<void>;
}

/** Parses a form, refusing a parameter sent twice, as RFC 6749 §3.2 requires. */
function parseForm(text: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    if (Object.hasOwn(params, name))
      throw new OAuthError('invalid_request', `the parameter ${name} is sent more than once; send it once`);
    params[name] = value;
  }
  return params;
}

/** What a request Fastify refused before a route ran was missing, and how to send it right. */
function describeFastifyError(err: FastifyError): string {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return `the body's content type is not accepted: send ${FORM} or application/json`;
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `the body is larger than ${BODY_LIMIT / 1024} KiB; a token request is a few fields`;
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'the JSON body is empty: send the token parameters, e.g. {"grant_type":"persona","persona":"citizen"}';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'the body is not valid JSON: send the token parameters, e.g. {"grant_type":"persona","persona":"citizen"}';
    default:
      return `the request is malformed (${err.message}); send a form or a JSON object of the token parameters`;
  }
}

function urlOf(address: AddressInfo): string {
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/**
 * Builds the development identity provider: personas chosen from the seeded population, a signing key
 * (from SIGNING_KEY_FILE or generated), an OpenID provider (`oidc-provider`) with the personas as its
 * accounts and a sign-in page that lists them, and the development endpoints beside it. Throws a
 * ConfigError for an unusable key file, and one naming SEED_PERSONS when the population is too small to
 * hold every persona. The OpenID provider is made at `listen()`, when its issuer URL is known.
 */
export function createDevIdp(config: DevIdpOptions, log: Logger): DevIdp {
  const population = generatePopulation({ seed: config.seed, persons: config.persons });
  const personas = personasFor(population);
  const accounts = accountsOf(personas, population, config.allowCustomTokens);
  const key = signingKeyFor(config.signingKeyFile);
  let provider: Provider | undefined;
  let mint: Mint | undefined;
  const notYet = () => new Error('the identity provider is not listening yet: await listen() first');

  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
  });
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(FORM, { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parseForm(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.setErrorHandler((err: FastifyError | OAuthError, req, reply) => {
    if (err instanceof OAuthError) return reply.code(err.status).headers(err.headers).send(err.body);
    // The OpenID provider's own errors (a persona grant refused, an interaction expired) say what was wrong.
    const oidc = err as Partial<{ error: string; error_description: string; statusCode: number }>;
    if (typeof oidc.error === 'string' && typeof oidc.statusCode === 'number' && oidc.statusCode < 500)
      return reply
        .code(oidc.statusCode)
        .send({ error: oidc.error, error_description: oidc.error_description ?? oidc.error });
    const status = err.statusCode ?? 500;
    if (status < 500)
      return reply
        .code(status)
        .send({ error: 'invalid_request', error_description: describeFastifyError(err) });
    req.log.error({ err }, 'request failed');
    return reply
      .code(500)
      .send({ error: 'server_error', error_description: 'the provider failed; its log says why' });
  });
  if (!config.limitsLifted) limitTokenRequests(app, config.tokenRequestsPerMinute);
  registerRoutes(app, {
    key,
    personaList: personas,
    personas: new Map(personas.map((p) => [p.id, p])),
    mint: () => mint ?? (() => Promise.reject(notYet())),
  });
  registerLogin(
    app,
    () => {
      if (!provider) throw notYet();
      return provider;
    },
    personas,
    accounts,
  );
  // Everything else is the OpenID provider's (discovery, JWKS, /auth, POST /token, /me, /session/end…):
  // its requests reach it unread, as a Koa app expects them.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
    scope.all('/*', (req, reply) => {
      if (!provider) throw notYet();
      reply.hijack();
      provider.callback()(req.raw, reply.raw);
    });
  });

  let url: string | undefined;
  let issuer: string | undefined;
  return {
    app,
    personas,
    get url() {
      if (url === undefined) throw notYet();
      return url;
    },
    get issuer() {
      if (issuer === undefined) throw notYet();
      return issuer;
    },
    async listen() {
      await app.listen({ host: config.host, port: config.port });
      url = urlOf(app.server.address() as AddressInfo);
      issuer = config.issuer ?? url;
      ({ provider, mint } = createProvider(
        {
          issuer,
          audience: config.audience,
          tokenTtlSeconds: config.tokenTtlSeconds,
          key,
          personas,
          accounts,
          serviceClients: config.serviceClients,
          allowCustomTokens: config.allowCustomTokens,
          webClientId: config.webClientId,
          webRedirectUris: config.webRedirectUris,
        },
        log,
      ));
      log.info(
        { url, issuer, audience: config.audience, kid: key.jwk.kid, key: key.source },
        'dev identity provider listening',
      );
      return { url };
    },
    async close() {
      await app.close();
    },
  };
}
