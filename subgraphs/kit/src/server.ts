import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { withDeadline } from '@onething/adapter-core';
import { drainOnClose, type Logger } from '@onething/runtime';
import { errorShape, refusingServerOptions, sendError, traceRequests } from '@onething/runtime/http';
import {
  cachedIdentityVerifier,
  IDENTITY_HEADER,
  type Identity,
  IdentityError,
  type IdentityKeys,
  ReloadingFile,
} from '@onething/runtime/identity';
import type { DepartmentKey, PlatformKey } from '@onething/schema';
import { scalarResolvers } from '@onething/schema';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { GraphQLError, parse } from 'graphql';
import mercurius from 'mercurius';
import { Access } from './access';
import type { SubgraphContext } from './context';
import { controlCharacterError, controlCharacterProblems } from './control-characters';
import { asSent, formatErrors, unavailableError } from './errors';
import type { subgraphMetrics } from './metrics';
import { traceResolvers } from './tracing';

/**
 * The resolver map `buildSubgraphSchema` takes, read off its public signature: the package declares the type
 * only on a private path (`dist/schema-helper`).
 */
type SubgraphResolverMap = NonNullable<
  Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>['resolvers']
>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The identity the gateway signed for this request. */
    identity: Identity | null;
  }
}

export interface SubgraphOptions<L> {
  /** The department (or a platform, or `hall`): named in errors and metrics, and whose staff the access rules know. */
  readonly department: DepartmentKey | PlatformKey | 'hall';
  /** The subgraph's full SDL (schema/subgraphs). */
  readonly sdl: string;
  /** Resolvers; the shared scalars are added. */
  readonly resolvers: readonly Record<string, unknown>[];
  /** The gateway's public keys the internal identity header is verified with (INTERNAL_IDENTITY_JWKS_FILE). */
  readonly identityKeys: IdentityKeys;
  /** A fresh set of the department's loaders, for one request. */
  readonly loaders: () => L;
  readonly log: Logger;
  readonly host: string;
  readonly port: number;
  /** Metrics (and the adapter hooks feeding them), made before the adapter so it can report to them. */
  readonly metrics: ReturnType<typeof subgraphMetrics>;
  /** Releases what the subgraph holds (the adapter's sockets). */
  readonly onClose?: () => void;
  /** More HTTP routes beside /graphql (the hall's uploads and callbacks). */
  readonly routes?: (app: FastifyInstance) => void;
  /** Paths that need the gateway's identity header (default: /graphql); the identity is `req.identity`. */
  readonly identityPaths?: readonly string[];
  /**
   * Every call to the department made for a GraphQL request ends this long after the request arrived
   * (see `withDeadline`): under the gateway's timeout, so the subgraph answers with what it has.
   */
  readonly requestDeadlineMs?: number;
  /**
   * Tells a failure to reach what the subgraph stands on (its database) from a defect: answers why, in
   * words for the caller, to answer it as STORE_UNAVAILABLE (retryable) rather than as an internal error.
   */
  readonly unavailable?: (error: unknown) => string | undefined;
}

export interface Subgraph {
  readonly app: FastifyInstance;
  readonly url: string;
  listen(): Promise<string>;
  close(): Promise<void>;
}

/**
 * A department subgraph: Mercurius on Fastify serving a Federation 2 schema built by `buildSubgraphSchema`,
 * reachable only with the gateway's signed identity header; department failures keep their code and the
 * department's name; `/health` and `/metrics` beside `/graphql`.
 */
