import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { keyPairIn } from '@onething/legacy-payment';
import { SMS_DEFAULT_PORT } from '@onething/legacy-sms';
import { EXIT_WITH_PARENT } from '@onething/runtime';
import { developmentIdentityKeys } from '@onething/runtime/identity';
import {
  DEPARTMENT,
  DEPARTMENT_KEYS,
  DEPARTMENTS,
  type Department,
  type DepartmentKey,
  perDepartment,
} from '@onething/schema/departments';
import { PLATFORM, type PlatformKey } from '@onething/schema/platforms';
import { builtEntry } from './service-build';

/**
 * The whole system as processes: what `npm start` runs and what stack tests start. Each service runs
 * from its own entry point, as it would in deployment, with its settings passed in its environment.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface ServiceSpec {
  readonly name: string;
  /** What it is, for the printed summary. */
  readonly title: string;
  /** Entry point, relative to the repository root. */
  readonly entry: string;
  readonly env: Record<string, string>;
  /** Where users and other services reach it. */
  readonly url: string;
  /** A URL answering 200 once the service is ready. */
  readonly readyUrl: string;
  /** Instead of a GET of `readyUrl`: a check of its own (a server without a health route). */
  readonly ready?: () => Promise<boolean>;
  /** Extra addresses worth printing (admin endpoints…). */
  readonly extra?: Record<string, string>;
  /** Run its build (`npm run build`: `<package>/dist/main.js`) with plain node, not its TypeScript through tsx. */
  readonly built?: boolean;
  /** Node's own options before the entry point (`--cpu-prof`…: those NODE_OPTIONS does not take). */
  readonly nodeArgs?: readonly string[];
}

export interface StackPorts {
  readonly gateway: number;
  readonly hall: number;
  readonly idp: number;
  readonly legacy: Record<DepartmentKey, { port: number; adminPort: number }>;
  readonly subgraphs: Record<DepartmentKey, number>;
  /** The shared platforms that are not departments (the payment platform): stand-in and subgraph. */
  readonly platforms: Record<PlatformKey, { port: number; adminPort: number; subgraph: number }>;
  /** The courier's open platform (results by post); no department, so not in the department registry. */
  readonly courier: { port: number; adminPort: number };
  /** The SMS gateway's stand-in (not a department: the hall will send its texts through it). */
  readonly sms: { port: number; adminPort: number };
}

export const DEFAULT_PORTS: StackPorts = {
  gateway: 4000,
  hall: 4001,
  idp: 4010,
  legacy: perDepartment((d) => ({ port: d.ports.system, adminPort: d.ports.systemAdmin })),
  subgraphs: perDepartment((d) => d.ports.subgraph),
  platforms: {
    payment: {
      port: PLATFORM.payment.ports.system,
      adminPort: PLATFORM.payment.ports.systemAdmin,
      subgraph: PLATFORM.payment.ports.subgraph,
    },
  },
  courier: { port: 4106, adminPort: 4116 },
  sms: { port: SMS_DEFAULT_PORT, adminPort: SMS_DEFAULT_PORT + 10 },
};

/** A department as the printed summary names it: `market regulation (市场监管)`. */
const titleOf = ({ name }: Department) =>
  `${name.en.charAt(0).toLowerCase()}${name.en.slice(1)} (${name.zh})`;

