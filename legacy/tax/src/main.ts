import { closeOnSignals, createLogger, runMain } from '@onething/runtime';
import { createTaxStandIn } from './server';
import { taxSettings } from './settings';

const config = taxSettings.load();
const log = createLogger('legacy-tax', config.logLevel);
runMain(log, async () => {
  const s = createTaxStandIn(config, log);
  await s.listen();
  closeOnSignals(log, () => s.close());
});
