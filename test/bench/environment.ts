import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The version of an installed package, as the workspace resolves it: its package.json found on the
 * resolution paths, since packages whose `exports` leave it out cannot be resolved to it by name.
 */
function versionOf(name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    const file = join(dir, name, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return '?';
}

/** What the figures were measured on: the machine, the code, the versions that matter. */
export function environment() {
  const git = (cmd: string) => {
    try {
      return execSync(`git ${cmd}`, { encoding: 'utf8' }).trim();
    } catch {
      return '?';
    }
  };
  return {
    date: new Date().toISOString(),
    commit: `${git('rev-parse --short HEAD')}${git('status --porcelain') ? ' (with uncommitted changes)' : ''}`,
    cpu: `${cpus().length} × ${cpus()[0]?.model.trim() ?? '?'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    versions: Object.fromEntries(
      [
        '@apollo/gateway',
        '@apollo/server',
        'fastify',
        'mercurius',
        'graphql',
        'undici',
        'autocannon',
        '@electric-sql/pglite',
      ].map((p) => [p, versionOf(p)]),
    ),
  };
}

export type Environment = ReturnType<typeof environment>;
