import { createTaxAdapter } from '@onething/adapter-tax';
import type { Logger } from '@onething/runtime';
import {
  createDepartmentSubgraph,
  documentKeyOf,
  subgraphMetrics,
  systemClientSettings,
} from '@onething/subgraph-kit';
import { taxResolvers } from './resolvers';
import type { TaxSubgraphConfig } from './settings';

/** Builds the tax subgraph (without listening). */
export function createTaxSubgraph(config: TaxSubgraphConfig, log: Logger) {
  const metrics = subgraphMetrics('tax');
  const adapter = createTaxAdapter({
    client: systemClientSettings(config),
    hooks: metrics.hooks,
    documentPublicKey: documentKeyOf('tax', config),
    apiKey: config.apiKey,
  });
  return createDepartmentSubgraph({
    department: 'tax',
    adapter,
    resolvers: taxResolvers,
    config,
    metrics,
    log,
  });
}
