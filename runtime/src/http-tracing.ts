import { type Attributes, type Context, context, type Span, SpanKind, trace } from '@opentelemetry/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { maskIdNumbersIn } from './id-mask';
import { failSpan, incomingTraceContext, isTracing, tracer } from './tracing';

export interface TraceRequestsOptions {
  /** The tracer's scope (`gateway`, `subgraph`, `legacy`). */
  readonly scope: string;
  /** Which matched routes are traced; default: all but /health, /ready and /metrics (probes and scrapes). */
  readonly traced?: (route: string) => boolean;
  /** Attributes every span of this server carries (its subgraph, its department). */
  readonly attributes?: Attributes;
  /** More attributes, read once the answer is sent (what the answer was). */
  readonly answered?: (req: FastifyRequest, reply: FastifyReply) => Attributes | undefined;
}

const UNTRACED = new Set(['/health', '/ready', '/metrics']);

/**
 * A server span per request of a Fastify server, child of the caller's `traceparent` (a browser's, the
 * gateway's, an adapter's), active while the request is handled so what it calls is its child. Registers
 * nothing while tracing is off: the server then runs exactly as without it.
 */
export function traceRequests(app: FastifyInstance, options: TraceRequestsOptions): void {
  if (!isTracing()) return;
  const t = tracer(options.scope);
  const traced = options.traced ?? ((route: string) => !UNTRACED.has(route));
  const spans = new WeakMap<FastifyRequest, { span: Span; active: Context }>();
  app.addHook('onRequest', (req, _reply, done) => {
    const route = req.routeOptions.url;
    if (route === undefined || !traced(route)) return done();
    const parent = incomingTraceContext(req.headers);
    const span = t.startSpan(
      `${req.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          ...options.attributes,
          'http.request.method': req.method,
          'http.route': route,
          'url.path': maskIdNumbersIn(req.url.split('?')[0] ?? ''),
        },
      },
      parent,
    );
    const active = trace.setSpan(parent, span);
    spans.set(req, { span, active });
    context.with(active, done);
  });
  // Again once the body is read: its stream's events ran outside the request's context.
  app.addHook('preHandler', (req, _reply, done) => {
    const s = spans.get(req);
    if (!s) return done();
    context.with(s.active, done);
  });
  app.addHook('onResponse', (req, reply, done) => {
    const s = spans.get(req);
    if (s) {
      spans.delete(req);
      s.span.setAttributes({
        'http.response.status_code': reply.statusCode,
        ...options.answered?.(req, reply),
      });
      if (reply.statusCode >= 500) failSpan(s.span, new Error(`answered HTTP ${reply.statusCode}`));
      s.span.end();
    }
    done();
  });
  app.addHook('onRequestAbort', (req, done) => {
    const s = spans.get(req);
    if (s) {
      spans.delete(req);
      s.span.setAttribute('error.type', 'aborted');
      s.span.end();
    }
    done();
  });
}
