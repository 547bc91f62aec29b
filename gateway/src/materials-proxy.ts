import { Transform, type TransformCallback } from 'node:stream';
import type { Logger } from '@onething/runtime';
import { sendError } from '@onething/runtime/http';
import { ANONYMOUS, IDENTITY_HEADER } from '@onething/runtime/identity';
import { injectTraceContext } from '@onething/runtime/tracing';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Kind, parse } from 'graphql';
import { type Dispatcher, errors, request } from 'undici';
import { type Auth, AuthError } from './auth';
import type { RateCheck } from './plugins/rate-limit';

/** What the materials proxy needs from the gateway. */
export interface MaterialsProxyOptions {
  readonly auth: Auth;
  readonly dispatcher: Dispatcher;
  /** The connections of live streams (`/events/…`), apart from `dispatcher`'s pool. */
  readonly streamDispatcher?: Dispatcher;
  /** The subgraph keeping materials (MATERIALS_SUBGRAPH). */
  readonly subgraph: string;
  /** URLs that override the supergraph's (SUBGRAPH_URLS). */
  readonly subgraphUrls: ReadonlyMap<string, string>;
  /** The supergraph loaded now; undefined until the first one is. */
  readonly supergraphSdl: () => string | undefined;
  /** Largest file passed on, in bytes (MAX_MATERIAL_BYTES). */
  readonly maxBytes: number;
  /** Largest form passed on to `POST /papers/one-time-notice`, in bytes (MAX_BODY_BYTES, as for /graphql). */
  readonly maxFormBytes?: number;
  readonly timeoutMs: number;
  /** The gateway's rate limits: uploads have a limit of their own. */
  readonly rateCheck?: RateCheck;
  readonly log: Logger;
}

/** The subgraphs' URLs a supergraph states in `@join__graph(name:, url:)`, by name. */
export function joinGraphUrls(sdl: string): Map<string, string> {
  const urls = new Map<string, string>();
  for (const def of parse(sdl).definitions) {
    if (def.kind !== Kind.ENUM_TYPE_DEFINITION || def.name.value !== 'join__Graph') continue;
    for (const value of def.values ?? []) {
      const join = value.directives?.find((d) => d.name.value === 'join__graph');
      const arg = (name: string) => {
        const v = join?.arguments?.find((a) => a.name.value === name)?.value;
        return v?.kind === Kind.STRING ? v.value : undefined;
      };
      const name = arg('name');
      const url = arg('url');
      if (name && url) urls.set(name, url);
    }
  }
  return urls;
}

/** A subgraph's materials endpoint: its GraphQL URL with `/graphql` replaced by `path` (and `query`, if any). */
export function materialsUrl(graphqlUrl: string, path: string, query?: URLSearchParams): string {
  const url = new URL(graphqlUrl);
  url.pathname = url.pathname.replace(/\/graphql\/?$/, '').replace(/\/$/, '') + path;
  url.search = query && [...query].length > 0 ? `?${query}` : '';
  return url.toString();
}

/** What an upload may say of whom it is for (a window visit, a delegation): the only query passed on. */
const UPLOAD_FOR = ['visitId', 'delegationId'] as const;

/** The upload's `?visitId=` / `?delegationId=`, and nothing else of its query. */
export function uploadFor(rawUrl: string): URLSearchParams {
  const given = new URL(rawUrl, 'http://gateway').searchParams;
  const out = new URLSearchParams();
  for (const name of UPLOAD_FOR) {
    const v = given.get(name);
    if (v !== null) out.set(name, v.slice(0, 100));
  }
  return out;
}

type Method = 'POST' | 'GET' | 'DELETE';

/**
 * What a passed-on request is: a file uploaded (its own limit and rate), a read or delete, a JSON form (a
 * one-time notice), or the public status page (no sign-in: its address is its key).
 */
type Passage = 'upload' | 'read' | 'form' | 'public' | 'stream';

/** Counts bytes going through and fails once there are more than the limit. */
class ByteLimit extends Transform {
  exceeded = false;
  private seen = 0;
  constructor(private readonly max: number) {
    super();
  }
  override _transform(chunk: Buffer, _: BufferEncoding, done: TransformCallback) {
    this.seen += chunk.length;
    if (this.seen > this.max) {
      this.exceeded = true;
      return done(new Error(`more than ${this.max} bytes`));
    }
    done(null, chunk);
  }
}

// Headers of the subgraph's answer a browser needs to show or save a file; hop-by-hop ones stay behind.
const ANSWER_HEADERS = [
  'content-type',
  'content-length',
  'content-disposition',
  'x-content-type-options',
  'cache-control',
  'etag',
  // The public status page's own rules: nothing loads or runs, no referrer leaves, not indexed.
  'content-security-policy',
  'referrer-policy',
  'x-robots-tag',
  // A live stream's: no proxy buffers it.
  'x-accel-buffering',
  // A department's document: the SHA-256 it signed, for a reader to check the file against.
  'x-document-sha256',
];

