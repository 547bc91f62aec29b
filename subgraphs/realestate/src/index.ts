export { createRealestateSubgraph } from './server';
export { type RealestateSubgraphConfig, realestateSubgraphSettings } from './settings';
