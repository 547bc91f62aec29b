import { createRealestateAdapter } from '@onething/adapter-realestate';
import type { Logger } from '@onething/runtime';
import {
  createDepartmentSubgraph,
  documentKeyOf,
  subgraphMetrics,
  systemClientSettings,
} from '@onething/subgraph-kit';
import { realestateResolvers } from './resolvers';
import type { RealestateSubgraphConfig } from './settings';

/** Builds the real-estate registration subgraph (without listening). */
export function createRealestateSubgraph(config: RealestateSubgraphConfig, log: Logger) {
  const metrics = subgraphMetrics('realestate');
  const adapter = createRealestateAdapter({
    client: systemClientSettings(config),
    hooks: metrics.hooks,
    documentPublicKey: documentKeyOf('realestate', config),
    caller: config.caller,
    ownerLookupConcurrency: config.ownerLookupConcurrency,
    settleMs: config.settleMs,
  });
  return createDepartmentSubgraph({
    department: 'realestate',
    adapter,
    resolvers: realestateResolvers,
    config,
    metrics,
    log,
  });
}