/**
 * `POST /materials`, `GET /materials/:id` and `DELETE /materials/:id` on the gateway: passed to the subgraph keeping materials (the
 * hall) with the user's verified identity in the internal header, the body streamed both ways, with a body
 * limit of its own (files are far bigger than GraphQL requests). Materials are personal: a request without
 * a token is refused here. The hall's papers go the same way: `GET /papers/receipts/:file` (a receipt),
 * `GET /papers/documents/:file` (a document a department issued, 我的证照) and
 * `POST /papers/one-time-notice` (a JSON form, held to MAX_BODY_BYTES) with a token; `GET
 * /papers/status/:token`, the public status page behind a receipt's QR code, without one (none is sent on).
 */
export function registerMaterialsProxy(app: FastifyInstance, options: MaterialsProxyOptions): void {
  const { auth, log, maxBytes, subgraph } = options;
  let parsed: { sdl: string; urls: Map<string, string> } | undefined;

  /** The subgraph's GraphQL URL; a reply already sent when there is none. */
  const target = (reply: FastifyReply): string | undefined => {
    const override = options.subgraphUrls.get(subgraph);
    if (override) return override;
    const sdl = options.supergraphSdl();
    if (sdl === undefined) {
      sendError(reply, 'NOT_READY', 'the gateway has not loaded its supergraph yet; try again shortly');
      return undefined;
    }
    if (parsed?.sdl !== sdl) parsed = { sdl, urls: joinGraphUrls(sdl) };
    const url = parsed.urls.get(subgraph);
    if (!url)
      sendError(
        reply,
        'NOT_FOUND',
        `this gateway keeps no materials: its supergraph has no subgraph "${subgraph}" (MATERIALS_SUBGRAPH)`,
      );
    return url;
  };

  const identityHeader = async (
    req: FastifyRequest,
    reply: FastifyReply,
    kind: Passage,
  ): Promise<string | undefined> => {
    if (kind === 'public') {
      // Counted as anyone without a token; a token sent along is neither checked nor passed on.
      if (options.rateCheck && !(await options.rateCheck(req, reply, ANONYMOUS, 'graphql'))) return undefined;
      return '';
    }
    try {
      const identity = await auth.identify(req.headers.authorization);
      const route = kind === 'upload' ? 'upload' : 'graphql';
      if (options.rateCheck && !(await options.rateCheck(req, reply, identity, route))) return undefined;
      if (identity.role === 'anonymous') {
        sendError(
          reply,
          'UNAUTHENTICATED',
          `${req.url.startsWith('/papers') ? 'papers' : req.url.startsWith('/events') ? 'live streams' : 'materials'} are personal: send the user’s token as Authorization: Bearer <token>`,
        );
        return undefined;
      }
      return await auth.headerFor(identity);
    } catch (e) {
      if (!(e instanceof AuthError)) throw e;
      // A token that does not verify is counted against the address: garbage tokens buy no allowance.
      if (options.rateCheck && !(await options.rateCheck(req, reply, ANONYMOUS, 'graphql'))) return undefined;
      sendError(reply, 'UNAUTHENTICATED', e.message);
      return undefined;
    }
  };

  const tooLarge = (reply: FastifyReply, kind: Passage) =>
    kind === 'form'
      ? sendError(
          reply.header('connection', 'close'),
          'PAYLOAD_TOO_LARGE',
          `the form is larger than ${options.maxFormBytes ?? maxBytes} bytes (MAX_BODY_BYTES)`,
        )
      : sendError(
          reply.header('connection', 'close'),
          'MATERIAL_TOO_LARGE',
          `the file is larger than ${maxBytes} bytes (MAX_MATERIAL_BYTES): send a smaller scan`,
        );

  /** Passes a request on; the identity and the target are settled before any of the body is read. */
  const forward = async (
    req: FastifyRequest,
    reply: FastifyReply,
    path: string,
    method: Method,
    kind: Passage = method === 'POST' ? 'upload' : 'read',
  ) => {
    const upload = kind === 'upload' || kind === 'form';
    const max = kind === 'form' ? (options.maxFormBytes ?? maxBytes) : maxBytes;
    // A body refused here is not read: the connection is closed after the answer instead of drained, so
    // nobody can make the gateway read a file it will not pass on.
    if (upload && !req.raw.complete) reply.header('connection', 'close');
    const identity = await identityHeader(req, reply, kind);
    if (identity === undefined) return reply;
    const graphqlUrl = target(reply);
    if (graphqlUrl === undefined) return reply;
    let limit: ByteLimit | undefined;
    let cutOff = false;
    if (upload) {
      // A stated length over the limit is refused before a byte is read; a chunked body is counted as it goes.
      if (Number(req.headers['content-length']) > max) return tooLarge(reply, kind);
      reply.removeHeader('connection');
      limit = new ByteLimit(max);
      // pipe, not pipeline: pipeline would destroy the request's socket on the limit, and with it the 413.
      req.raw.pipe(limit);
      req.raw.once('close', () => {
        if (req.raw.complete) return;
        cutOff = true;
        limit?.destroy(new Error('the upload was cut off before its end'));
      });
    }
    const headers: Record<string, string> = identity ? { [IDENTITY_HEADER]: identity } : {};
    for (const name of [
      'content-type',
      'content-length',
      ...(kind === 'upload' ? ['x-material-name'] : []),
    ]) {
      const value = req.headers[name];
      if (upload && typeof value === 'string') headers[name] = value;
    }
    // A page resuming a live stream says the last event it saw.
    const lastEvent = req.headers['last-event-id'];
    if (kind === 'stream' && typeof lastEvent === 'string') headers['last-event-id'] = lastEvent.slice(0, 64);
    injectTraceContext(headers);
    try {
      const res = await request(materialsUrl(graphqlUrl, path, upload ? uploadFor(req.url) : undefined), {
        method,
        // A live stream holds its connection for as long as the page is open: not one of the pool the
        // GraphQL fetches share, and no body timeout (the hall writes a comment to a quiet stream).
        dispatcher: kind === 'stream' ? (options.streamDispatcher ?? options.dispatcher) : options.dispatcher,
        headers,
        body: limit ?? null,
        headersTimeout: options.timeoutMs,
        bodyTimeout: kind === 'stream' ? 0 : options.timeoutMs,
      });
      const refusedEarly = limit;
      if (refusedEarly && !req.raw.complete) {
        // The hall answered before the whole file was sent (a refusal): the user gets that answer and the
        // connection ends; otherwise both sides would wait on a body neither reads.
        reply.header('connection', 'close');
        reply.raw.once('finish', () => {
          req.raw.unpipe(refusedEarly);
          refusedEarly.destroy();
        });
      }
      reply.code(res.statusCode);
      for (const name of ANSWER_HEADERS) {
        const value = res.headers[name];
        if (value !== undefined) reply.header(name, value);
      }
      return reply.send(res.body);
    } catch (e) {
      if (limit?.exceeded) return tooLarge(reply, kind);
      if (cutOff) return sendError(reply, 'BAD_REQUEST', 'the upload was cut off before its end');
      if (e instanceof errors.HeadersTimeoutError || e instanceof errors.BodyTimeoutError)
        return sendError(
          reply,
          'SUBGRAPH_TIMEOUT',
          `${subgraph} did not answer within ${options.timeoutMs} ms`,
        );
      log.warn({ err: e, subgraph }, 'materials subgraph cannot be reached');
      return sendError(
        reply,
        'SUBGRAPH_UNAVAILABLE',
        `${subgraph} cannot be reached: ${(e as Error).message}`,
      );
    }
  };

  // An encapsulated scope: the body stays a stream here (the gateway's JSON parser and its limit are for /graphql).
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null));
    scope.post('/materials', (req, reply) => forward(req, reply, '/materials', 'POST'));
    for (const method of ['GET', 'DELETE'] as const)
      scope.route<{ Params: { id: string } }>({
        method,
        url: '/materials/:id',
        handler: (req, reply) =>
          forward(req, reply, `/materials/${encodeURIComponent(req.params.id)}`, method),
      });
    scope.get<{ Params: { file: string } }>('/papers/receipts/:file', (req, reply) =>
      forward(req, reply, `/papers/receipts/${encodeURIComponent(req.params.file)}`, 'GET'),
    );
    scope.get<{ Params: { file: string } }>('/papers/documents/:file', (req, reply) =>
      forward(req, reply, `/papers/documents/${encodeURIComponent(req.params.file)}`, 'GET'),
    );
    scope.post('/papers/one-time-notice', (req, reply) =>
      forward(req, reply, '/papers/one-time-notice', 'POST', 'form'),
    );
    scope.get<{ Params: { id: string } }>('/events/applications/:id', (req, reply) =>
      forward(req, reply, `/events/applications/${encodeURIComponent(req.params.id)}`, 'GET', 'stream'),
    );
    scope.get('/events/queue', (req, reply) => forward(req, reply, '/events/queue', 'GET', 'stream'));
    scope.get<{ Params: { token: string } }>('/papers/status/:token', (req, reply) =>
      forward(req, reply, `/papers/status/${encodeURIComponent(req.params.token)}`, 'GET', 'public'),
    );
  });
}
