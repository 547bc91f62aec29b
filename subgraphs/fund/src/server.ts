import { createFundAdapter } from '@onething/adapter-fund';
import type { Logger } from '@onething/runtime';
import {
  createDepartmentSubgraph,
  documentKeyOf,
  subgraphMetrics,
  systemClientSettings,
} from '@onething/subgraph-kit';
import { fundResolvers } from './resolvers';
import type { FundSubgraphConfig } from './settings';

/** Builds the provident fund subgraph (without listening). */
export function createFundSubgraph(config: FundSubgraphConfig, log: Logger) {
  const metrics = subgraphMetrics('fund');
  const adapter = createFundAdapter({
    client: systemClientSettings(config),
    hooks: metrics.hooks,
    documentPublicKey: documentKeyOf('fund', config),
    appId: config.appId,
    appSecret: config.appSecret,
  });
  return createDepartmentSubgraph({
    department: 'fund',
    adapter,
    resolvers: fundResolvers,
    config,
    metrics,
    log,
  });
}
