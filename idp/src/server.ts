import type { AddressInfo } from 'node:net';
import { generatePopulation } from '@onething/legacy-kit';
import type { Logger } from '@onething/runtime';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  LogController,
} from 'fastify';
import { OAuthError } from './errors';
import { signingKeyFor } from './keys';
import { personasFor } from './personas';
import { limitTokenRequests } from './rate-limit';
import { registerRoutes } from './routes';
import type { DevIdpConfig } from './settings';
import { TokenIssuer } from './tokens';
import type { Persona } from './types';

/** Token requests are a handful of fields; custom claims a few hundred bytes. */
const BODY_LIMIT = 64 * 1024;
const FORM = 'application/x-www-form-urlencoded';

/** The configuration the provider is built from (everything of {@link DevIdpConfig} but the log level and profile). */
export type DevIdpOptions = Omit<DevIdpConfig, 'logLevel' | 'profile'>;

/** A built identity provider; it listens only when `listen()` is called. */
export interface DevIdp {
  readonly app: FastifyInstance;
  readonly personas: readonly Persona[];
  /** Base URL once listening, e.g. `http://127.0.0.1:4010`; the JWKS is at `${url}/.well-known/jwks.json`. */
  readonly url: string;
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
 * (from SIGNING_KEY_FILE or generated), and the OIDC-shaped endpoints that publish the key and issue
 * tokens. Throws a ConfigError for an unusable key file, and one naming SEED_PERSONS when the
 * population is too small to hold every persona.
 */
export function createDevIdp(config: DevIdpOptions, log: Logger): DevIdp {
  const personas = personasFor(generatePopulation({ seed: config.seed, persons: config.persons }));
  const key = signingKeyFor(config.signingKeyFile);
  const issuer = new TokenIssuer(key, {
    issuer: config.issuer,
    audience: config.audience,
    ttlSeconds: config.tokenTtlSeconds,
  });

  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
  });
  // Fastify reads text/plain by default; a token request in it is a mistake, answered 415 like any other type.
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
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({
      error: 'not_found',
      error_description: `there is no ${req.method} ${req.url.split('?')[0]}; the endpoints are GET /.well-known/openid-configuration, GET /.well-known/jwks.json, GET /personas, POST or GET /token, GET /health`,
    });
  });
  if (!config.limitsLifted) limitTokenRequests(app, config.tokenRequestsPerMinute);
  registerRoutes(app, {
    key,
    issuer,
    issuerName: config.issuer,
    personaList: personas,
    personas: new Map(personas.map((p) => [p.id, p])),
    clients: config.serviceClients,
    allowCustomTokens: config.allowCustomTokens,
  });

  let url: string | undefined;
  return {
    app,
    personas,
    get url() {
      if (url === undefined)
        throw new Error('the identity provider is not listening yet: await listen() first');
      return url;
    },
    async listen() {
      await app.listen({ host: config.host, port: config.port });
      url = urlOf(app.server.address() as AddressInfo);
      log.info(
        { url, issuer: config.issuer, audience: config.audience, kid: key.jwk.kid, key: key.source },
        'dev identity provider listening',
      );
      return { url };
    },
    async close() {
      await app.close();
    },
  };
}
