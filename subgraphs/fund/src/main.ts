import { closeOnSignals, runService } from '@onething/runtime';
import { createFundSubgraph } from './server';
import { fundSubgraphSettings } from './settings';

runService('subgraph-fund', fundSubgraphSettings, async (config, log) => {
  const subgraph = createFundSubgraph(config, log);
  await subgraph.listen();
  closeOnSignals(log, () => subgraph.close());
});
