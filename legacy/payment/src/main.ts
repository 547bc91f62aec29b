import { closeOnSignals, runService } from '@onething/runtime';
import { createPaymentStandIn } from './server';
import { paymentSettings } from './settings';

runService('legacy-payment', paymentSettings, async (config, log) => {
  const standIn = createPaymentStandIn(config, log);
  await standIn.listen();
  closeOnSignals(log, () => standIn.close());
});
