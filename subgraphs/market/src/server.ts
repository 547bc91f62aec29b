import { createMarketAdapter } from '@onething/adapter-market';
import type { Logger } from '@onething/runtime';
import {
  createDepartmentSubgraph,
  documentKeyOf,
  subgraphMetrics,
  systemClientSettings,
} from '@onething/subgraph-kit';
import { marketResolvers } from './resolvers';
import type { MarketSubgraphConfig } from './settings';

/** Builds the market regulation subgraph (without listening). */
export function createMarketSubgraph(config: MarketSubgraphConfig, log: Logger) {
  const metrics = subgraphMetrics('market');
  const adapter = createMarketAdapter({
    client: systemClientSettings(config),
    hooks: metrics.hooks,
    documentPublicKey: documentKeyOf('market', config),
    clientId: config.clientId,
    concurrency: config.concurrency,
  });
  return createDepartmentSubgraph({
    department: 'market',
    adapter,
    resolvers: marketResolvers,
    config,
    metrics,
    log,
  });
}