export interface StackOptions {
  readonly ports?: StackPorts;
  /** Seeded persons in every stand-in (and the identity provider's personas). */
  readonly persons?: number;
  /** Simulated seconds per real second on the stand-ins' clocks. */
  readonly clockSpeed?: number;
  readonly logLevel?: string;
  /** Where each service's log goes (one file per service). */
  readonly logDir?: string;
  /** Extra environment for every service. */
  readonly env?: Record<string, string>;
  /**
   * Where the key pair of the internal identity header is (default data/identity): the gateway's private
   * key and the subgraphs' JWKS, made on first start and kept after.
   */
  readonly identityDir?: string;
  /**
   * Let the identity provider sign any claims a test asks for (its `custom` grant). Tests need it; `npm
   * start` does not: its demo and the web app sign in with personas.
   */
  readonly allowCustomTokens?: boolean;
  /** Leave these services out (e.g. the gateway, for a test that starts its own). */
  readonly without?: readonly string[];
  /** The hall's state: PostgreSQL (`postgres://…`), or PGlite in this directory (default data/hall). */
  readonly hallDatabaseUrl?: string;
  readonly hallDataDir?: string;
  /** Where the hall reads its bundle files (default subgraphs/hall/bundles). */
  readonly bundlesDir?: string;
  /** Where the hall keeps uploaded materials (default data/materials). */
  readonly hallMaterialsDir?: string;
  /**
   * The payment platform's simulated payers pay every order this many ms after it is made (null or
   * absent: only a real payer pays, on the checkout page or at a POS). Test stacks pay at once unless a
   * test is about paying.
   */
  readonly autopayAfterMs?: number | null;
  /** Extra environment for the hall only (dispatch settings in tests). */
  readonly hallEnv?: Record<string, string>;
  /**
   * Run every service from its build with plain node (`npm run start:prod`), as a deployment does; the
   * builds must be there (`npm run build`, or {@link ensureServicesBuilt}).
   */
  readonly built?: boolean;
  /** Node's own options for every service (the profiler's `--cpu-prof`, which NODE_OPTIONS refuses). */
  readonly nodeArgs?: readonly string[];
}

