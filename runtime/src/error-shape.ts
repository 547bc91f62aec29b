import { ERRORS, type ErrorCode, errorBody } from '@onething/schema/errors';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import fp from 'fastify-plugin';
import { clientErrorHandler, frameworkRefusal, JsonBodyError, parseJsonBody } from './http-refusals';
import type { Logger } from './logger';

/**
 * Answers one error in the shape every service answers errors in,
 * `{ errors: [{ message, extensions: { code, …extensions } }] }`, with the code's HTTP status from the
 * registry (`@onething/schema/errors`) unless `status` says otherwise.
 */
export function sendError(
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
  status: number = ERRORS[code].status,
): FastifyReply {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send(errorBody(code, message, extensions));
}

/** How a service words one refusal. */
export interface ErrorAnswer {
  readonly code: ErrorCode;
  readonly message: string;
  readonly extensions?: Record<string, unknown>;
}

/** What {@link errorShape} needs to know of the service it answers for. */
export interface ErrorShapeOptions {
  readonly log: Logger;
  /** The answer to a failure of ours (INTERNAL_SERVER_ERROR), e.g. "the gateway failed to handle the request". */
  readonly failure: string;
  /** Members every refusal's `extensions` carries after its code (a subgraph's `department`). */
  readonly extensions?: Record<string, unknown>;
  /** Parses JSON bodies saying where they are broken, refused as BAD_REQUEST (default true). */
  readonly json?: boolean;
  /** A body over the limit; default PAYLOAD_TOO_LARGE, "the request body is larger than this service takes". */
  readonly tooLarge?: (req: FastifyRequest) => ErrorAnswer;
  /** A content-type no parser takes, or no media type at all; default UNSUPPORTED_MEDIA_TYPE. */
  readonly unsupportedType?: (req: FastifyRequest) => ErrorAnswer;
  /** Answers what no route takes with NOT_FOUND (default false: e.g. the gateway's web app answers it). */
  readonly notFound?: boolean;
  /** Words for a failure of what the service stands on (its database), answered STORE_UNAVAILABLE. */
  readonly unavailable?: (err: Error) => string | undefined;
}

/**
 * The Fastify options every service is built with so that even a request no route sees — a URL that does
 * not decode, bytes that are not HTTP — is answered in the one shape.
 */
export const refusingServerOptions: Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'> = {
  frameworkErrors: (err, _req, reply) => {
    const r = frameworkRefusal(err);
    (reply as FastifyReply).code(r.status).type('application/json; charset=utf-8').send(r.body);
  },
  clientErrorHandler,
};

/**
 * Everything refused outside a route's own answers — a body that is not JSON or too large, a content-type
 * not taken, no route, a route that throws — answered in the one shape with a registry code, never with
 * the failure's own text (a database error names its internals). Used by every service (the gateway,
 * each subgraph, the hall's material routes in their scope); not encapsulated, so it applies to the
 * scope it is registered in. Register it before the routes.
 */
export const errorShape = fp<ErrorShapeOptions>(
  (app: FastifyInstance, options: ErrorShapeOptions, done: (err?: Error) => void) => {
    const { log, extensions = {} } = options;
    const send = (reply: FastifyReply, answer: ErrorAnswer, status?: number) =>
      sendError(reply, answer.code, answer.message, { ...extensions, ...answer.extensions }, status);
    if (options.json !== false) {
      // Fastify's own JSON parser says only "Body is not valid JSON"; this one says where.
      app.removeContentTypeParser('application/json');
      app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, parsed) => {
        try {
          parsed(null, parseJsonBody(body as string));
        } catch (e) {
          parsed(e as Error, undefined);
        }
      });
    }
    if (options.notFound)
      app.setNotFoundHandler((req, reply) =>
        send(reply, { code: 'NOT_FOUND', message: `there is nothing at ${req.method} ${pathOf(req)}` }),
      );
    app.setErrorHandler((err: FastifyError, req, reply) => {
      if (err instanceof JsonBodyError) return send(reply, { code: 'BAD_REQUEST', message: err.message });
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
        return send(
          reply,
          options.tooLarge?.(req) ?? {
            code: 'PAYLOAD_TOO_LARGE',
            message: 'the request body is larger than this service takes',
          },
        );
      if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
        return send(
          reply,
          options.unsupportedType?.(req) ?? {
            code: 'UNSUPPORTED_MEDIA_TYPE',
            message: `${pathOf(req)} does not take this content-type`,
          },
        );
      const status = err.statusCode ?? 500;
      if (status >= 400 && status < 500)
        return send(
          reply,
          { code: 'BAD_REQUEST', message: `the request is not valid: ${err.message}` },
          status,
        );
      const why = options.unavailable?.(err);
      if (why) {
        log.warn({ url: req.url }, why);
        return send(reply, { code: 'STORE_UNAVAILABLE', message: why });
      }
      log.error({ err, url: req.url }, 'request failed');
      return send(reply, { code: 'INTERNAL_SERVER_ERROR', message: options.failure });
    });
    done();
  },
  { fastify: '5.x' },
);

const pathOf = (req: FastifyRequest) => req.url.split('?')[0];
