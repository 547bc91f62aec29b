import { readFileSync } from 'node:fs';

/** The reviewed allowances for breaking changes (schema/allowed-breaking-changes.json). */
export const ALLOWANCES_FILE = new URL('../../allowed-breaking-changes.json', import.meta.url);

/**
 * One breaking change a reviewer accepted: the schema coordinate it changes (`Type.field`,
 * `Type.field.argument`, `Enum.VALUE`, `Type` — the path GraphQL Inspector gives), optionally the kind of
 * change (`FIELD_REMOVED`, `FIELD_TYPE_CHANGED`…; any breaking change at the path when absent), and why
 * no client is hurt.
 */
export interface BreakingChangeAllowance {
  readonly path: string;
  readonly change?: string;
  readonly reason: string;
}

/** Why the allowance file was refused. */
export class AllowancesError extends Error {
  override readonly name = 'AllowancesError';
}

/** Reads and validates an allowance file's text: `{ "allowances": [{ "path", "change"?, "reason" }] }`. */
export function parseAllowances(text: string, source = 'schema/allowed-breaking-changes.json') {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new AllowancesError(`${source} is not JSON: ${(e as Error).message}`);
  }
  const list = (json as { allowances?: unknown } | null)?.allowances;
  if (!Array.isArray(list)) throw new AllowancesError(`${source} must be { "allowances": [ … ] }`);
  return list.map((entry: unknown, i): BreakingChangeAllowance => {
    const e = (entry ?? {}) as Record<string, unknown>;
    const where = `${source}: allowances[${i}]`;
    if (typeof e.path !== 'string' || !e.path.trim())
      throw new AllowancesError(`${where} needs "path", the changed schema coordinate (e.g. "Query.bundle")`);
    if (typeof e.reason !== 'string' || !e.reason.trim())
      throw new AllowancesError(`${where} (${e.path}) needs "reason": why no client is hurt by the change`);
    if (e.change !== undefined && typeof e.change !== 'string')
      throw new AllowancesError(`${where} (${e.path}): "change" is a change type such as "FIELD_REMOVED"`);
    return { path: e.path, reason: e.reason, ...(e.change === undefined ? {} : { change: e.change }) };
  });
}

/** The checked-in allowances; none when the file is absent. */
export function readAllowances(file: URL = ALLOWANCES_FILE): BreakingChangeAllowance[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return parseAllowances(text);
}
