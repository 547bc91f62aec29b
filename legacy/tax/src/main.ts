import { closeOnSignals, runService } from '@onething/runtime';
import { createTaxStandIn } from './server';
import { taxSettings } from './settings';

runService('legacy-tax', taxSettings, async (config, log) => {
  const standIn = createTaxStandIn(config, log);
  await standIn.listen();
  closeOnSignals(log, () => standIn.close());
});
