import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../../scripts/stack';

/**
 * A PostgreSQL cluster of the test's own, to stop and start at will: the machine's server is shared with
 * other people's work and must not be restarted. Made with the installed server's initdb and pg_ctl,
 * run as the `postgres` user in a temporary directory, listening on a free port.
 */
export interface PrivatePostgres {
  /** `postgres://…` of its `onething` database. */
  readonly url: string;
  readonly port: number;
  /** Restarts the server (`pg_ctl restart`, fast: connections are ended at once). */
  restart(): Promise<void>;
  /** Stops the server: `immediate` ends it as a crash would, `fast` as a clean shutdown. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its files. */
  destroy(): Promise<void>;
}

const ROOT = '/usr/lib/postgresql';
const run = promisify(execFile);

/** The newest installed server's binaries, if any. */
function binaries(): string | undefined {
  if (!existsSync(ROOT)) return undefined;
  const versions = readdirSync(ROOT)
    .filter((v) => existsSync(join(ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(ROOT, versions[0], 'bin');
}

function postgresUser(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/** Why a private cluster cannot be made here, or undefined when it can. */
export function whyNoPrivatePostgres(): string | undefined {
  if (!binaries()) return `no PostgreSQL server installed under ${ROOT} (apt-get install postgresql)`;
  if (!postgresUser()) return 'no `postgres` user to run the server as';
  if (process.getuid?.() !== 0) return 'not running as root, so cannot run the server as the `postgres` user';
  return undefined;
}

/** Makes and starts a private cluster with a database `onething`. */
export async function privatePostgres(): Promise<PrivatePostgres> {
  const bin = binaries()!;
  const user = postgresUser()!;
  const dir = mkdtempSync(join(tmpdir(), 'onething-pg-'));
  chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const port = await freePort();
  // Run without blocking: the load of the test goes on in this process while the server stops and starts.
  const asPostgres = async (cmd: string, args: string[]) => {
    await run('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { cwd: dir, timeout: 120_000 });
  };
  await asPostgres('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
  const pgCtl = (...args: string[]) =>
    asPostgres('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', ...args]);
  await pgCtl('-o', options, 'start');
  await asPostgres('createdb', ['-h', dir, '-p', String(port), '-U', 'postgres', 'onething']);
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/onething`,
    port,
    restart: () => pgCtl('-m', 'fast', 'restart'),
    async stop(mode = 'fast') {
      await pgCtl('-m', mode, 'stop');
      running = false;
    },
    async start() {
      await pgCtl('-o', options, 'start');
      running = true;
    },
    async destroy() {
      if (running) await pgCtl('-m', 'immediate', 'stop').catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
