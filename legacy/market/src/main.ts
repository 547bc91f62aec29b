import { closeOnSignals, createLogger, runMain } from '@onething/runtime';
import { createMarketStandIn } from './server';
import { marketSettings } from './settings';

const config = marketSettings.load();
const log = createLogger('legacy-market', config.logLevel);
runMain(log, async () => {
  const s = createMarketStandIn(config, log);
  await s.listen();
  closeOnSignals(log, () => s.close());
});
