import { closeOnSignals, runService } from '@onething/runtime';
import { createMarketStandIn } from './server';
import { marketSettings } from './settings';

runService('legacy-market', marketSettings, async (config, log) => {
  const standIn = createMarketStandIn(config, log);
  await standIn.listen();
  closeOnSignals(log, () => standIn.close());
});
