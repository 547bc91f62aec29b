import { closeOnSignals, runService } from '@onething/runtime';
import { createTaxSubgraph } from './server';
import { taxSubgraphSettings } from './settings';

runService('subgraph-tax', taxSubgraphSettings, async (config, log) => {
  const subgraph = createTaxSubgraph(config, log);
  await subgraph.listen();
  closeOnSignals(log, () => subgraph.close());
});
