import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@onething/runtime';
import { documentSigningKey } from '@onething/runtime/documents';
import { traceRequests } from '@onething/runtime/http';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  LogController,
} from 'fastify';
import { registerAdmin } from './admin';
import { notifyPhases } from './callbacks';
import { type CaseRecord, type CaseRules, CaseStore, type CaseView } from './cases';
import { SimClock } from './clock';
import { DocumentOffice } from './documents';
import { type FaultSettings, Faults } from './faults';
import type { PublishedItem } from './items';
import { generatePopulation, type Population } from './population';
import { hugeBody, type Protocol } from './protocol';
import { type LoggedRequest, RequestLog } from './request-log';
import type { StandInConfig } from './settings';

declare module 'fastify' {
  interface FastifyRequest {
    /** This request's entry in the stand-in's request log; handlers add the keys they read. */
    logged: LoggedRequest | null;
    malformed: FaultSettings['malformedKind'] | undefined;
  }
  interface FastifyContextConfig {
    /** The operation this route performs, as counted at the stand-in. */
    op?: string;
  }
}

/** What a department's routes get to work with. */
export interface StandInContext {
  readonly department: string;
  readonly population: Population;
  readonly clock: SimClock;
  readonly faults: Faults;
  readonly requests: RequestLog;
  readonly cases: CaseStore;
  /** The documents its approvals issued (电子证照); none where the system issues none. */
  readonly documents: DocumentOffice;
  readonly log: Logger;
}

export interface StandInOptions {
  /** Department name, e.g. `tax`. */
  readonly department: string;
  readonly protocol: Protocol;
  readonly config: StandInConfig;
  readonly log: Logger;
  /**
   * The department's rules for its cases. A system that keeps no cases (an SMS gateway, say) leaves it out:
   * its case store stays empty and refuses submissions.
   */
  readonly rules?: (ctx: Omit<StandInContext, 'cases' | 'documents'>) => CaseRules;
  /**
   * What its approvals issue as documents: the items (each issues one document per material of its
   * result), and what an approval produced where the department completes a decision's own result.
   */
  readonly documents?: {
    readonly items: readonly PublishedItem[];
    readonly resultOf?: (record: CaseRecord, view: CaseView) => Readonly<Record<string, string>> | undefined;
  };
  /** Registers the department's routes in its own protocol. */
  readonly routes: (app: FastifyInstance, ctx: StandInContext) => void | Promise<void>;
  /** The operation of a request, where the route alone does not say (SOAPAction). */
  readonly opOf?: (req: FastifyRequest) => string | undefined;
  /** Who is calling, as this system identifies callers. */
  readonly callerOf?: (req: FastifyRequest) => string | undefined;
  /** Largest request body the system accepts. */
  readonly bodyLimit?: number;
  /**
   * The system's own admin endpoints beside the kit's (a payment platform's notification faults), on the
   * admin port, and what `POST /__admin/reset` clears of them.
   */
  readonly admin?: {
    readonly routes: (admin: FastifyInstance, ctx: StandInContext) => void;
    readonly reset?: () => void;
  };
}

/** A running stand-in: its protocol port (which can go down and come back) and its admin port. */
export interface StandIn {
  readonly department: string;
  readonly ctx: StandInContext;
  readonly app: FastifyInstance;
  /** Base URL of the system's own protocol. */
  readonly url: string;
  /** Base URL of the admin endpoint. */
  readonly adminUrl: string;
  readonly isDown: boolean;
  listen(): Promise<{ url: string; adminUrl: string }>;
  /** Stops listening: clients get connection refused until {@link up}. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

/** The rules of a system that keeps no cases: nothing is ever submitted to its case store. */
const NO_CASES: CaseRules = {
  decide() {
    throw new Error('this system keeps no cases');
  },
  schedule: () => ({ reviewAfterMs: 0, decideAfterMs: 0 }),
  caseNumber: (seq) => String(seq),
};

function listenOn(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Builds a department's stand-in: Fastify on a server whose listening socket the admin port controls,
 * with request counting, fault injection in the department's own protocol, and a case store on a
 * simulated clock.
 */
export function createStandIn(options: StandInOptions): StandIn {
  const { config, protocol, log, department } = options;
  const population = generatePopulation({ seed: config.seed, persons: config.persons });
  const clock = new SimClock(Date.now(), config.clockSpeed);
  const faults = new Faults();
  const requests = new RequestLog();
  const base = { department, population, clock, faults, requests, log };
  const cases = new CaseStore(clock, options.rules?.(base) ?? NO_CASES);
  const documents = new DocumentOffice({
    department,
    cases,
    items: options.documents?.items ?? [],
    key: documentSigningKey(department, config.documentSigningKeyFile),
    ...(options.documents?.resultOf ? { resultOf: options.documents.resultOf } : {}),
  });
  const ctx: StandInContext = { ...base, cases, documents };
  if (config.callbackUrl)
    notifyPhases(cases, department, {
      url: config.callbackUrl,
      secret: config.callbackSecret ?? `${department}-callback-dev-secret`,
      log,
    });

  const server = createServer();
  server.on('connection', (socket) => {
    if (faults.current.resetConnections) socket.resetAndDestroy();
  });
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    serverFactory: (handler) => server.on('request', handler),
  });
  app.decorateRequest('logged', null);
  app.decorateRequest('malformed', undefined);

