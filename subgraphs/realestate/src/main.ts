import { closeOnSignals, runService } from '@onething/runtime';
import { createRealestateSubgraph } from './server';
import { realestateSubgraphSettings } from './settings';

runService('subgraph-realestate', realestateSubgraphSettings, async (config, log) => {
  const subgraph = createRealestateSubgraph(config, log);
  await subgraph.listen();
  closeOnSignals(log, () => subgraph.close());
});
