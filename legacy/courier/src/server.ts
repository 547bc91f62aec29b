import { createStandIn, type StandIn } from '@onething/legacy-kit';
import type { Logger } from '@onething/runtime';
import { registerCourierAdmin } from './admin';
import { NonceStore } from './auth';
import { WaybillBook } from './book';
import { WaybillNumbers } from './numbering';
import { courierProtocol } from './protocol';
import { Pusher } from './pusher';
import { type CourierServices, registerCourierServices } from './routes/services';
import { acceptFormsOnly, callerOf } from './service';
import type { CourierConfig } from './settings';

/**
 * Builds the courier's open platform stand-in (EMS 政务寄递): signed form services under
 * `/ems/api/<msg_type>`, waybills advancing on the kit's clock, signed pushes to each customer's
 * subscribed URL, and its own admin endpoints beside the kit's.
 */
export function createCourierStandIn(
  config: CourierConfig,
  log: Logger,
): StandIn & { readonly courier: () => CourierServices } {
  let s: CourierServices | undefined;
  const services = () => {
    if (!s) throw new Error('the courier stand-in has not started');
    return s;
  };
  const standIn = createStandIn({
    department: 'courier',
    protocol: courierProtocol,
    config,
    log,
    callerOf,
    // The platform has no cases: its books are the waybills. The kit's case store stays empty.
    rules: () => ({
      decide: () => ({ outcome: 'approved' }),
      schedule: () => ({ reviewAfterMs: 0, decideAfterMs: 0 }),
      caseNumber: (seq) => String(seq),
    }),
    routes(app, ctx) {
      const book = new WaybillBook(ctx.clock);
      s = {
        book,
        numbers: new WaybillNumbers(config.serviceIndicator, config.seed),
        pusher: new Pusher(book, config.apps, log, {
          baseMs: config.pushRetryBaseMs,
          maxAttempts: config.pushMaxAttempts,
        }),
        auth: { apps: config.apps, nonces: new NonceStore() },
      };
      acceptFormsOnly(app);
      registerCourierServices(app, s);
      // Waybills move on along the clock (and their pushes go out) even when nobody asks about them.
      const ticker = setInterval(() => book.settle(), config.settleIntervalMs ?? 250);
      ticker.unref();
      app.addHook('onClose', async () => {
        clearInterval(ticker);
        s?.pusher.close();
      });
    },
    admin: {
      routes: (admin) => registerCourierAdmin(admin, services()),
      reset: () => s?.pusher.reset(),
    },
  });
  return Object.assign(standIn, { courier: services });
}
