import { documentKeySettings, subgraphSettings } from '@onething/subgraph-kit';
import { z } from 'zod';

/** Settings of the provident fund subgraph: the kit's, plus the app id and secret its requests are signed with. */
export const fundSubgraphSettings = subgraphSettings(
  'fund',
  4005,
  { url: 'http://127.0.0.1:4104', timeoutMs: 2_000 },
  {
    ...documentKeySettings('fund'),
    appId: {
      env: 'FUND_APP_ID',
      schema: z.string().min(1).default('onething-hall'),
      doc: 'The app id the fund knows this subgraph by.',
    },
    appSecret: {
      env: 'FUND_APP_SECRET',
      schema: z.string().min(8, 'must be at least 8 characters').default('fund-dev-secret'),
      secret: true,
      defaultDoc: 'fund-dev-secret',
      doc: 'The secret every request to the fund is signed with (HMAC-SHA256).',
      production: {
        devValue: 'fund-dev-secret',
        fix: 'set the app secret the fund centre issued for FUND_APP_ID',
      },
    },
  },
);

export type FundSubgraphConfig = ReturnType<typeof fundSubgraphSettings.load>;
