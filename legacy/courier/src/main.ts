import { closeOnSignals, runService } from '@onething/runtime';
import { createCourierStandIn } from './server';
import { courierSettings } from './settings';

runService('legacy-courier', courierSettings, async (config, log) => {
  const standIn = createCourierStandIn(config, log);
  await standIn.listen();
  closeOnSignals(log, () => standIn.close());
});