  // The log entry starts as the request arrives, so requests the system refuses while reading the body
  // (bad JSON, too large, wrong content type) are counted under their operation too.
  app.addHook('onRequest', async (req) => {
    requests.countHttp();
    // Kept-alive connections opened before the fault was set are reset on their next request.
    if (faults.current.resetConnections) req.raw.socket.resetAndDestroy();
    const op =
      options.opOf?.(req) ?? req.routeOptions.config.op ?? `${req.method} ${req.routeOptions.url ?? '?'}`;
    req.logged = requests.start(op, undefined);
  });
  app.addHook('preHandler', async (req, reply) => {
    if (!req.logged) return;
    // Callers may name themselves in the body (an app id in a form, a SOAP header): read it once parsed.
    req.logged.caller = options.callerOf?.(req);
    const decision = faults.decide(req.logged.op);
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    if (decision.fail) {
      req.logged.outcome = 'fault';
      const { status, body } = protocol.serverError(req.logged.op);
      return reply.code(status).type(protocol.contentType).send(body);
    }
    req.malformed = decision.malformed;
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.malformed) return payload;
    const kind = req.malformed;
    req.malformed = undefined;
    reply.removeHeader('content-length');
    reply.type(protocol.contentType);
    if (kind === 'garbage') return protocol.garbage();
    if (kind === 'wrong-shape') return protocol.wrongShape(req.logged?.op ?? '');
    if (kind === 'huge') return hugeBody(protocol.hugeChunk());
    const text =
      typeof payload === 'string'
        ? payload
        : Buffer.isBuffer(payload)
          ? payload.toString()
          : protocol.garbage();
    return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  });
  app.addHook('onResponse', async (req, reply) => {
    if (req.logged?.outcome === 'pending') {
      req.logged.outcome = reply.statusCode < 400 ? 'ok' : reply.statusCode < 500 ? 'refused' : 'error';
    }
  });
  // The system's answer as a span (while tracing is on), child of the adapter's request: the operation
  // as the system counts it, how it ended (ok, refused, error, an injected fault) and who called. After
  // the hooks above, so it reads what they decided.
  traceRequests(app, {
    scope: 'legacy',
    attributes: { 'onething.department': department },
    answered: (req) =>
      req.logged
        ? {
            'onething.legacy.operation': req.logged.op,
            'onething.legacy.outcome': req.logged.outcome,
            ...(req.logged.caller ? { 'onething.legacy.caller': req.logged.caller } : {}),
          }
        : undefined,
  });
  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      log.error({ err, op: req.logged?.op }, 'stand-in failed');
      const e = protocol.serverError(req.logged?.op ?? '');
      return reply.code(e.status).type(protocol.contentType).send(e.body);
    }
    return reply.code(status).type('text/plain; charset=utf-8').send(err.message);
  });

  const admin = Fastify({
    loggerInstance: log.child({ admin: true }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
  });
  let port = config.port;
  let adminPort = config.adminPort;
  let down = false;
  let ticker: NodeJS.Timeout | undefined;
  let routesRegistered: Promise<void> | undefined;

  const standIn: StandIn = {
    department,
    ctx,
    app,
    get url() {
      return `http://${config.host}:${port}`;
    },
    get adminUrl() {
      return `http://${config.host}:${adminPort}`;
    },
    get isDown() {
      return down;
    },
    async listen() {
      routesRegistered ??= (async () => {
        await options.routes(app, ctx);
        registerAdmin(admin, standIn, options.admin?.reset);
        options.admin?.routes(admin, ctx);
      })();
      await routesRegistered;
      await app.ready();
      port = await listenOn(server, port, config.host);
      await admin.listen({ port: adminPort, host: config.host });
      adminPort = (admin.server.address() as AddressInfo).port;
      ticker = setInterval(() => cases.settle(), config.settleIntervalMs ?? 250);
      ticker.unref();
      log.info(
        { url: standIn.url, adminUrl: standIn.adminUrl, persons: config.persons },
        `${department} stand-in listening`,
      );
      return { url: standIn.url, adminUrl: standIn.adminUrl };
    },
    async down() {
      if (down) return;
      down = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      log.warn(`${department} stand-in is down (connections refused)`);
    },
    async up() {
      if (!down) return;
      await listenOn(server, port, config.host);
      down = false;
      log.info(`${department} stand-in is back up`);
    },
    async close() {
      if (ticker) clearInterval(ticker);
      await admin.close();
      if (!down && server.listening) {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      }
      await app.close();
    },
  };
  return standIn;
}
