import { standInSettings } from '@onething/legacy-kit';
import { settings } from '@onething/runtime';
import { z } from 'zod';
import type { CourierApps } from './auth';

const appList = z
  .string()
  .default('onething-hall:courier-dev-secret')
  .transform((text, ctx): CourierApps => {
    const apps = new Map<string, string>();
    for (const entry of text.split(',').map((e) => e.trim())) {
      const m = /^([A-Za-z0-9_-]{1,64}):(\S{16,})$/.exec(entry);
      if (!m) {
        ctx.addIssue({
          code: 'custom',
          message: `"${entry.replace(/:.*/, ':…')}" is not appkey:secret (an app key of letters, digits, _ or -, and a secret of at least 16 characters, no spaces)`,
        });
        continue;
      }
      if (apps.has(m[1]!)) ctx.addIssue({ code: 'custom', message: `app key "${m[1]}" is given twice` });
      apps.set(m[1]!, m[2]!);
    }
    return apps;
  });

/** Settings of the courier stand-in: the kit's, its customers, its waybill numbers and its pushes. */
export const courierSettings = standInSettings('courier', 4106, {
  apps: {
    env: 'COURIER_APPS',
    schema: appList,
    secret: true,
    defaultDoc: 'onething-hall:courier-dev-secret',
    doc: 'Customers allowed to call (客户标识), as a comma list of appkey:secret; the secret keys the data digest of their requests and of the pushes they receive.',
  },
  serviceIndicator: {
    env: 'SERVICE_INDICATOR',
    schema: z
      .string()
      .regex(/^E[A-Z]$/, 'must be E and a capital letter: the service indicators of EMS items (UPU S10)')
      .default('EA'),
    doc: 'The first two letters of every waybill number (UPU S10 service indicator; E? is EMS).',
  },
  pushRetryBaseMs: {
    env: 'PUSH_RETRY_BASE_MS',
    schema: settings.ms(1_000),
    doc: 'A push not acknowledged is sent again after this, then twice as long each time (real ms).',
  },
  pushMaxAttempts: {
    env: 'PUSH_MAX_ATTEMPTS',
    schema: z.coerce.number().int().min(1).max(20).default(6),
    doc: 'Deliveries of one push at most.',
  },
});

/** The courier stand-in's configuration, as `courierSettings.load()` gives it. */
export type CourierConfig = ReturnType<typeof courierSettings.load>;
