import { createStandIn, generatePopulation, loadItems, type StandIn } from '@onething/legacy-kit';
import type { Logger } from '@onething/runtime';
import { callerOf, registerTaxApi } from './api';
import type { GeneralRate } from './fees/deed-tax-rates';
import { RequestLedger } from './ledger';
import { taxProtocol } from './protocol';
import { taxRules } from './rules';
import { type TaxConfig, ZHEJIANG_DEED_TAX_DECISION } from './settings';
import { TaxRecords } from './state';

/** The tax system's largest request body: a batch of 50 keys or a case form fits many times over. */
const BODY_LIMIT = 256 * 1024;

/**
 * Builds the tax system's stand-in (税务): its taxpayer and deed tax records, its item catalogue, and its
 * cases on the kit's clock, behind its own REST+JSON protocol. Listens only when `listen()` is called.
 */
export function createTaxStandIn(
  config: Pick<TaxConfig, 'host' | 'port' | 'adminPort' | 'seed' | 'persons' | 'clockSpeed' | 'apiKeys'> &
    Partial<Pick<TaxConfig, 'deedTaxGeneralRateBp' | 'deedTaxGeneralRateBasis' | 'documentSigningKeyFile'>>,
  log: Logger,
): StandIn {
  // The settings' defaults, for callers (tests) that build the config by hand.
  const generalRate: GeneralRate = {
    rateBp: config.deedTaxGeneralRateBp ?? 300,
    citation: config.deedTaxGeneralRateBasis ?? ZHEJIANG_DEED_TAX_DECISION,
  };
  const items = loadItems('tax', new URL('../data/items.json', import.meta.url));
  const records = new TaxRecords(generatePopulation({ seed: config.seed, persons: config.persons }));
  const ledger = new RequestLedger();
  return createStandIn({
    department: 'tax',
    protocol: taxProtocol,
    config,
    log,
    bodyLimit: BODY_LIMIT,
    callerOf: (req) => callerOf(config.apiKeys, req.headers['x-api-key']),
    rules: (ctx) => taxRules(items, records, ctx.clock, generalRate),
    documents: { items },
    routes: (app, ctx) =>
      registerTaxApi(
        app,
        { ctx, items: new Map(items.map((i) => [i.code, i])), records, ledger },
        config.apiKeys,
        generalRate,
      ),
  });
}