export function createSubgraphServer<L>(options: SubgraphOptions<L>): Subgraph {
  const { department, log, metrics } = options;
  const verify = cachedIdentityVerifier(options.identityKeys);
  const { identityKeys } = options;
  if (identityKeys instanceof ReloadingFile)
    identityKeys.onReload((problem) =>
      problem
        ? log.error({ file: identityKeys.file }, problem)
        : log.info({ file: identityKeys.file, kids: identityKeys.current().kids }, 'identity keys reloaded'),
    );
  const identityPaths = options.identityPaths ?? ['/graphql'];
  const schema = buildSubgraphSchema({
    typeDefs: parse(options.sdl),
    resolvers: mergeResolvers(scalarResolvers, ...options.resolvers) as SubgraphResolverMap,
  });
  traceResolvers(schema, department);

  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    ...refusingServerOptions,
  });
  app.decorateRequest('identity', null);
  // A server span per request while tracing is on, child of the gateway's fetch (or any caller's traceparent).
  traceRequests(app, { scope: 'subgraph', attributes: { 'onething.subgraph': department } });
  // Everything refused outside GraphQL — no route, a body that is not JSON or too large, a failing route —
  // in the one shape, naming the department.
  app.register(errorShape, {
    log,
    extensions: { department },
    notFound: true,
    tooLarge: () => ({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'the request body is larger than this subgraph takes',
    }),
    failure: `the ${department} subgraph failed to handle the request`,
  });
  const drain = drainOnClose(app.server);

  app.addHook('onRequest', async (req, reply) => {
    // The route Fastify matched, not the raw URL: the router decodes percent-escapes, so `/%67raphql`
    // reaches /graphql while its raw URL does not start with it.
    if (!needsIdentity(identityPaths, req.routeOptions.url)) return;
    try {
      req.identity = await verify(req.headers[IDENTITY_HEADER] as string | undefined);
    } catch (e) {
      if (!(e instanceof IdentityError)) throw e;
      return sendError(reply, 'UNAUTHENTICATED', e.message, { department });
    }
  });
  const deadlineMs = options.requestDeadlineMs;
  if (deadlineMs !== undefined) {
    // After the body is read (its stream events would leave the context), before GraphQL runs in it.
    app.addHook('preHandler', (req, reply, done) => {
      if (!req.url.startsWith('/graphql')) return done();
      withDeadline(Date.now() - reply.elapsedTime + deadlineMs, done);
    });
  }
  app.addHook('onResponse', async (req, reply) => {
    if (req.routeOptions.url === '/graphql')
      metrics.requests.observe({ status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.register(mercurius, {
    schema,
    path: '/graphql',
    graphiql: false,
    context: (req): SubgraphContext<L> => {
      const identity = req.identity!;
      let loaders: L | undefined;
      return {
        identity,
        access: new Access(identity, department),
        get loaders() {
          loaders ??= options.loaders();
          return loaders;
        },
        log: req.log as unknown as Logger,
      };
    },
    errorFormatter: (execution) => {
      const errors = execution.errors.flatMap((e) => {
        const why =
          e.originalError &&
          !(e.originalError instanceof GraphQLError) &&
          options.unavailable?.(e.originalError);
        if (why) {
          log.warn({ path: e.path }, why);
          return [unavailableError(e, department, why)];
        }
        return formatErrors(e, department).map((formatted) => {
          if (formatted.extensions.code === 'INTERNAL_SERVER_ERROR')
            log.error({ err: e.originalError ?? e }, 'resolver failed');
          else log.debug({ code: formatted.extensions.code, path: e.path }, formatted.message);
          return formatted;
        });
      });
      const statusCode = execution.data ? 200 : ((execution as { statusCode?: number }).statusCode ?? 200);
      return {
        statusCode,
        response: { data: execution.data ?? null, errors: errors.map(asSent) },
      };
    },
  });

  app.after(() => {
    // Checked on every request (Mercurius caches validation by document, but variables change).
    app.graphql.addHook('preExecution', async (_schema, document, _ctx, variables) => {
      const problems = controlCharacterProblems(document, variables as Record<string, unknown>);
      if (problems.length > 0) throw controlCharacterError(problems, department);
    });
  });

  app.get('/health', async () => ({ status: 'ok', subgraph: department }));
  options.routes?.(app);
  app.get('/metrics', async (_, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );

  let url = `http://${options.host}:${options.port}`;
  return {
    app,
    get url() {
      return url;
    },
    async listen() {
      await app.listen({ host: options.host, port: options.port });
      url = `http://${options.host}:${(app.server.address() as AddressInfo).port}`;
      log.info({ url: `${url}/graphql` }, `${department} subgraph listening`);
      return url;
    },
    /** Stops taking requests and closes once those in flight are answered. */
    async close() {
      drain();
      await app.close();
      options.onClose?.();
    },
  };
}

/** Whether a matched route (`/materials/:id`) is one of `paths` or below one; unmatched requests are not. */
export function needsIdentity(paths: readonly string[], route: string | undefined): boolean {
  if (route === undefined) return false;
  return paths.some((p) => route === p || route.startsWith(p.endsWith('/') ? p : `${p}/`));
}

/** Merges resolver maps field by field, so several modules can contribute to the same type. */
export function mergeResolvers(...maps: Record<string, unknown>[]): Record<string, unknown> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      // Plain objects are field maps to merge; anything else (a GraphQLScalarType) stands as it is.
      if (fields && typeof fields === 'object' && Object.getPrototypeOf(fields) === Object.prototype) {
        out[type] = { ...out[type], ...(fields as Record<string, unknown>) };
      } else out[type] = fields as Record<string, unknown>;
    }
  }
  return out;
}
