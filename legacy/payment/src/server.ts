import type { KeyObject } from 'node:crypto';
import { createStandIn, type StandIn } from '@onething/legacy-kit';
import type { Logger } from '@onething/runtime';
import { registerPaymentAdmin } from './admin';
import { NonceStore } from './auth';
import { Ledger } from './ledger';
import { Notifier } from './notifier';
import { loadPayees } from './payees';
import { SimulatedPayers } from './payers';
import { paymentProtocol } from './protocol';
import { registerCheckout } from './routes/checkout';
import type { PaymentContext } from './routes/context';
import { registerPayer } from './routes/payer';
import { keepRawBodies } from './routes/service';
import { registerServices } from './routes/services';
import type { PaymentConfig } from './settings';
import { keyPairIn, readPrivateKey, readPublicKey } from './signing';
import { NO_STATEMENT_FAULTS } from './statement';

/** The platform's keys: its own private key and the callers' public keys, made in DATA_DIR when not given. */
export function platformKeys(config: Pick<PaymentConfig, 'dataDir' | 'platformKeyFile' | 'callers'>): {
  platformKey: KeyObject;
  callers: Map<string, KeyObject>;
} {
  const platformKey = readPrivateKey(
    config.platformKeyFile ?? keyPairIn(config.dataDir, 'platform').privateKeyFile,
  );
  const callerFiles =
    config.callers ??
    new Map([['onething-hall', keyPairIn(config.dataDir, 'caller-onething-hall').publicKeyFile]]);
  return {
    platformKey,
    callers: new Map([...callerFiles].map(([id, file]) => [id, readPublicKey(file)])),
  };
}

/**
 * Builds the unified public payment platform's stand-in (统一公共支付平台): signed JSON services under
 * `/upp/v1/<service>`, the payer's channel under `/payer/v1`, notifications to each order's callback, and
 * its own admin endpoints beside the kit's.
 */
export function createPaymentStandIn(
  config: PaymentConfig,
  log: Logger,
): StandIn & { readonly payment: () => PaymentContext } {
  const { platformKey, callers } = platformKeys(config);
  const payees = loadPayees();
  let p: PaymentContext | undefined;
  const context = () => {
    if (!p) throw new Error('the payment stand-in has not started');
    return p;
  };
  const standIn = createStandIn({
    department: 'payment',
    protocol: paymentProtocol,
    config,
    log,
    callerOf: (req) =>
      typeof req.headers['x-upp-caller'] === 'string' ? req.headers['x-upp-caller'] : undefined,
    // The platform has no cases: its books are the ledger. The kit's case store stays empty.
    rules: () => ({
      decide: () => ({ outcome: 'approved' }),
      schedule: () => ({ reviewAfterMs: 0, decideAfterMs: 0 }),
      caseNumber: (seq) => String(seq),
    }),
    routes(app, ctx) {
      const ledger = new Ledger(ctx.clock, payees, config.division);
      p = {
        ctx,
        ledger,
        notifier: new Notifier(ledger, platformKey, log, {
          baseMs: config.notifyRetryBaseMs,
          maxAttempts: config.notifyMaxAttempts,
        }),
        payers: new SimulatedPayers(ledger, log, config.autopayAfterMs ?? null),
        platformKey,
        callers,
        nonces: new NonceStore(),
        statementFaults: { ...NO_STATEMENT_FAULTS },
        forgeAnswers: false,
      };
      keepRawBodies(app);
      registerServices(app, p);
      registerPayer(app, p);
      registerCheckout(app, p);
      app.addHook('onClose', async () => {
        p?.notifier.close();
        p?.payers.close();
      });
    },
    admin: {
      routes: (admin) => registerPaymentAdmin(admin, context()),
      reset: () => {
        if (!p) return;
        p.notifier.reset();
        p.statementFaults = { ...NO_STATEMENT_FAULTS };
        p.forgeAnswers = false;
        p.payers.afterMs = config.autopayAfterMs ?? null;
      },
    },
  });
  return Object.assign(standIn, { payment: context });
}
