import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

/** A subgraph to compose: its name, its SDL and where the gateway reaches it. */
export interface SubgraphSource {
  readonly name: string;
  readonly typeDefs: string;
  readonly url: string;
}

/**
 * Composition hints we accept, each for a stated reason. Any other hint fails composition: a hint is
 * often a schema that works by accident.
 */
export const ACCEPTED_HINTS: Readonly<Record<string, string>> = {};

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
    .filter((h) => !(h.definition.code in ACCEPTED_HINTS))
    .map((h) => `[${h.definition.code}] ${h.message}`);
  if (refused.length > 0) throw new CompositionError(refused);
  return { supergraphSdl: result.supergraphSdl, hints };
}
