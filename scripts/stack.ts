import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

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
  /** Extra addresses worth printing (admin endpoints…). */
  readonly extra?: Record<string, string>;
}

export interface StackPorts {
  readonly legacy: Record<'tax' | 'market' | 'realestate' | 'fund', { port: number; adminPort: number }>;
}

export const DEFAULT_PORTS: StackPorts = {
  legacy: {
    tax: { port: 4101, adminPort: 4111 },
    market: { port: 4102, adminPort: 4112 },
    realestate: { port: 4103, adminPort: 4113 },
    fund: { port: 4104, adminPort: 4114 },
  },
};

const LEGACY_TITLES = {
  tax: 'tax (税务) legacy system — REST+JSON',
  market: 'market regulation (市场监管) legacy system — REST, rate-limited',
  realestate: 'real-estate registry (不动产登记) legacy system — SOAP 1.1',
  fund: 'housing provident fund (住房公积金) legacy system — signed form POST',
} as const;

export interface StackOptions {
  readonly ports?: StackPorts;
  /** Seeded persons in every stand-in. */
  readonly persons?: number;
  /** Simulated seconds per real second on the stand-ins' clocks. */
  readonly clockSpeed?: number;
  readonly logLevel?: string;
  /** Where each service's log goes (one file per service). */
  readonly logDir?: string;
  /** Extra environment for every service. */
  readonly env?: Record<string, string>;
}

/** The services of the stack, in start order, with their settings. */
export function stackServices(options: StackOptions = {}): ServiceSpec[] {
  const ports = options.ports ?? DEFAULT_PORTS;
  const common = {
    HOST: '127.0.0.1',
    LOG_LEVEL: options.logLevel ?? 'info',
    SEED_PERSONS: String(options.persons ?? 10_000),
    CLOCK_SPEED: String(options.clockSpeed ?? 1),
    ...options.env,
  };
  return (Object.keys(ports.legacy) as (keyof StackPorts['legacy'])[]).map((dept) => {
    const { port, adminPort } = ports.legacy[dept];
    return {
      name: `legacy-${dept}`,
      title: LEGACY_TITLES[dept],
      entry: `legacy/${dept}/src/main.ts`,
      env: { ...common, PORT: String(port), ADMIN_PORT: String(adminPort) },
      url: `http://127.0.0.1:${port}`,
      readyUrl: `http://127.0.0.1:${adminPort}/__admin/status`,
      extra: { admin: `http://127.0.0.1:${adminPort}/__admin/status` },
    };
  });
}

/** A port the OS says is free now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolvePort(port));
    });
  });
}

/** Ports for a whole stack, all free now (for tests running beside `npm start`). */
export async function freeStackPorts(): Promise<StackPorts> {
  const pair = async () => ({ port: await freePort(), adminPort: await freePort() });
  return {
    legacy: { tax: await pair(), market: await pair(), realestate: await pair(), fund: await pair() },
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

async function waitReady(spec: ServiceSpec, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${spec.name} exited with code ${child.exitCode} while starting; see its log`);
    try {
      const res = await fetch(spec.readyUrl);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error(`${spec.name} was not ready at ${spec.readyUrl} within ${timeoutMs} ms`);
}

function launch(spec: ServiceSpec, logDir: string | undefined): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, spec.entry)], {
    cwd: ROOT,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', logDir ? 'pipe' : 'ignore', logDir ? 'pipe' : 'ignore'],
  });
  if (logDir) {
    const log = createWriteStream(join(logDir, `${spec.name}.log`), { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }
  return child;
}

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
          await waitReady(spec, child, 60_000);
        },
      };
      services.set(spec.name, service);
    }
    await Promise.all([...services.values()].map((s) => waitReady(s.spec, s.process, 60_000)));
  } catch (e) {
    await stop();
    throw e;
  }
  return { services, stop };
}
