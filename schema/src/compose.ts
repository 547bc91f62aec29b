import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

/** A subgraph to compose: its name, its SDL and where the gateway reaches it. */
export interface SubgraphSource {
  readonly name: string;
  readonly typeDefs: string;
  readonly url: string;
}

/**
 * Composition hints we accept, each narrowly (a code on a named subject) and for a stated reason. Any
 * other hint fails composition: a hint is often a schema that works by accident.
 */
export const ACCEPTED_HINTS: readonly {
  readonly code: string;
  readonly subject: RegExp;
  readonly reason: string;
}[] = [
  {
    code: 'INCONSISTENT_INTERFACE_VALUE_TYPE_FIELD',
    subject: /^Field "Item\.\w+" of interface type "Item"/,
    reason:
      'The hall refers to items only by code (TaxItem… with resolvable: false); their other fields come from the department that owns them, and the query planner fetches them from it.',
  },
  {
    code: 'INCONSISTENT_INTERFACE_VALUE_TYPE_FIELD',
    subject: /^Field "Case\.\w+" of interface type "Case"/,
    reason:
      'The hall refers to cases only by number (TaxCase… with resolvable: false); their status and the rest come from the department that handles them.',
  },
];

const accepted = (code: string, message: string) =>
  ACCEPTED_HINTS.some((h) => h.code === code && h.subject.test(message));

/** Why composition failed: every error and every hint not accepted. */
export class CompositionError extends Error {
  override readonly name = 'CompositionError';
  constructor(readonly problems: readonly string[]) {
    super(`the subgraphs do not compose:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Composes Federation 2 subgraphs into a supergraph SDL with `@apollo/composition`. */
export function composeSupergraph(subgraphs: readonly SubgraphSource[]): {
  supergraphSdl: string;
  hints: string[];
} {
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.typeDefs, { noLocation: false }) })),
  );
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message));
  const hints = result.hints.map((h) => `[${h.definition.code}] ${h.message}`);
  const refused = result.hints
    .filter((h) => !accepted(h.definition.code, h.message))
    .map((h) => `[${h.definition.code}] ${h.message}`);
  if (refused.length > 0) throw new CompositionError(refused);
  return { supergraphSdl: result.supergraphSdl, hints };
}
