#!/usr/bin/env -S node --import tsx
import { closeOnSignals, createLogger, runService } from '@onething/runtime';
import { environmentFromArgs } from './cli';
import { createGateway } from './server';
import { gatewaySettings } from './settings';

// `onething-gateway [--config FILE] [--supergraph FILE] [--host ADDRESS] [--port N]`; every other
// setting from the environment or the config file.
let env: NodeJS.ProcessEnv;
try {
  env = environmentFromArgs(process.argv.slice(2), process.env);
} catch (e) {
  createLogger('gateway', 'info').fatal((e as Error).message);
  process.exit(1);
}
const settings = {
  load: () => gatewaySettings.load(env),
  developmentConveniences: () => gatewaySettings.developmentConveniences(env),
};
runService('gateway', settings, async (config, log) => {
  const gateway = createGateway(config, log);
  await gateway.listen();
  closeOnSignals(log, () => gateway.close());
});
