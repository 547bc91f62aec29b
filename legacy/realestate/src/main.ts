import { closeOnSignals, createLogger, runMain } from '@onething/runtime';
import { createRealestateStandIn } from './server';
import { realestateSettings } from './settings';

const config = realestateSettings.load();
const log = createLogger('legacy-realestate', config.logLevel);
runMain(log, async () => {
  const s = createRealestateStandIn(config, log);
  await s.listen();
  closeOnSignals(log, () => s.close());
});
