import { createStandIn, loadItems, type StandIn } from '@onething/legacy-kit';
import type { Logger } from '@onething/runtime';
import { registerErrorHandler } from './error-handler';
import { MarketError } from './errors';
import { clientIdOf, registerGuard } from './guard';
import { marketProtocol } from './protocol';
import { applicationRoutes } from './routes/applications';
import { enterpriseRoutes } from './routes/enterprises';
import { itemRoutes } from './routes/items';
import { licenceRoutes } from './routes/licences';
import { supplementRoutes } from './routes/supplements';
import { marketRules } from './rules';
import type { MarketConfig } from './settings';
import { MarketState } from './state';

/**
 * Builds the market regulation stand-in (市场监管) without listening: REST+JSON in camelCase on the
 * kit's harness, behind a client-id check and a per-client rate limit.
 */
export function createMarketStandIn(config: MarketConfig, log: Logger): StandIn {
  const items = loadItems('market', new URL('../data/items.json', import.meta.url));
  let state: MarketState | undefined;
  return createStandIn({
    department: 'market',
    protocol: marketProtocol,
    config,
    log,
    callerOf: clientIdOf,
    rules: (ctx) => {
      state = new MarketState(items, ctx.population);
      return marketRules(state, ctx.clock);
    },
    // What an approval issued is the registry's issuance under the decision's own result (as the wire shows it).
    documents: {
      items,
      resultOf: (record, view) => ({ ...state?.issuedTo(record.requestRef), ...view.decision?.result }),
    },
    routes: async (app, ctx) => {
      const market = state!;
      app.setNotFoundHandler((req, reply) => {
        const e = new MarketError('NOT_FOUND', `没有接口 ${req.method} ${req.url.split('?')[0]}`);
        return reply.code(e.status).type(marketProtocol.contentType).send(e.toJSON());
      });
      // One scope for the API, so its error handler and guard apply to every route of it.
      await app.register(async (api) => {
        registerErrorHandler(api, log);
        registerGuard(api, {
          clients: config.clients,
          ratePerSecond: config.rateLimit,
          burst: config.rateBurst ?? Math.max(1, Math.ceil(config.rateLimit)),
        });
        enterpriseRoutes(api, ctx, market);
        itemRoutes(api, market);
        applicationRoutes(api, ctx, market);
        supplementRoutes(api, ctx, market);
        licenceRoutes(api, ctx);
      });
    },
  });
}
