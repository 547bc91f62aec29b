import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readSupergraph } from '../supergraph';

/** The supergraph a change is checked against, and which commit it was read from, in words. */
export interface BaseSupergraph {
  readonly sdl: string;
  readonly from: string;
}

const SCHEMA_DIR = fileURLToPath(new URL('../../', import.meta.url));

const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: SCHEMA_DIR,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();

const commitOf = (ref: string): string | null => {
  try {
    return git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
  } catch {
    return null;
  }
};

const at = (ref: string, from: string): BaseSupergraph => ({
  sdl: execFileSync('git', ['show', `${ref}:./supergraph.graphql`], { cwd: SCHEMA_DIR, encoding: 'utf8' }),
  from: `schema/supergraph.graphql at ${ref.length === 40 ? ref.slice(0, 12) : ref} (${from})`,
});

/**
 * The last checked-in supergraph, which `npm run schema:check` compares the freshly composed one with.
 * "Checked in" means committed on main before the change being checked:
 * - `SCHEMA_CHECK_BASE=<git ref>` names the commit outright (a pipeline checking a pull request sets
 *   it to the target branch, e.g. `origin/main`);
 * - on a branch with commits main lacks: main where the branch left it (`git merge-base HEAD main`), so a
 *   department sees its own change only, whatever main took in since;
 * - on main with uncommitted edits in schema/: HEAD;
 * - on main with a clean schema/ (CI, which checks a fresh clone of main): the commit before HEAD (its first
 *   parent), so CI checks what the last commit or merge changed;
 * - outside a git checkout: the working tree's schema/supergraph.graphql, saying so.
 */
export function checkedInSupergraph(env: NodeJS.ProcessEnv = process.env): BaseSupergraph {
  const named = env.SCHEMA_CHECK_BASE?.trim();
  if (named) {
    if (!commitOf(named)) throw new Error(`SCHEMA_CHECK_BASE=${named} names no commit of this repository`);
    return at(named, 'SCHEMA_CHECK_BASE');
  }
  const head = commitOf('HEAD');
  if (!head)
    return { sdl: readSupergraph(), from: 'schema/supergraph.graphql as on disk (not a git checkout)' };
  const main = ['main', 'origin/main'].find((ref) => commitOf(ref));
  const forkPoint = main ? git('merge-base', 'HEAD', main) : head;
  if (forkPoint !== head) return at(forkPoint, `where this branch left ${main}`);
  if (git('status', '--porcelain', '--', '.') !== '')
    return at('HEAD', 'the last commit; schema/ has uncommitted edits');
  if (commitOf('HEAD^1')) return at('HEAD^1', 'the commit before HEAD: what the last commit changed');
  return at('HEAD', 'HEAD, the only commit of this clone');
}
