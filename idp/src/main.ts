import { closeOnSignals, runService } from '@onething/runtime';
import { createDevIdp } from './server';
import { devIdpSettings } from './settings';

runService('dev-idp', devIdpSettings, async (config, log) => {
  const idp = createDevIdp(config, log);
  await idp.listen();
  closeOnSignals(log, () => idp.close());
});