/** The services of the stack, in start order, with their settings. */
export function stackServices(options: StackOptions = {}): ServiceSpec[] {
  const ports = options.ports ?? DEFAULT_PORTS;
  const identity = developmentIdentityKeys(options.identityDir ?? join(ROOT, 'data', 'identity'));
  const base = { HOST: '127.0.0.1', LOG_LEVEL: options.logLevel ?? 'info', ...options.env };
  const seeded = { SEED_PERSONS: String(options.persons ?? 10_000) };
  const local = (port: number, path = '') => `http://127.0.0.1:${port}${path}`;
  const idp: ServiceSpec = {
    name: 'idp',
    title: 'development identity provider — tokens for seeded personas, JWKS',
    entry: 'idp/src/main.ts',
    env: {
      ...base,
      ...seeded,
      PORT: String(ports.idp),
      // The web app, served by the gateway (or Vite's dev server), signs in here and is sent back there.
      WEB_REDIRECT_URIS: [
        local(ports.gateway, '/'),
        `http://localhost:${ports.gateway}/`,
        'http://127.0.0.1:5173/',
        'http://localhost:5173/',
      ].join(','),
      ...(options.allowCustomTokens ? { ALLOW_CUSTOM_TOKENS: 'true' } : {}),
    },
    url: local(ports.idp),
    readyUrl: local(ports.idp, '/health'),
    extra: { personas: local(ports.idp, '/personas') },
  };
  const legacy = DEPARTMENTS.map((department): ServiceSpec => {
    const dept = department.key;
    const { port, adminPort } = ports.legacy[dept];
    return {
      name: `legacy-${dept}`,
      title: `${titleOf(department)} legacy system — ${department.protocol}`,
      entry: `legacy/${dept}/src/main.ts`,
      env: {
        ...base,
        ...seeded,
        CLOCK_SPEED: String(options.clockSpeed ?? 1),
        PORT: String(port),
        ADMIN_PORT: String(adminPort),
        // The departments notify the hall of their cases' changes; the hall also polls.
        CALLBACK_URL: local(ports.hall, '/callbacks/case-status'),
      },
      url: local(port),
      readyUrl: local(adminPort, '/__admin/status'),
      extra: { admin: local(adminPort, '/__admin/status') },
    };
  });
  // The hall does not post results through it yet (issue 19); it runs with the rest so it can.
  const courier: ServiceSpec = {
    name: 'legacy-courier',
    title:
      'courier open platform (EMS 政务寄递) — form POST with HMAC-SHA256 data digest, signed tracking pushes',
    entry: 'legacy/courier/src/main.ts',
    env: {
      ...base,
      ...seeded,
      CLOCK_SPEED: String(options.clockSpeed ?? 1),
      PORT: String(ports.courier.port),
      ADMIN_PORT: String(ports.courier.adminPort),
    },
    url: local(ports.courier.port),
    readyUrl: local(ports.courier.adminPort, '/__admin/status'),
    extra: { admin: local(ports.courier.adminPort, '/__admin/status') },
  };
  // The SMS gateway: its own protocol and clock; its delivery reports (状态报告) go to the hall's callback,
  // registered as an account's report URL is at a real gateway's console.
  const sms: ServiceSpec = {
    name: 'legacy-sms',
    title: 'SMS gateway (短信平台) — signed JSON, templates, delivery reports, per-number limits',
    entry: 'legacy/sms/src/main.ts',
    env: {
      ...base,
      CLOCK_SPEED: String(options.clockSpeed ?? 1),
      PORT: String(ports.sms.port),
      ADMIN_PORT: String(ports.sms.adminPort),
      REPORT_URL: local(ports.hall, '/callbacks/sms'),
    },
    url: local(ports.sms.port),
    readyUrl: local(ports.sms.adminPort, '/__admin/status'),
    extra: {
      admin: local(ports.sms.adminPort, '/__admin/status'),
      sent: local(ports.sms.adminPort, '/__admin/sent'),
    },
  };
  const subgraphs = DEPARTMENT_KEYS.map(
    (dept): ServiceSpec => ({
      name: `subgraph-${dept}`,
      title: `${titleOf(DEPARTMENT[dept])} subgraph`,
      entry: `subgraphs/${dept}/src/main.ts`,
      env: {
        ...base,
        PORT: String(ports.subgraphs[dept]),
        SYSTEM_URL: local(ports.legacy[dept].port),
        INTERNAL_IDENTITY_JWKS_FILE: identity.jwksFile,
      },
      url: local(ports.subgraphs[dept], '/graphql'),
      readyUrl: local(ports.subgraphs[dept], '/health'),
    }),
  );
  // The payment platform (统一公共支付平台): its key pair and the hall's caller key pair, made beside the
  // identity keys on first start (data/payment; in a test stack, its own directory) and kept after.
  const paymentDir = join(options.identityDir ?? join(ROOT, 'data', 'identity'), '..', 'payment');
  const platformKeys = keyPairIn(paymentDir, 'platform');
  const callerKeys = keyPairIn(paymentDir, 'caller-onething-hall');
  const payment = ports.platforms.payment;
  const paymentSpecs: ServiceSpec[] = [
    {
      name: 'legacy-payment',
      title: `${PLATFORM.payment.name.en.toLowerCase()} (${PLATFORM.payment.name.zh}) — ${PLATFORM.payment.protocol}`,
      entry: 'legacy/payment/src/main.ts',
      env: {
        ...base,
        ...seeded,
        // The platform keeps real time even when the departments' clocks run fast: a payment code is valid
        // for a day of the applicant's time (npm start runs the departments at 3600×, which expired it in
        // 24 s). A stopped clock (0) stays stopped, for the tests that move it.
        CLOCK_SPEED: options.clockSpeed === 0 ? '0' : '1',
        PORT: String(payment.port),
        ADMIN_PORT: String(payment.adminPort),
        DATA_DIR: paymentDir,
        PLATFORM_PRIVATE_KEY_FILE: platformKeys.privateKeyFile,
        CALLERS: `onething-hall=${callerKeys.publicKeyFile}`,
        ...(options.autopayAfterMs != null ? { AUTOPAY_AFTER_MS: String(options.autopayAfterMs) } : {}),
      },
      url: local(payment.port),
      readyUrl: local(payment.adminPort, '/__admin/status'),
      extra: { admin: local(payment.adminPort, '/__admin/status') },
    },
    {
      name: 'subgraph-payment',
      title: `${PLATFORM.payment.name.en.toLowerCase()} subgraph`,
      entry: 'subgraphs/payment/src/main.ts',
      env: {
        // Checked notifications go on to the hall, which reads the order back (a prompt, not the record).
        PAYMENT_RELAY_URL: local(ports.hall, '/callbacks/payment'),
        ...base,
        PORT: String(payment.subgraph),
        SYSTEM_URL: local(payment.port),
        INTERNAL_IDENTITY_JWKS_FILE: identity.jwksFile,
        PAYMENT_CALLER_KEY_FILE: callerKeys.privateKeyFile,
        PAYMENT_PLATFORM_PUBLIC_KEY_FILE: platformKeys.publicKeyFile,
        PAYMENT_NOTIFY_URL: local(payment.subgraph, '/notifications/payment'),
        PAYMENT_CHECKOUT_URL: local(payment.port, '/payer/v1/checkout'),
      },
      url: local(payment.subgraph, '/graphql'),
      readyUrl: local(payment.subgraph, '/health'),
      extra: { notifications: local(payment.subgraph, '/notifications/payment') },
    },
  ];
  const gateway: ServiceSpec = {
    name: 'gateway',
    title: 'gateway — the one schema',
    entry: 'gateway/src/main.ts',
    env: {
      ...base,
      PORT: String(ports.gateway),
      INTERNAL_IDENTITY_KEY_FILE: identity.keyFile,
      // Issuer and JWKS from the provider's discovery; the web app learns it from /config.json and signs
      // in there by code + PKCE (client onething-web), coming back to the gateway's `/`.
      OIDC_ISSUER: local(ports.idp),
      // The development IdP's personas and tokens at the gateway's /idp (development only; the web app no
      // longer uses it).
      DEV_IDP_URL: local(ports.idp),
      SUBGRAPH_URLS: [
        ...DEPARTMENT_KEYS.map((d) => `${d}=${local(ports.subgraphs[d], '/graphql')}`),
        `payment=${local(payment.subgraph, '/graphql')}`,
        `hall=${local(ports.hall, '/graphql')}`,
      ].join(','),
    },
    url: local(ports.gateway, '/graphql'),
    readyUrl: local(ports.gateway, '/health'),
    extra: { graphiql: local(ports.gateway, '/graphiql'), metrics: local(ports.gateway, '/metrics') },
  };
  const hall: ServiceSpec = {
    name: 'subgraph-hall',
    title: 'hall subgraph — bundles, one form, prefill, applications',
    entry: 'subgraphs/hall/src/main.ts',
    env: {
      ...base,
      PORT: String(ports.hall),
      INTERNAL_IDENTITY_JWKS_FILE: identity.jwksFile,
      GATEWAY_URL: local(ports.gateway, '/graphql'),
      TOKEN_URL: local(ports.idp, '/token'),
      // The notices' texts go through the SMS gateway's stand-in; posted results through the courier's.
      SMS_URL: local(ports.sms.port),
      COURIER_URL: local(ports.courier.port),
      COURIER_PUSH_URL: local(ports.hall, '/callbacks/courier'),
      ...(options.hallDatabaseUrl ? { DATABASE_URL: options.hallDatabaseUrl } : {}),
      ...(options.hallDataDir ? { DATA_DIR: options.hallDataDir } : {}),
      ...(options.bundlesDir ? { BUNDLES_DIR: options.bundlesDir } : {}),
      ...(options.hallMaterialsDir ? { MATERIALS_DIR: options.hallMaterialsDir } : {}),
      // The receipts' QR codes point at the gateway, which passes /papers/status/* on to the hall.
      PUBLIC_BASE_URL: local(ports.gateway),
      ...options.hallEnv,
    },
    url: local(ports.hall, '/graphql'),
    readyUrl: local(ports.hall, '/health'),
  };
  const without = new Set(options.without ?? []);
  return [idp, ...legacy, paymentSpecs[0]!, courier, sms, ...subgraphs, paymentSpecs[1]!, gateway, hall]
    .filter((s) => !without.has(s.name))
    .map((s) => (options.built ? { ...s, built: true } : s))
    .map((s) => (options.nodeArgs ? { ...s, nodeArgs: options.nodeArgs } : s));
}

