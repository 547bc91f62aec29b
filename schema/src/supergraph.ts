import { readFileSync } from 'node:fs';
import { composeSupergraph } from './compose';
import { SUBGRAPHS, subgraphSdl } from './subgraph-sdl';

/** The checked-in supergraph the gateway serves (`npm run compose` writes it). */
export const SUPERGRAPH_FILE = new URL('../supergraph.graphql', import.meta.url);

/** Composes the subgraphs kept in schema/subgraphs, at the URLs `npm start` runs them on. */
export function composeOurSupergraph(): string {
  return composeSupergraph(SUBGRAPHS.map((s) => ({ ...s, typeDefs: subgraphSdl(s.name) }))).supergraphSdl;
}

/** The checked-in supergraph SDL. */
export function readSupergraph(): string {
  return readFileSync(SUPERGRAPH_FILE, 'utf8');
}
