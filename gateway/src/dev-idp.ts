import type { Logger } from '@onething/runtime';
import { sendError } from '@onething/runtime/http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { type Dispatcher, errors, request } from 'undici';

/** What the development identity provider's passage needs. */
export interface DevIdpOptions {
  /** The development identity provider (DEV_IDP_URL), without a trailing slash; undefined where there is none. */
  readonly url: string | undefined;
  readonly dispatcher: Dispatcher;
  /** How long the identity provider has to answer, in ms. */
  readonly timeoutMs?: number;
  readonly log: Logger;
}

/**
 * `/idp/personas` and `/idp/token?persona=<id>`: the development identity provider's two endpoints passed
 * to the web app on the gateway's own origin, so the app signs in with a persona under its strict CSP
 * (`connect-src 'self'`). Development only: without DEV_IDP_URL every /idp path answers 404, and users
 * sign in at the real identity provider.
 */
export function registerDevIdp(app: FastifyInstance, options: DevIdpOptions): void {
  const { url, log } = options;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const none = (_: unknown, reply: FastifyReply) =>
    sendError(reply, 'NOT_FOUND', 'no development identity provider: sign in with your identity provider');
  if (url === undefined) {
    app.all('/idp', none);
    app.all('/idp/*', none);
    return;
  }
  log.warn(
    { devIdpUrl: url },
    'DEV_IDP_URL is set: /idp/personas and /idp/token hand out development tokens (PROFILE=production refuses it)',
  );

  const pass = async (reply: FastifyReply, target: string) => {
    try {
      const res = await request(target, {
        method: 'GET',
        dispatcher: options.dispatcher,
        headers: { accept: 'application/json' },
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const text = await res.body.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        log.warn({ status: res.statusCode, target }, 'the development identity provider answered no JSON');
        return sendError(
          reply,
          'IDP_UNAVAILABLE',
          `the development identity provider at ${url} answered HTTP ${res.statusCode} without JSON`,
        );
      }
      // Tokens are credentials: no cache may keep them.
      return reply
        .code(res.statusCode)
        .header('cache-control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(body);
    } catch (e) {
      const timedOut = e instanceof errors.HeadersTimeoutError || e instanceof errors.BodyTimeoutError;
      log.warn({ err: e, target }, 'the development identity provider cannot be reached');
      return sendError(
        reply,
        'IDP_UNAVAILABLE',
        timedOut
          ? `the development identity provider at ${url} did not answer within ${timeoutMs} ms`
          : `the development identity provider at ${url} cannot be reached (${(e as Error).message}): is it running?`,
      );
    }
  };

  app.get('/idp/personas', (_, reply) => pass(reply, `${url}/personas`));
  app.get<{ Querystring: Record<string, unknown> }>('/idp/token', (req, reply) => {
    const { persona } = req.query;
    const query = typeof persona === 'string' ? `?persona=${encodeURIComponent(persona)}` : '';
    return pass(reply, `${url}/token${query}`);
  });
  const only = (_: unknown, reply: FastifyReply) =>
    sendError(
      reply,
      'NOT_FOUND',
      'only GET /idp/personas and GET /idp/token?persona=<id> are passed to the development identity provider',
    );
  app.all('/idp', only);
  app.all('/idp/*', only);
}
