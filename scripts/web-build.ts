import { spawn } from 'node:child_process';
import {
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/**
 * The web app (web/) built to web/dist, which the gateway serves at `/`, only when it is missing or
 * older than what it is built from: `npm start` and the browser tests call {@link ensureWebBuilt}.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The built web app's entry: the gateway's default WEB_DIR holds it. */
export const WEB_INDEX = join(ROOT, 'web', 'dist', 'index.html');
/** What the build reads: the app, its page, its build settings, and the field rules it imports. */
export const WEB_SOURCES = [
  'web/src',
  'web/public',
  'web/index.html',
  'web/vite.config.ts',
  'web/package.json',
  'schema/src/forms',
].map((p) => join(ROOT, p));
export const WEB_BUILD_COMMAND = 'npm run build --workspace web';
// One build at a time across processes (npm start beside test runs): the build empties web/dist first.
const LOCK = join(ROOT, 'node_modules', '.cache', 'onething-web-build.lock');

/** The newest modification time of the files at `path` (a file, or a directory walked), 0 if none. */
function newestMtime(path: string): number {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

/** Why the web app needs building now, or undefined when web/dist is up to date. */
export function webBuildReason(): string | undefined {
  let built: number;
  try {
    built = statSync(WEB_INDEX).mtimeMs;
  } catch {
    return 'web/dist/index.html is missing';
  }
  const newest = Math.max(...WEB_SOURCES.map(newestMtime));
  return newest > built ? 'web/ changed since it was last built' : undefined;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Runs `fn` holding the build lock; a lock left by a process that is gone is taken over. */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(LOCK), { recursive: true });
  // The lock appears with its holder's pid in it at once: written aside, then linked (fails if it exists).
  const mine = `${LOCK}.${process.pid}`;
  const deadline = performance.now() + 10 * 60_000;
  writeFileSync(mine, String(process.pid));
  try {
    for (;;) {
      try {
        linkSync(mine, LOCK);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      let holder = 0;
      try {
        holder = Number(readFileSync(LOCK, 'utf8'));
      } catch {
        continue; // released meanwhile
      }
      if (!Number.isInteger(holder) || holder <= 0 || !alive(holder)) rmSync(LOCK, { force: true });
      else if (performance.now() > deadline)
        throw new Error(
          `the web app is being built by process ${holder} for over 10 minutes (lock ${LOCK}); stop it, or remove the lock if that process is not a build`,
        );
      else await sleep(250);
    }
  } finally {
    rmSync(mine, { force: true });
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { force: true });
  }
}

/** `npm run build --workspace web` (vite build), its output kept for the error should it fail. */
function build(): Promise<void> {
  // A production build whoever calls: vitest's NODE_ENV=test would give React's development build.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('VITEST')),
  );
  return new Promise((resolveBuild, reject) => {
    const child = spawn('npm', ['run', 'build', '--workspace', 'web'], {
      cwd: ROOT,
      env: { ...env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', (e) =>
      reject(new Error(`the web app could not be built: ${WEB_BUILD_COMMAND} did not run (${e.message})`)),
    );
    child.once('close', (code, signal) => {
      if (code === 0) return resolveBuild();
      const tail = output.trim().split('\n').slice(-30).join('\n');
      reject(
        new Error(
          `the web app could not be built: ${WEB_BUILD_COMMAND} failed (${signal ?? `exit code ${code}`}); fix what it says and run it again:\n${tail}`,
        ),
      );
    });
  });
}

let running: Promise<{ built: boolean; ms: number }> | undefined;

/**
 * Builds the web app into web/dist when web/dist/index.html is missing or older than the newest file it
 * is built from (web/src, web/public, web/index.html, web/vite.config.ts, web/package.json,
 * schema/src/forms); otherwise does nothing. Answers whether it built and how long it took.
 */
export function ensureWebBuilt(): Promise<{ built: boolean; ms: number }> {
  running ??= (async () => {
    const started = performance.now();
    if (webBuildReason() === undefined) return { built: false, ms: performance.now() - started };
    return withLock(async () => {
      // Another process may have built it while this one waited for the lock.
      if (webBuildReason() === undefined) return { built: false, ms: performance.now() - started };
      const sourcesAt = new Date();
      await build();
      // Stamped with the time the build started: a file saved during the build is newer, so it is built next time.
      utimesSync(WEB_INDEX, sourcesAt, sourcesAt);
      return { built: true, ms: performance.now() - started };
    });
  })().finally(() => {
    running = undefined;
  });
  return running;
}
