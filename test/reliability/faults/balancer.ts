import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * HAProxy (Debian's package) in front of replicated services, as a deployment puts a load balancer in
 * front of its replicas: one listener per service, its replicas behind it, each health-checked on its
 * ready route; a request whose connection a replica refuses (killed, not yet started) is sent to another
 * (`retries`, `option redispatch`). Never a request a replica may have begun: only connection failures
 * are retried, so a mutation is never sent twice. Driven through HAProxy's runtime API (its stats socket)
 * to take replicas out and read what it thinks of them.
 */

/** A service behind the balancer: where the balancer listens for it, and its replicas. */
export interface BalancedService {
  readonly name: string;
  /** The balancer's port for it: what every client and every other service is given as its address. */
  readonly port: number;
  /** The route that answers 200 when a replica may take requests (the gateway's /ready, /health). */
  readonly healthPath: string;
  readonly replicas: readonly { readonly name: string; readonly port: number }[];
}

/** Why the balancer cannot run here (no haproxy binary), or undefined when it can. */
export function whyNoHaproxy(): string | undefined {
  try {
    execFileSync('haproxy', ['-v'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'no haproxy binary (apt-get install haproxy; .ci/run installs it)';
  }
}

/** The configuration for these services: what the test generates, and what a deployment's would hold. */
export function haproxyConfig(services: readonly BalancedService[], socket: string): string {
  const lines = [
    'global',
    `  stats socket ${socket} mode 600 level admin`,
    '  maxconn 4096',
    '',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    // A department may hold an answer for seconds: the client's patience is the limit, not the balancer's.
    '  timeout client 120s',
    '  timeout server 120s',
    // An idle connection is kept longer than any client keeps one (the gateway's, 30 s): the client always
    // closes first, never sending a request on a connection the balancer is closing at that moment.
    '  timeout http-keep-alive 75s',
    '  timeout check 5s',
    // A refused connection (a replica killed or restarting) is retried on another replica, at once.
    '  retries 3',
    '  option redispatch 1',
    '  retry-on conn-failure',
    '  option httpchk',
    // A replica down after two failed checks half a second apart; up again after two passed.
    '  default-server check inter 500ms fall 2 rise 2',
  ];
  for (const s of services)
    lines.push(
      '',
      `frontend ${s.name}`,
      `  bind 127.0.0.1:${s.port}`,
      `  default_backend ${s.name}`,
      '',
      `backend ${s.name}`,
      '  balance roundrobin',
      `  http-check send meth GET uri ${s.healthPath}`,
      '  http-check expect status 200',
      ...s.replicas.map((r) => `  server ${r.name} 127.0.0.1:${r.port}`),
    );
  return `${lines.join('\n')}\n`;
}

/** One replica as the balancer sees it. */
export interface ReplicaState {
  readonly service: string;
  readonly replica: string;
  /** `UP`, `DOWN`, `MAINT`, or a transition (`UP 1/2`…). */
  readonly status: string;
}

export interface Balancer {
  readonly services: readonly BalancedService[];
  /** Every replica's state, from the runtime API. */
  states(): Promise<ReplicaState[]>;
  /** Waits until every replica not taken out (of one service, or of all) is UP. */
  waitAllUp(timeoutMs?: number, service?: string): Promise<void>;
  /** Takes a replica out (`maint`: no new requests) or puts it back (`ready`). */
  setState(service: string, replica: string, state: 'maint' | 'ready'): Promise<void>;
  stop(): Promise<void>;
}

/** Sends one command to the runtime API and answers what it wrote back. */
function command(socket: string, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const c = createConnection(socket, () => c.end(`${text}\n`));
    c.setEncoding('utf8');
    c.on('data', (d) => (out += d));
    c.on('end', () => resolve(out));
    c.on('error', reject);
  });
}

/** Starts HAProxy for these services (its configuration and log in `dir`); resolves once it takes commands. */
export async function startBalancer(services: readonly BalancedService[], dir: string): Promise<Balancer> {
  const socket = join(dir, 'haproxy.sock');
  const config = join(dir, 'haproxy.cfg');
  writeFileSync(config, haproxyConfig(services, socket));
  const log = createWriteStream(join(dir, 'haproxy.log'), { flags: 'a' });
  // -db: in the foreground, so it is this process's child and ends with it.
  const child: ChildProcess = spawn('haproxy', ['-db', '-f', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`haproxy exited with ${child.exitCode}: see ${dir}/haproxy.log`);
    try {
      await command(socket, 'show info');
      break;
    } catch {
      if (Date.now() > deadline)
        throw new Error(`haproxy took no command within 30 s: see ${dir}/haproxy.log`);
      await sleep(50);
    }
  }
  const states = async (): Promise<ReplicaState[]> => {
    const [header, ...rows] = (await command(socket, 'show stat')).trim().split('\n');
    const columns = header!.replace(/^# /, '').split(',');
    const at = (name: string) => columns.indexOf(name);
    return rows
      .map((r) => r.split(','))
      .filter((r) => r[at('svname')] !== 'FRONTEND' && r[at('svname')] !== 'BACKEND')
      .map((r) => ({ service: r[at('pxname')]!, replica: r[at('svname')]!, status: r[at('status')]! }));
  };
  return {
    services,
    states,
    async waitAllUp(timeoutMs = 120_000, service?: string) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const notUp = (await states()).filter(
          (s) => (!service || s.service === service) && s.status !== 'UP' && s.status !== 'MAINT',
        );
        if (notUp.length === 0) return;
        if (Date.now() > until)
          throw new Error(
            `replicas not up at the balancer: ${notUp.map((s) => `${s.replica} ${s.status}`).join(', ')}`,
          );
        await sleep(100);
      }
    },
    async setState(service, replica, state) {
      const answer = await command(socket, `set server ${service}/${replica} state ${state}`);
      if (answer.trim()) throw new Error(`haproxy: ${answer.trim()}`);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5_000)]);
    },
  };
}
