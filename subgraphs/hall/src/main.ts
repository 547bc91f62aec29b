import { closeOnSignals, runService } from '@onething/runtime';
import { createHallSubgraph } from './server';
import { hallSettings } from './settings';

runService('subgraph-hall', hallSettings, async (config, log) => {
  const hall = await createHallSubgraph(config, log);
  await hall.listen();
  closeOnSignals(log, () => hall.close());
});
