import { createStandIn, loadItems, type StandIn } from '@onething/legacy-kit';
import type { Logger } from '@onething/runtime';
import { NONCE_TTL_MS } from './auth';
import { checkDictionary } from './dictionary';
import { RequestLedger } from './idempotency';
import { NonceStore } from './nonces';
import { fundProtocol } from './protocol';
import { registerCaseServices } from './routes/cases';
import { registerDocumentServices } from './routes/documents';
import { registerItemService } from './routes/items';
import { registerRecordServices } from './routes/records';
import { registerSubmitService } from './routes/submit';
import { fundRules } from './rules';
import { acceptFormsOnly, callerOf } from './service';
import type { FundConfig } from './settings';
import { FundState } from './state';

/**
 * Builds the housing provident fund's stand-in (住房公积金): signed form-POST services under
 * `/gjj/api/<service>`, JSON answers with pinyin-abbreviated fields, cases on the kit's clock.
 */
export function createFundStandIn(config: FundConfig, log: Logger): StandIn {
  const items = loadItems('fund', new URL('../data/items.json', import.meta.url));
  checkDictionary(items);
  let state: FundState | undefined;
  return createStandIn({
    department: 'fund',
    protocol: fundProtocol,
    config,
    log,
    callerOf,
    // What an approval produced, once applied, completes a decision that came without a result.
    documents: {
      items,
      resultOf: (record, view) => state?.approvals.get(record.caseNumber) ?? view.decision?.result,
    },
    rules: (ctx) => {
      state = new FundState(ctx.population);
      return fundRules(items, state, ctx.clock);
    },
    routes(app, ctx) {
      acceptFormsOnly(app);
      const f = {
        ctx,
        state: state!,
        items: new Map(items.map((i) => [i.code, i])),
        auth: { apps: config.apps, nonces: new NonceStore(NONCE_TTL_MS) },
        submissions: new RequestLedger(),
        corrections: new RequestLedger(),
      };
      registerRecordServices(app, f);
      registerItemService(app, f);
      registerSubmitService(app, f);
      registerCaseServices(app, f);
      registerDocumentServices(app, f);
    },
  });
}
