import { join } from 'node:path';
import { standInSettings } from '@onething/legacy-kit';
import { settings } from '@onething/runtime';
import { z } from 'zod';

/** Callers the platform knows: caller id → file of the public key (PEM) their requests are signed with. */
const callerList = z
  .string()
  .optional()
  .transform((text, ctx): ReadonlyMap<string, string> | undefined => {
    if (text === undefined || text.trim() === '') return undefined;
    const callers = new Map<string, string>();
    for (const entry of text.split(',').map((e) => e.trim())) {
      const m = /^([A-Za-z0-9_-]{1,64})=(.+)$/.exec(entry);
      if (!m) {
        ctx.addIssue({ code: 'custom', message: `"${entry}" is not callerId=/path/to/public-key.pem` });
        continue;
      }
      if (callers.has(m[1]!)) ctx.addIssue({ code: 'custom', message: `caller "${m[1]}" is given twice` });
      callers.set(m[1]!, m[2]!);
    }
    return callers;
  });

/** Settings of the payment platform's stand-in: the kit's, its keys and callers, and its notifications. */
export const paymentSettings = standInSettings('payment', 4105, {
  dataDir: {
    env: 'DATA_DIR',
    schema: z.string().min(1).default(join('data', 'payment')),
    doc: 'Where the platform keeps the key pairs it makes at first start (its own, and a development caller’s when CALLERS is not set).',
  },
  platformKeyFile: {
    env: 'PLATFORM_PRIVATE_KEY_FILE',
    schema: z.string().min(1).optional(),
    defaultDoc: '<DATA_DIR>/platform-private.pem, made at first start',
    doc: 'The platform’s RSA private key (PEM) its answers, notifications and receipts are signed with.',
  },
  callers: {
    env: 'CALLERS',
    schema: callerList,
    defaultDoc: 'onething-hall=<DATA_DIR>/caller-onething-hall-public.pem, made at first start',
    doc: 'Callers allowed, as a comma list of callerId=public-key-file (PEM): each request is signed with the caller’s private key.',
  },
  division: {
    env: 'DIVISION',
    schema: z
      .string()
      .regex(/^\d{6}$/, 'must be a 6-digit administrative division code (GB/T 2260)')
      .default('110105'),
    doc: 'The division of the collecting centre: the first six digits of every payment code.',
  },
  notifyRetryBaseMs: {
    env: 'NOTIFY_RETRY_BASE_MS',
    schema: settings.ms(1_000),
    doc: 'A notification not acknowledged is sent again after this, then twice as long each time (real ms).',
  },
  notifyMaxAttempts: {
    env: 'NOTIFY_MAX_ATTEMPTS',
    schema: z.coerce.number().int().min(1).max(20).default(8),
    doc: 'Deliveries of one notification at most.',
  },
  autopayAfterMs: {
    env: 'AUTOPAY_AFTER_MS',
    schema: z.coerce.number().int().min(0).max(3_600_000).optional(),
    defaultDoc: '(none: orders are paid only by their payers, on the checkout page or at a POS)',
    doc: 'Simulated payers: every order created is paid in full through online banking this many real ms later, unless paid first (load tests and scenarios whose subject is not payment). Also set through the admin port (PUT /__admin/payers).',
  },
});

export type PaymentConfig = ReturnType<typeof paymentSettings.load>;
