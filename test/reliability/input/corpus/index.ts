import type { HostileCase } from '../case';
import { callbacks } from './callbacks';
import { contentTypes } from './content-types';
import type { CorpusContext } from './context';
import { formIdentifiers } from './form-identifiers';
import { fragmentCycles } from './fragment-cycles';
import { http } from './http';
import { hugeBodies } from './huge-bodies';
import { identifiers } from './identifiers';
import { injection } from './injection';
import { internalHeader } from './internal-header';
import { introspection } from './introspection';
import { malformedJson } from './malformed-json';
import { queryLimits } from './query-limits';
import { tokens } from './tokens';
import { uploads } from './uploads';

export type { CorpusContext } from './context';

/** The whole corpus, kind by kind. */
export const corpus = (ctx: CorpusContext): HostileCase[] => [
  ...malformedJson(ctx),
  ...contentTypes(ctx),
  ...http(ctx),
  ...hugeBodies(ctx),
  ...queryLimits(ctx),
  ...fragmentCycles(),
  ...introspection(),
  ...identifiers(ctx),
  ...formIdentifiers(ctx),
  ...injection(ctx),
  ...tokens(ctx),
  ...internalHeader(ctx),
  ...uploads(ctx),
  ...callbacks(),
];

/**
 * The short form's deterministic subset: of each kind the first case and every `every`-th after it, so
 * every kind is tried in both forms.
 */
export function shortCorpus(cases: readonly HostileCase[], every = 4): HostileCase[] {
  const seen = new Map<string, number>();
  return cases.filter((c) => {
    const i = seen.get(c.kind) ?? 0;
    seen.set(c.kind, i + 1);
    return i % every === 0;
  });
}
