import { closeOnSignals, createLogger, runMain } from '@onething/runtime';
import { createFundStandIn } from './server';
import { fundSettings } from './settings';

const config = fundSettings.load();
const log = createLogger('legacy-fund', config.logLevel);
runMain(log, async () => {
  const s = createFundStandIn(config, log);
  await s.listen();
  closeOnSignals(log, () => s.close());
});
