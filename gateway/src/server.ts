import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import { drainOnClose, type Logger } from '@onething/runtime';
import { errorShape, refusingServerOptions, sendError, traceRequests } from '@onething/runtime/http';
import { ANONYMOUS, type Identity } from '@onething/runtime/identity';
import Fastify, { type FastifyBaseLogger, LogController } from 'fastify';
import { Agent } from 'undici';
import { AuthError, createAuth } from './auth';
import type { GatewayContext } from './context';
import { SubgraphDataSource } from './data-source';
import { registerDevIdp } from './dev-idp';
import { registerGraphiql } from './graphiql';
import { registerLingeringClose } from './lingering-close';
import { registerMaterialsProxy } from './materials-proxy';
import { dedupeErrorsPlugin, gatewayErrorFormatter } from './plugins/errors';
import { queryLimits } from './plugins/limits';
import { gatewayMetrics } from './plugins/metrics';
import { operationSelectionPlugin } from './plugins/operations';
import { registerRateLimits } from './plugins/rate-limit';
import type { GatewayConfig } from './settings';
import { pickHeaders, subgraphHeaders } from './subgraph-headers';
import { SupergraphFile } from './supergraph-file';
import { operationTexts, trustedDocumentsCache, unregisteredOperation } from './trusted-documents';
import { registerWebApp } from './web-app';

declare module 'fastify' {
  interface FastifyRequest {
    gatewayIdentity: Identity | null;
  }
}

/**
 * The gateway: Apollo Gateway in Apollo Server 5 on Fastify, serving the supergraph of a file (any
 * Federation 2 supergraph), verifying users' tokens and forwarding the identity to subgraphs in a signed
 * internal header (or passing the client's own headers on, as configured), limiting what a query may ask,
 * with /health, /ready, /metrics and GraphiQL; the web app at `/` and the hall's /materials and /papers (each may be
 * off), and, in development, the development identity provider's personas and tokens under /idp.
 */
