export { createTaxSubgraph } from './server';
export { type TaxSubgraphConfig, taxSubgraphSettings } from './settings';
