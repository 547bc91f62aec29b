import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm start`'s departments are stand-ins that start afresh from their seed at every start (their people,
 * units and cases are generated, not kept), so the hall starts afresh with them: an application kept from
 * an earlier run would name cases and owners the registry no longer knows. What the hall kept under
 * `<root>/data` (its database and the uploads) is moved aside to `data/previous/<time>/`, never deleted.
 * Answers where it went, or undefined when there was nothing to move.
 */
export function moveAsidePreviousRun(root: string, now: Date = new Date()): string | undefined {
  const kept = ['hall', 'materials'].filter((d) => {
    const dir = join(root, 'data', d);
    return existsSync(dir) && readdirSync(dir).length > 0;
  });
  if (kept.length === 0) return undefined;
  const to = join(root, 'data', 'previous', now.toISOString().replace(/[:.]/g, '-'));
  mkdirSync(to, { recursive: true });
  for (const d of kept) renameSync(join(root, 'data', d), join(to, d));
  return to;
}