export function createGateway(config: GatewayConfig, log: Logger) {
  const { identityKey } = config;
  const auth = createAuth({
    oidcIssuer: config.oidcIssuer,
    claims: {
      role: config.claimRole,
      name: config.claimName,
      idNumber: config.claimIdNumber,
      enterprises: config.claimEnterprises,
      departments: config.claimDepartments,
      centre: config.claimCentre,
      roleValues: config.roleValues,
    },
    jwksUrl: config.jwksUrl,
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    verifyTokens: config.auth === 'jwt',
    signingKey: identityKey,
  });
  identityKey?.onReload((problem) =>
    problem
      ? log.error({ file: identityKey.file }, problem)
      : log.info({ file: identityKey.file, kid: identityKey.current().kid }, 'identity key reloaded'),
  );
  const headers = subgraphHeaders(config);
  const metrics = gatewayMetrics();
  const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 256 });
  // Live streams to the hall (a page following its application) each hold a connection while open.
  const streams = new Agent({ keepAliveTimeout: 30_000 });
  const supergraph = new SupergraphFile(config.supergraphFile, log);
  const refusing = config.unregisteredOperations === 'refuse';
  log.info(
    {
      trustedDocuments: config.trustedDocuments.byHash.size,
      files: config.trustedDocuments.files,
      unregisteredOperations: config.unregisteredOperations,
      ...(refusing ? { allowedRoles: [...config.unregisteredOperationsRoles] } : {}),
    },
    'trusted documents loaded',
  );
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph,
    buildService: ({ name, url }) => {
      const sent = headers.for(name);
      return new SubgraphDataSource(
        name,
        config.subgraphUrls.get(name) ?? url ?? '',
        dispatcher,
        config.subgraphTimeouts.get(name) ?? config.subgraphTimeoutMs,
        sent.identity ? () => auth.headerFor(ANONYMOUS) : undefined,
        metrics.observeFetch,
        sent.forward,
      );
    },
    logger: log,
  });
  let supergraphSdl: string | undefined;
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    supergraphSdl = coreSupergraphSdl;
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.introspection,
    // “Did you mean …?” names fields, arguments and types: where the schema may not be listed, neither.
    hideSchemaDetailsFromClientErrors: !config.introspection,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    validationRules: [queryLimits(config)],
    parseOptions: { maxTokens: config.maxTokens },
    // Trusted documents: a hash is looked up in the manifests (then, where unregistered operations are
    // allowed, among those clients registered at run time); Apollo's document store keeps each text's
    // parsed, validated document by the same hash.
    persistedQueries: {
      cache: trustedDocumentsCache(config.trustedDocuments, { registerAtRunTime: !refusing }),
    },
    plugins: [
      operationSelectionPlugin(),
      dedupeErrorsPlugin(),
      metrics.plugin,
      ApolloServerPluginLandingPageDisabled(),
    ],
    formatError: gatewayErrorFormatter({ hideSuggestions: !config.introspection }),
    logger: log,
    // The process's signals are ours (closeOnSignals): Apollo's own handler, on where NODE_ENV is not
    // `test`, stops Apollo at once and then kills the process with the signal again, before the
    // requests in flight are answered.
    stopOnTerminationSignals: false,
  });

  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.maxBodyBytes,
    ...refusingServerOptions,
    trustProxy: config.trustProxy,
  });
  app.decorateRequest('gatewayIdentity', null);
  // A server span per request while tracing is on (nothing otherwise), child of the `traceparent` a
  // browser sends: before the other hooks, so a request refused by them (401, 429) is traced too.
  traceRequests(app, {
    scope: 'gateway',
    traced: (route) => route === '/graphql' || route.startsWith('/materials') || route.startsWith('/papers'),
  });
  // What is refused before GraphQL runs, in GraphQL's shape; the web app answers what no route takes.
  app.register(errorShape, {
    log,
    tooLarge: () => ({
      code: 'PAYLOAD_TOO_LARGE',
      message: `the request body is larger than ${config.maxBodyBytes} bytes`,
    }),
    // A content-type that is not a media type at all (`;;;`) fails before any route's parser runs.
    unsupportedType: (req) =>
      req.routeOptions.url?.startsWith('/materials')
        ? {
            code: 'BAD_REQUEST',
            message:
              'the content-type header is not a media type: send the file’s type (application/pdf, image/jpeg, image/png) or none',
          }
        : { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send GraphQL requests as application/json' },
    failure: 'the gateway failed to handle the request',
  });
  // The counters' keys are HMACs under a key derived from the gateway's identity key: every gateway of a
  // deployment holds the same one, so they count alike in a shared Redis, and no new secret is needed.
  // Without a key (no identity header, no Redis: settings check it) the counters are this process's alone.
  let keySecret: { kid: string; secret: Buffer } | undefined;
  const ownSecret = randomBytes(32);
  const limits = registerRateLimits(app, {
    limits: {
      anonymous: config.rateLimitAnonymous,
      account: config.rateLimitAccount,
      service: config.rateLimitService,
      uploads: config.rateLimitUploads,
    },
    lifted: config.limitsLifted,
    redisUrl: config.redisUrl,
    secret: () => {
      if (!identityKey) return ownSecret;
      const key = identityKey.current();
      if (keySecret?.kid !== key.kid)
        keySecret = {
          kid: key.kid,
          secret: createHash('sha256')
            .update('onething rate-limit keys\n')
            .update(key.privateKey.export({ type: 'pkcs8', format: 'der' }))
            .digest(),
        };
      return keySecret.secret;
    },
    refused: metrics.rateLimited,
    log,
  });
  registerLingeringClose(app);
  const drain = drainOnClose(app.server);
  let handler: ReturnType<typeof fastifyApolloHandler> | undefined;
  let draining = false;

  app.addHook('onRequest', async (req, reply) => {
    // The route matched, not the raw URL: the router decodes percent-escapes, so `/%67raphql` is /graphql.
    if (req.routeOptions.url !== '/graphql') return;
    if (!handler)
      return sendError(
        reply,
        'NOT_READY',
        'the gateway has not loaded its supergraph yet; try again shortly',
      );
    try {
      req.gatewayIdentity = await auth.identify(
        req.headers.authorization,
        req.headers['x-onething-acting-for'] as string | undefined,
        req.headers['x-onething-acting-for-enterprises'] as string | undefined,
      );
    } catch (e) {
      if (!(e instanceof AuthError)) throw e;
      // A token that does not verify is counted against the address: garbage tokens buy no allowance.
      if (!(await limits.check(req, reply, ANONYMOUS, 'graphql'))) return reply;
      return sendError(reply, 'UNAUTHENTICATED', e.message);
    }
    if (!(await limits.check(req, reply, req.gatewayIdentity, 'graphql'))) return reply;
  });
  const policy = { refuse: refusing, roles: config.unregisteredOperationsRoles };
  app.route({
    method: ['GET', 'POST'],
    url: '/graphql',
    handler: (req, reply) => {
      // Refused before Apollo parses it: an operation no manifest holds, where only those run.
      const refusal = unregisteredOperation(
        config.trustedDocuments,
        policy,
        refusing ? operationTexts(req) : [],
        (req.gatewayIdentity ?? ANONYMOUS).role,
      );
      if (refusal) {
        metrics.refused('OPERATION_NOT_REGISTERED');
        return sendError(reply, 'OPERATION_NOT_REGISTERED', refusal);
      }
      return handler!.call(app as never, req as never, reply as never);
    },
  });

  app.get('/health', async (_, reply) =>
    handler
      ? { status: 'ok', supergraph: config.supergraphFile, loadedAt: supergraph.loadedAt?.toISOString() }
      : reply
          .code(503)
          .send({ status: 'starting', reason: `waiting for the supergraph ${config.supergraphFile}` }),
  );
  app.get('/ready', async (_, reply) => {
    if (draining) return reply.code(503).send({ status: 'draining' });
    if (!handler) return reply.code(503).send({ status: 'starting' });
    return { status: 'ready' };
  });
  app.get('/metrics', async (_, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  registerGraphiql(app, { enabled: config.introspection });
  if (config.materialsProxy)
    registerMaterialsProxy(app, {
      auth,
      dispatcher,
      streamDispatcher: streams,
      subgraph: config.materialsSubgraph,
      subgraphUrls: config.subgraphUrls,
      supergraphSdl: () => supergraphSdl,
      maxBytes: config.maxMaterialBytes,
      maxFormBytes: config.maxBodyBytes,
      timeoutMs: config.subgraphTimeouts.get(config.materialsSubgraph) ?? config.subgraphTimeoutMs,
      rateCheck: limits.check,
      log,
    });
  registerDevIdp(app, { url: config.devIdpUrl, dispatcher, log });
  registerWebApp(app, {
    dir: config.webDir,
    enabled: config.webApp,
    signIn: { issuer: config.oidcIssuer, clientId: config.webClientId },
    log,
  });

  let url = `http://${config.host}:${config.port}`;
  let started: Promise<void> | undefined;
  return {
    app,
    get url() {
      return url;
    },
    /** Listens at once (health says 503 until the supergraph is loaded), then starts Apollo. */
    async listen(): Promise<string> {
      await app.listen({ host: config.host, port: config.port });
      url = `http://${config.host}:${(app.server.address() as AddressInfo).port}`;
      log.info(
        { url: `${url}/graphql`, graphiql: `${url}/graphiql`, supergraph: config.supergraphFile },
        'gateway listening',
      );
      started = apollo.start().then(() => {
        handler = fastifyApolloHandler(apollo, {
          context: async (req): Promise<GatewayContext> => {
            const identity = req.gatewayIdentity ?? ANONYMOUS;
            return {
              identity,
              identityHeader: headers.signsIdentity ? await auth.headerFor(identity) : undefined,
              clientHeaders: pickHeaders(req.headers, headers.clientHeaders),
            };
          },
        });
        log.info('supergraph loaded: serving');
      });
      started.catch((err: unknown) => log.fatal({ err }, 'the gateway could not load its supergraph'));
      return url;
    },
    /** Resolves once the supergraph is loaded and GraphQL is served. */
    ready: () => started ?? Promise.reject(new Error('not listening')),
    /** Stops taking requests, lets those in flight finish, then releases subgraph connections. */
    async close(): Promise<void> {
      draining = true;
      drain();
      // Live streams end at once (their pages reconnect, to another gateway): they would hold the close.
      await streams.destroy();
      await app.close();
      if (handler) await apollo.stop();
      await dispatcher.close();
      await limits.close();
    },
  };
}

export type Gateway = ReturnType<typeof createGateway>;
