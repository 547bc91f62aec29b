import { closeOnSignals, runService } from '@onething/runtime';
import { createSmsStandIn } from './server';
import { smsSettings } from './settings';

runService('legacy-sms', smsSettings, async (config, log) => {
  const standIn = createSmsStandIn(config, log);
  await standIn.listen();
  closeOnSignals(log, () => standIn.close());
});
