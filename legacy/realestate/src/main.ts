import { closeOnSignals, runService } from '@onething/runtime';
import { createRealestateStandIn } from './server';
import { realestateSettings } from './settings';

runService('legacy-realestate', realestateSettings, async (config, log) => {
  const standIn = createRealestateStandIn(config, log);
  await standIn.listen();
  closeOnSignals(log, () => standIn.close());
});
