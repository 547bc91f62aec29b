import { closeOnSignals, runService } from '@onething/runtime';
import { createMarketSubgraph } from './server';
import { marketSubgraphSettings } from './settings';

runService('subgraph-market', marketSubgraphSettings, async (config, log) => {
  const subgraph = createMarketSubgraph(config, log);
  await subgraph.listen();
  closeOnSignals(log, () => subgraph.close());
});
