export { createFundSubgraph } from './server';
export { type FundSubgraphConfig, fundSubgraphSettings } from './settings';
