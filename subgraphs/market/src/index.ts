export { createMarketSubgraph } from './server';
export { type MarketSubgraphConfig, marketSubgraphSettings } from './settings';
