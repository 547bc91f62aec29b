import { createStandIn, type StandIn } from '@onething/legacy-kit';
import type { Logger } from '@onething/runtime';
import { registerSmsAdmin } from './admin';
import { NonceStore } from './auth';
import { MobileRateLimiter } from './limits';
import { MessageStore } from './messages';
import { smsProtocol } from './protocol';
import { ReportDesk } from './reports';
import { acceptJsonOnly, callerOf } from './routes/action';
import type { SmsContext } from './routes/context';
import { registerQueryAction } from './routes/query';
import { registerSendAction } from './routes/send';
import type { SmsConfig } from './settings';
import { TemplateRegistry } from './templates';

/**
 * Builds the SMS gateway's stand-in (短信平台): signed JSON actions under `/sms/v1/<Action>`, templates
 * seeded from `data/templates.json`, rate limits and delivery reports on the kit's clock, and the kit's
 * admin port (faults, down/up, counts, clock) with the gateway's own routes beside it.
 */
export function createSmsStandIn(config: SmsConfig, log: Logger): StandIn {
  const templates = TemplateRegistry.fromFile(new URL('../data/templates.json', import.meta.url));
  let sms: SmsContext | undefined;
  return createStandIn({
    department: 'sms',
    protocol: smsProtocol,
    config,
    log,
    callerOf,
    routes(app, ctx) {
      acceptJsonOnly(app);
      sms = {
        ctx,
        auth: { accounts: config.accessKeys, nonces: new NonceStore() },
        templates,
        messages: new MessageStore(),
        limiter: new MobileRateLimiter({
          perMinute: config.perMinute,
          perHour: config.perHour,
          perDay: config.perDay,
        }),
        reports: new ReportDesk(ctx.clock, config.accessKeys, log, config.reportDelayMs, config.reportUrl),
      };
      const desk = sms.reports;
      const ticker = setInterval(() => desk.settle(), config.settleIntervalMs ?? 250);
      ticker.unref();
      app.addHook('onClose', async () => clearInterval(ticker));
      registerSendAction(app, sms);
      registerQueryAction(app, sms);
    },
    admin: {
      routes(admin) {
        registerSmsAdmin(admin, sms!);
      },
    },
  });
}
