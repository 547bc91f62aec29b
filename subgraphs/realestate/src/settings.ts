import { settings } from '@onething/runtime';
import { documentKeySettings, subgraphSettings } from '@onething/subgraph-kit';
import { z } from 'zod';

/** Settings of the real-estate registration subgraph: the kit's, plus how the registry knows this caller. */
export const realestateSubgraphSettings = subgraphSettings(
  'realestate',
  4004,
  { url: 'http://127.0.0.1:4103', timeoutMs: 5_000 },
  {
    ...documentKeySettings('realestate'),
    caller: {
      env: 'REGISTRY_CALLER',
      schema: z.string().min(1).default('onething'),
      doc: 'Name of this caller in the registry’s SOAP Caller header.',
    },
    ownerLookupConcurrency: {
      env: 'REGISTRY_OWNER_LOOKUP_CONCURRENCY',
      schema: z.coerce.number().int().min(1).max(256).default(4),
      doc: 'QueryUnitsByOwner calls in flight at most (the registry looks up one owner per call; shared by all requests).',
    },
    settleMs: {
      env: 'REGISTRY_SETTLE_MS',
      schema: settings.ms(30_000),
      doc: 'How long the registry may go on making a case after a submission timed out: the hall is asked to wait this long before sending it again (the registry does not deduplicate).',
    },
  },
);

export type RealestateSubgraphConfig = ReturnType<typeof realestateSubgraphSettings.load>;
