import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { eventually } from './house-transfer';

const ROOT = resolve(import.meta.dirname, '..', '..');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Starts the launcher fixture — through npm, as `npm start` runs scripts/start.ts (npm → sh -c → node), or
 * directly — and answers it with its services' process ids, once they are ready.
 */
async function launcher(through: 'npm' | 'node'): Promise<{ child: ChildProcess; services: number[] }> {
  const fixture = 'test/stack/fixtures/launcher.ts';
  // `npm start`'s own command line, run by npm through its shell as npm runs it, with the fixture for
  // scripts/start.ts.
  const start = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: { start: string };
    }
  ).scripts.start.replace('scripts/start.ts', fixture);
  const stdio: ['ignore', 'pipe', 'inherit'] = ['ignore', 'pipe', 'inherit'];
  const child =
    through === 'npm'
      ? spawn('npm', ['exec', '--call', start], { cwd: ROOT, stdio })
      : spawn(process.execPath, ['--import', 'tsx', fixture], { cwd: ROOT, stdio });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const services = JSON.parse(line) as number[];
  expect(services.every(alive)).toBe(true);
  return { child, services };
}

/**
 * `npm start` is stopped by a process manager with a signal to its own process, not to its group: every
 * service must stop with it. A launcher that dies without stopping them (SIGKILL) must not leave them
 * running either, holding their ports.
 */
describe('the launcher', () => {
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    it(`stops every service on ${signal} sent to the launcher alone, then exits`, async () => {
      const { child, services } = await launcher('node');
      const exited = once(child, 'exit');
      process.kill(child.pid!, signal);
      const [code] = (await exited) as [number | null];
      expect(code).toBe(0);
      await gone(services);
    });
  }

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops every service on ${signal} sent to npm's process alone, as a process manager sends it`, async () => {
      const { child, services } = await launcher('npm');
      process.kill(child.pid!, signal);
      await gone(services);
    });
  }

  it('leaves no service running when the launcher is killed outright', async () => {
    const { child, services } = await launcher('node');
    const exited = once(child, 'exit');
    process.kill(child.pid!, 'SIGKILL');
    await exited;
    await gone(services);
  });
});

const gone = (pids: readonly number[]) =>
  eventually(
    async () => pids.filter(alive),
    (left) => left.length === 0,
    'every service to stop',
  );