/**
 * Ports are drawn from below Linux's ephemeral range (32768–60999): a port the OS hands out for `listen(0)`
 * can be taken by any outgoing connection before the child process binds it, and a stack makes many.
 * Each process (each vitest worker) draws from its own block of the range, so two stacks started at once
 * by two workers cannot both draw a port before either binds it; within a block a port is checked free
 * when drawn and never drawn twice.
 */
const PORT_RANGE = { from: 20_000, to: 32_000 } as const;
const BLOCK = 500;
const BLOCKS = (PORT_RANGE.to - PORT_RANGE.from) / BLOCK;
// STACK_PORT_SLOT_OFFSET moves a whole test run to other blocks: two checkouts testing at once on one
// machine (each with its own vitest workers 1, 2, …) would otherwise draw from the same blocks.
const slot =
  Number(process.env.VITEST_POOL_ID ?? process.pid) + Number(process.env.STACK_PORT_SLOT_OFFSET ?? 0);
const blockStart = PORT_RANGE.from + ((Number.isFinite(slot) ? slot : process.pid) % BLOCKS) * BLOCK;
const drawn = new Set<number>();

function bindable(port: number): Promise<boolean> {
  return new Promise((resolveBindable) => {
    const srv = createServer();
    srv.once('error', () => resolveBindable(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolveBindable(true)));
  });
}

