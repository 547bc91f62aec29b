import { documentKeySettings, subgraphSettings } from '@onething/subgraph-kit';
import { z } from 'zod';

/** Settings of the tax subgraph: the kit's, plus the API key of the tax system. */
export const taxSubgraphSettings = subgraphSettings(
  'tax',
  4002,
  { url: 'http://127.0.0.1:4101', timeoutMs: 2_000 },
  {
    ...documentKeySettings('tax'),
    apiKey: {
      env: 'TAX_API_KEY',
      schema: z.string().min(1).default('tax-dev-key'),
      secret: true,
      defaultDoc: 'tax-dev-key',
      doc: "The tax system's API key for this subgraph (sent as X-Api-Key).",
      production: {
        devValue: 'tax-dev-key',
        fix: 'set the API key the tax department issued to this subgraph',
      },
    },
  },
);

export type TaxSubgraphConfig = ReturnType<typeof taxSubgraphSettings.load>;
