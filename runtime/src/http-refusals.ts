import type { Socket } from 'node:net';
import { ERRORS, type ErrorCode, errorBody } from '@onething/schema/errors';

/**
 * Refusals of requests that never reach a route — a URL that does not decode, a parameter over the
 * router's length limit, bytes that are not HTTP, headers too large — in the one shape every service
 * answers errors in, `{ errors: [{ message, extensions: { code } }] }`, with a message saying what was
 * wrong. Fastify's defaults answer these in a shape of their own without `extensions.code`. The codes and
 * their statuses are the registry's (`@onething/schema/errors`).
 */

/** A refusal to answer: its HTTP status and body. */
export interface Refusal {
  readonly status: number;
  readonly body: ReturnType<typeof errorBody>;
}

const refusal = (code: ErrorCode, message: string): Refusal => ({
  status: ERRORS[code].status,
  body: errorBody(code, message),
});

/**
 * The answer to a router failure, for Fastify's `frameworkErrors` option:
 * `frameworkErrors: (e, _req, reply) => { const r = frameworkRefusal(e); reply.code(r.status).send(r.body); }`.
 */
export function frameworkRefusal(error: { code?: string; message: string }): Refusal {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return refusal('URI_TOO_LONG', 'a part of the URL is longer than this service takes: send a shorter one');
  if (error.code === 'FST_ERR_BAD_URL')
    return refusal(
      'BAD_REQUEST',
      'the URL holds a percent-escape that is not UTF-8 (e.g. %E0%A4%A): encode each part with encodeURIComponent',
    );
  return refusal('BAD_REQUEST', `the request cannot be routed: ${error.message}`);
}

/** The answer to bytes that are not an HTTP request, written straight to the socket. */
function rawAnswer(reason: string, code: ErrorCode, message: string): string {
  const body = JSON.stringify(errorBody(code, message));
  return [
    `HTTP/1.1 ${ERRORS[code].status} ${reason}`,
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * Fastify's `clientErrorHandler` option: Node's HTTP parser refused the request (a header with control
 * characters, headers over Node's limit, a malformed request line). Connection errors are only closed.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const answer =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? rawAnswer('Request Timeout', 'REQUEST_TIMEOUT', 'the request was not sent in time: send it again')
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? rawAnswer(
            'Request Header Fields Too Large',
            'HEADERS_TOO_LARGE',
            'the request headers are larger than this service takes: send a shorter token or fewer headers',
          )
        : rawAnswer(
            'Bad Request',
            'BAD_REQUEST',
            `the request is not valid HTTP (${error.code ?? error.message}): check the request line and that no header holds control characters`,
          );
  socket.end(answer);
}

/** Why a JSON body was refused (the gateway answers 400 BAD_REQUEST with this message). */
export class JsonBodyError extends Error {
  override readonly name = 'JsonBodyError';
}

/**
 * Parses a JSON request body, saying where it is broken; a `__proto__` key is refused, as Fastify's own
 * parser does, since merging such an object elsewhere could change every object's prototype.
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new JsonBodyError('the request body is empty: send a JSON object');
  try {
    return JSON.parse(text, (key, value) => {
      if (key === '__proto__')
        throw new JsonBodyError('the request body holds a "__proto__" key, which is refused: leave it out');
      return value;
    });
  } catch (e) {
    if (e instanceof JsonBodyError) throw e;
    throw new JsonBodyError(`the request body is not valid JSON (${(e as Error).message})`);
  }
}