/** A port that is free now, outside the range the OS uses for outgoing connections. */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 2 * BLOCK; tries++) {
    const port = blockStart + Math.floor(Math.random() * BLOCK);
    if (drawn.has(port)) continue;
    drawn.add(port);
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port between ${blockStart} and ${blockStart + BLOCK - 1}`);
}

/** Ports for a whole stack, all free now (for tests running beside `npm start`). */
export async function freeStackPorts(): Promise<StackPorts> {
  const pair = async () => ({ port: await freePort(), adminPort: await freePort() });
  const each = async <T>(value: () => Promise<T>) => {
    const values = {} as Record<DepartmentKey, T>;
    for (const d of DEPARTMENT_KEYS) values[d] = await value();
    return values;
  };
  return {
    gateway: await freePort(),
    hall: await freePort(),
    idp: await freePort(),
    legacy: await each(pair),
    subgraphs: await each(freePort),
    platforms: { payment: { ...(await pair()), subgraph: await freePort() } },
    courier: await pair(),
    sms: await pair(),
  };
}

export interface RunningService {
  readonly spec: ServiceSpec;
  readonly process: ChildProcess;
  /** Kills the process with a signal (SIGKILL to simulate a crash). */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again with the same settings and waits until it is ready. */
  restart(): Promise<void>;
}

export interface RunningStack {
  readonly services: ReadonlyMap<string, RunningService>;
  stop(): Promise<void>;
}

/** The last lines of a service's log, for an error saying why it did not start. */
async function logTail(spec: ServiceSpec, logDir: string | undefined): Promise<string> {
  if (!logDir) return '; run it alone to see why';
  const file = join(logDir, `${spec.name}.log`);
  await sleep(100); // let the piped output reach the file
  try {
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').slice(-15);
    return `; the end of ${file}:\n${lines.join('\n')}`;
  } catch {
    return `; see ${file}`;
  }
}

async function waitReady(
  spec: ServiceSpec,
  child: ChildProcess,
  timeoutMs: number,
  logDir: string | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(
        `${spec.name} exited with code ${child.exitCode} while starting${await logTail(spec, logDir)}`,
      );
    try {
      if (spec.ready ? await spec.ready() : (await fetch(spec.readyUrl)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error(`${spec.name} was not ready at ${spec.readyUrl} within ${timeoutMs} ms`);
}

function launch(spec: ServiceSpec, logDir: string | undefined): ChildProcess {
  // Standard input is a pipe nothing is written to: it ends when this process is gone, however it went,
  // and the service then shuts down instead of running on as an orphan holding its port. Each service is
  // in a process group of its own, so a terminal's Ctrl-C reaches this process alone, which stops every
  // service once, gracefully (a second signal would make a service exit at once).
  const args = [
    ...(spec.nodeArgs ?? []),
    ...(spec.built ? [join(ROOT, builtEntry(spec.entry))] : ['--import', 'tsx', join(ROOT, spec.entry)]),
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, ...spec.env, [EXIT_WITH_PARENT]: '1' },
    stdio: ['pipe', logDir ? 'pipe' : 'ignore', logDir ? 'pipe' : 'ignore'],
  });
  if (logDir) {
    const log = createWriteStream(join(logDir, `${spec.name}.log`), { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }
  return child;
}

/**
 * How long a service may take to become ready: twelve processes each compiling TypeScript in memory take
 * tens of seconds on a loaded two-core machine, and a test must not fail for the machine being busy.
 */
const READY_TIMEOUT_MS = 180_000;

/** Starts every service as its own process and resolves once all are ready. */
export async function startStack(
  options: StackOptions = {},
  specs = stackServices(options),
): Promise<RunningStack> {
  if (options.logDir) mkdirSync(options.logDir, { recursive: true });
  const services = new Map<string, RunningService>();
  const stop = async () => {
    await Promise.all([...services.values()].map((s) => s.kill('SIGTERM')));
  };
  try {
    for (const spec of specs) {
      let child = launch(spec, options.logDir);
      const service: RunningService = {
        spec,
        get process() {
          return child;
        },
        async kill(signal = 'SIGTERM') {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise<void>((r) => child.once('exit', () => r()));
          child.kill(signal);
          await Promise.race([exited, sleep(10_000)]);
        },
        async restart() {
          await service.kill('SIGKILL');
          child = launch(spec, options.logDir);
          await waitReady(spec, child, READY_TIMEOUT_MS, options.logDir);
        },
      };
      services.set(spec.name, service);
    }
    await Promise.all(
      [...services.values()].map((s) => waitReady(s.spec, s.process, READY_TIMEOUT_MS, options.logDir)),
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return { services, stop };
}

/**
 * Stops the stack when this process is told to stop (SIGINT from a terminal's Ctrl-C, SIGTERM from a
 * process manager, SIGHUP when the terminal closes) — whether the signal reaches the whole process group
 * or this process alone — then exits. Answers how to stop it the same way from elsewhere (a service that
 * died), and whether it is stopping.
 */
export function stopOnSignals(
  stack: RunningStack,
  say: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): { readonly stopping: boolean; stop(exitCode?: number): Promise<void> } {
  let stopping: Promise<void> | undefined;
  const stop = (exitCode = 0) => {
    stopping ??= (async () => {
      say('\nStopping…');
      await stack.stop();
      process.exit(exitCode);
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop());
  // npm passes no signal on to the script it runs: `kill -TERM` to `npm start`'s process ends npm alone
  // and leaves this one running. So this process also stops once a process that only runs it is gone.
  const runners = runnersOfThisProcess();
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent || runners.some((pid) => !alive(pid))) void stop();
  }, 500).unref();
  return {
    get stopping() {
      return stopping !== undefined;
    },
    stop,
  };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The processes that exist only to run this one: its parent, and, under `npm start` (npm → sh -c → this),
 * the shell and npm above it (read from /proc on Linux; elsewhere the parent alone).
 */
function runnersOfThisProcess(): number[] {
  const out = [process.ppid];
  if (process.platform !== 'linux' || !process.env.npm_lifecycle_event) return out;
  const proc = (pid: number, file: string) => readFileSync(`/proc/${pid}/${file}`, 'utf8');
  try {
    for (let pid = process.ppid, depth = 0; pid > 1 && depth < 3; depth++) {
      const comm = proc(pid, 'comm').trim();
      if (comm.startsWith('npm')) {
        if (!out.includes(pid)) out.push(pid);
        break;
      }
      if (!['sh', 'dash', 'bash'].includes(comm)) break;
      if (!out.includes(pid)) out.push(pid);
      // The parent's id is the second field after the command name, which may itself hold spaces.
      const stat = proc(pid, 'stat');
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    }
  } catch {
    // a process gone meanwhile: watch what was found
  }
  return out;
}
