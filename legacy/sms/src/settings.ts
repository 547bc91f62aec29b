import { standInSettings } from '@onething/legacy-kit';
import { settings } from '@onething/runtime';
import { z } from 'zod';

/** Where `npm start` runs the SMS gateway's stand-in (its admin port is ten above). */
export const SMS_DEFAULT_PORT = 4107;

/** Callers the gateway knows: access key id → access key secret (the HMAC key of their signatures). */
export type SmsAccounts = ReadonlyMap<string, string>;

const accountList = z
  .string()
  .default('onething-hall:sms-dev-secret-0001')
  .transform((text, ctx): SmsAccounts => {
    const accounts = new Map<string, string>();
    for (const entry of text.split(',').map((e) => e.trim())) {
      const m = /^([A-Za-z0-9_-]{1,64}):(\S{16,})$/.exec(entry);
      if (!m) {
        ctx.addIssue({
          code: 'custom',
          message: `"${entry.replace(/:.*/, ':…')}" is not accessKeyId:secret (an id of letters, digits, _ or -, and a secret of at least 16 characters, no spaces)`,
        });
        continue;
      }
      if (accounts.has(m[1]!))
        ctx.addIssue({ code: 'custom', message: `access key "${m[1]}" is given twice` });
      accounts.set(m[1]!, m[2]!);
    }
    return accounts;
  });

const perNumber = (fallback: number, window: string) => ({
  schema: z.coerce.number().int().min(1).default(fallback),
  doc: `Texts one mobile number may be sent per ${window} (the platform's configured default, see legacy/sms/PROTOCOL.md; no rule fixes the number).`,
});

/** Settings of the SMS gateway stand-in: the kit's, plus its accounts, report callback and limits. */
export const smsSettings = standInSettings(
  'sms',
  SMS_DEFAULT_PORT,
  {
    accessKeys: {
      env: 'SMS_ACCESS_KEYS',
      schema: accountList,
      secret: true,
      defaultDoc: 'onething-hall:sms-dev-secret-0001',
      doc: 'Accounts allowed to send, as a comma list of accessKeyId:secret; reports to an account are signed with its secret.',
    },
    reportUrl: {
      env: 'REPORT_URL',
      schema: settings.url().optional(),
      defaultDoc: '(none: reports are not POSTed)',
      doc: 'The registered callback that delivery reports (状态报告) are POSTed to, signed; the admin port can change it.',
    },
    reportDelayMs: {
      env: 'REPORT_DELAY_MS',
      schema: settings.ms(5_000),
      doc: 'Gateway-clock milliseconds from a send to its delivery report.',
    },
    perMinute: { env: 'LIMIT_PER_MINUTE', ...perNumber(1, 'minute') },
    perHour: { env: 'LIMIT_PER_HOUR', ...perNumber(5, 'hour') },
    perDay: { env: 'LIMIT_PER_DAY', ...perNumber(10, 'day (24 hours)') },
  },
  "it stands in for an SMS platform, for tests and demos; point the SMS adapter's SMS_URL at the platform of the carrier or cloud the centre contracts with",
);

/** The SMS stand-in's configuration, as `smsSettings.load()` gives it. */
export type SmsConfig = ReturnType<typeof smsSettings.load>;
