import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';

const require = createRequire(import.meta.url);

/** The version of an installed package, as the workspace resolves it. */
function versionOf(name: string): string {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string })
      .version;
  } catch {
    return '?';
  }
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
