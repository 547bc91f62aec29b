export { ACCEPTED_HINTS, CompositionError, composeSupergraph, type SubgraphSource } from './compose';
export * from './departments';
export * from './errors';
export * from './graphql/scalars';
export * from './identifiers';
export * from './money';
export * from './platforms';
export {
  departmentSubgraphSdl,
  hallSubgraphSdl,
  platformSubgraphSdl,
  SUBGRAPHS,
  type SubgraphName,
  subgraphSdl,
} from './subgraph-sdl';
export { composeOurSupergraph, readSupergraph, SUPERGRAPH_FILE } from './supergraph';
