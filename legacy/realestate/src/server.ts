import { createStandIn, loadItems, type StandIn } from '@onething/legacy-kit';
import type { Logger } from '@onething/runtime';
import { Catalogue } from './catalogue';
import { registryProtocol } from './protocol';
import { registryRules } from './rules';
import { registerRegistryService } from './service';
import type { RealestateConfig } from './settings';
import { operationOfAction } from './soap';
import { RegistryRecords } from './state';

/**
 * Builds the real-estate registry's stand-in (不动产登记): its SOAP 1.1 service over its own copy of the
 * seeded properties, cases decided on the simulated clock by the registry's rules. Does not listen until
 * `listen()`.
 */
export function createRealestateStandIn(config: RealestateConfig, log: Logger): StandIn {
  const items = loadItems('realestate', new URL('../data/items.json', import.meta.url));
  const catalogue = new Catalogue(items);
  let records: RegistryRecords | undefined;
  return createStandIn({
    department: 'realestate',
    protocol: registryProtocol,
    config,
    log,
    documents: { items },
    rules: (ctx) => {
      records = new RegistryRecords(ctx.population);
      return registryRules({ items, records, clock: ctx.clock });
    },
    routes: (app, ctx) =>
      registerRegistryService(app, ctx, {
        records: records!,
        catalogue,
        baseLatencyMs: config.baseLatencyMs,
        baseJitterMs: config.baseJitterMs,
      }),
    // One URL serves every operation: the SOAPAction says which.
    opOf: (req) => (req.method === 'POST' ? operationOfAction(req.headers.soapaction) : undefined),
    callerOf: (req) => (req.soap && 'request' in req.soap ? req.soap.request.caller : undefined),
  });
}
