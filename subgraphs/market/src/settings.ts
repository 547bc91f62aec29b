import { documentKeySettings, subgraphSettings } from '@onething/subgraph-kit';
import { z } from 'zod';

/** Settings of the market regulation subgraph: the kit's, plus how the register knows this caller. */
export const marketSubgraphSettings = subgraphSettings(
  'market',
  4003,
  { url: 'http://127.0.0.1:4102', timeoutMs: 2_000 },
  {
    ...documentKeySettings('market'),
    clientId: {
      env: 'MARKET_CLIENT_ID',
      schema: z.string().min(1).default('onething'),
      doc: 'How the market register knows this subgraph (sent as X-Client-Id).',
    },
    concurrency: {
      env: 'MARKET_CONCURRENCY',
      schema: z.coerce.number().int().min(1).max(256).default(16),
      doc: 'Calls in flight at most to the register, which reads one key per call (shared by all requests).',
    },
  },
);

export type MarketSubgraphConfig = ReturnType<typeof marketSubgraphSettings.load>;
