import { standInSettings } from '@onething/legacy-kit';
import { z } from 'zod';

/** The settings of the market regulation stand-in: the kit's, plus who may call and how fast. */
export const marketSettings = standInSettings('market', 4102, {
  clients: {
    env: 'MARKET_CLIENTS',
    schema: z
      .string()
      .default('onething')
      .transform((s) =>
        s
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string()).min(1, 'name at least one client id')),
    doc: 'Comma-separated client ids accepted in the X-Client-Id header.',
  },
  rateLimit: {
    env: 'MARKET_RATE_LIMIT',
    schema: z.coerce.number().positive('must be more than zero').default(500),
    doc: 'Requests per second each client id may make (token bucket refill rate).',
  },
  rateBurst: {
    env: 'MARKET_RATE_BURST',
    schema: z.coerce.number().int('must be a whole number').positive().optional(),
    doc: 'Requests a client id may make at once (token bucket size); defaults to the rate.',
  },
});

/** The market stand-in's configuration, as `marketSettings.load()` returns it. */
export type MarketConfig = ReturnType<typeof marketSettings.load>;
