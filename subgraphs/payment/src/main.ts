import { closeOnSignals, runService } from '@onething/runtime';
import { createPaymentSubgraph } from './server';
import { paymentSubgraphSettings } from './settings';

runService('subgraph-payment', paymentSubgraphSettings, async (config, log) => {
  const subgraph = createPaymentSubgraph(config, log);
  await subgraph.listen();
  closeOnSignals(log, () => subgraph.close());
});
