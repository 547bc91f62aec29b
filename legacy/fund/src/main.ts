import { closeOnSignals, runService } from '@onething/runtime';
import { createFundStandIn } from './server';
import { fundSettings } from './settings';

runService('legacy-fund', fundSettings, async (config, log) => {
  const standIn = createFundStandIn(config, log);
  await standIn.listen();
  closeOnSignals(log, () => standIn.close());
});
