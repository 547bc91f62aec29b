import { standInSettings } from '@onething/legacy-kit';
import { z } from 'zod';

/** Callers the fund system knows: app id → app secret (the HMAC key of its signatures). */
export type FundApps = ReadonlyMap<string, string>;

const appList = z
  .string()
  .default('onething-hall:fund-dev-secret')
  .transform((text, ctx): FundApps => {
    const apps = new Map<string, string>();
    for (const entry of text.split(',').map((e) => e.trim())) {
      const m = /^([A-Za-z0-9_-]{1,64}):(\S{8,})$/.exec(entry);
      if (!m) {
        ctx.addIssue({
          code: 'custom',
          message: `"${entry.replace(/:.*/, ':…')}" is not appid:secret (an app id of letters, digits, _ or -, and a secret of at least 8 characters, no spaces)`,
        });
        continue;
      }
      if (apps.has(m[1]!)) ctx.addIssue({ code: 'custom', message: `app id "${m[1]}" is given twice` });
      apps.set(m[1]!, m[2]!);
    }
    return apps;
  });

/** Settings of the fund stand-in: the kit's, plus the apps allowed to call it. */
export const fundSettings = standInSettings('fund', 4104, {
  apps: {
    env: 'FUND_APPS',
    schema: appList,
    secret: true,
    defaultDoc: 'onething-hall:fund-dev-secret',
    doc: 'Apps allowed to call, as a comma list of appid:secret (e.g. onething-hall:fund-dev-secret,audit:an0ther-secret).',
  },
});

/** The fund stand-in's configuration, as `fundSettings.load()` gives it. */
export type FundConfig = ReturnType<typeof fundSettings.load>;
