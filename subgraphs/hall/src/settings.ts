import { fileURLToPath } from 'node:url';
import { courierAdapterSettings } from '@onething/adapter-courier';
import { smsAdapterSettings } from '@onething/adapter-sms';
import {
  defineSettings,
  limitSettings,
  type SettingsSpec,
  settings,
  tracingSettings,
} from '@onething/runtime';
import { identityKeySettings } from '@onething/runtime/identity';
import { DEPARTMENT_KEYS, isDepartmentKey } from '@onething/schema';
import { z } from 'zod';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The development callback secrets, one per department (what the stand-ins sign with by default). */
const DEV_CALLBACK_SECRETS = DEPARTMENT_KEYS.map((d) => `${d}=${d}-callback-dev-secret`).join(',');

/** `department=secret,…`: the secret each department's system signs its callbacks with. */
const callbackSecrets = z
  .string()
  .default(DEV_CALLBACK_SECRETS)
  .transform((text, ctx): ReadonlyMap<string, string> => {
    const secrets = new Map<string, string>();
    for (const entry of text.split(',').map((e) => e.trim())) {
      const m = /^([a-z]+)=(\S{16,})$/.exec(entry);
      if (!m || !isDepartmentKey(m[1]!)) {
        ctx.addIssue({
          code: 'custom',
          message: `"${entry.replace(/=.*/, '=…')}" is not department=secret (department one of ${DEPARTMENT_KEYS.join(', ')}, a secret of at least 16 characters, no spaces)`,
        });
        continue;
      }
      if (secrets.has(m[1]!)) ctx.addIssue({ code: 'custom', message: `${m[1]} is given twice` });
      secrets.set(m[1]!, m[2]!);
    }
    return secrets;
  });

/** Where the hall keeps its state: what the hall and its migrations alone (`migrate.ts`) both read. */
export const storeSettings = {
  databaseUrl: {
    env: 'DATABASE_URL',
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    defaultDoc: '(none: embedded PGlite)',
    doc: 'PostgreSQL, shared by every hall process; without it the hall keeps its state in an embedded PGlite under DATA_DIR.',
  },
  dataDir: {
    env: 'DATA_DIR',
    schema: z.string().min(1).default(`${ROOT}data/hall`),
    defaultDoc: 'data/hall',
    doc: 'Directory of the embedded PGlite database (one hall process only).',
  },
  pgliteSharedBuffers: {
    env: 'PGLITE_SHARED_BUFFERS',
    schema: z
      .string()
      .regex(/^[1-9]\d{0,5}(kB|MB|GB)$/, 'must be a PostgreSQL size such as 16MB')
      .default('16MB'),
    doc: 'shared_buffers of the embedded PGlite (PostgreSQL’s 128MB default is held in the hall’s memory for good: one embedded user needs far less). Not used with DATABASE_URL.',
  },
} satisfies SettingsSpec;

/** The hall's settings: where it listens, how it reaches the supergraph, where it keeps its state. */
export const hallSettings = defineSettings('subgraph-hall', {
  host: { env: 'HOST', schema: settings.host(), doc: 'Interface to listen on.' },
  port: { env: 'PORT', schema: settings.port(4001), doc: 'Port of the hall subgraph (GraphQL at /graphql).' },
  logLevel: { env: 'LOG_LEVEL', schema: settings.logLevel(), doc: 'pino log level.' },
  identityKeys: {
    env: 'INTERNAL_IDENTITY_JWKS_FILE',
    schema: identityKeySettings.keySetFile(),
    doc: 'The gateway’s public keys (a JWKS file; several while a key is rotated, chosen by kid) that the internal identity header must be signed with. Re-read when the file changes. `npm start` makes one under data/identity/.',
  },
  gatewayUrl: {
    env: 'GATEWAY_URL',
    schema: settings.url().default('http://127.0.0.1:4000/graphql'),
    doc: 'The one schema: the hall reads the departments only through it.',
  },
  tokenUrl: {
    env: 'TOKEN_URL',
    schema: settings.url().optional(),
    defaultDoc: '(none: the hall reads only public data)',
    doc: 'Token endpoint of the identity provider, where the hall gets its service token (client credentials).',
  },
  clientId: {
    env: 'HALL_CLIENT_ID',
    schema: z.string().min(1).default('hall'),
    doc: 'The hall’s client id at the identity provider.',
  },
  clientSecret: {
    env: 'HALL_CLIENT_SECRET',
    schema: z.string().min(1).default('hall-dev-secret'),
    secret: true,
    defaultDoc: 'hall-dev-secret',
    doc: 'The hall’s client secret at the identity provider.',
    production: {
      devValue: 'hall-dev-secret',
      fix: 'set the client secret your identity provider issued to the hall (HALL_CLIENT_ID)',
    },
  },
  ...storeSettings,
  bundlesDir: {
    env: 'BUNDLES_DIR',
    schema: z.string().min(1).default(`${ROOT}subgraphs/hall/bundles`),
    defaultDoc: 'subgraphs/hall/bundles',
    doc: 'Directory of the bundle files (one JSON file per bundle); checked at start.',
  },
  materialsDir: {
    env: 'MATERIALS_DIR',
    schema: z.string().min(1).default(`${ROOT}data/materials`),
    defaultDoc: 'data/materials',
    doc: 'Directory of uploaded materials, stored by content (SHA-256); shared by every hall process.',
  },
  maxMaterialBytes: {
    env: 'MAX_MATERIAL_BYTES',
    schema: settings.positiveInt(10 * 1024 * 1024),
    defaultDoc: '10485760 (10 MiB)',
    doc: 'Largest material file accepted, in bytes; the gateway passes uploads up to the same size.',
  },
  materialQuotaFiles: {
    env: 'MATERIAL_QUOTA_FILES',
    schema: settings.positiveInt(30),
    doc: 'Most uploads an applicant may hold that no application has handed in yet; past it an upload is refused with `MATERIAL_QUOTA_EXCEEDED` (delete one, or hand them in). Handed-in uploads do not count.',
  },
  materialQuotaBytes: {
    env: 'MATERIAL_QUOTA_BYTES',
    schema: settings.positiveInt(100 * 1024 * 1024),
    defaultDoc: '104857600 (100 MiB)',
    doc: 'Most bytes an applicant’s uploads not yet handed in may hold together.',
  },
  uploadRetentionHours: {
    env: 'UPLOAD_RETENTION_HOURS',
    schema: settings.positiveInt(168),
    doc: 'How long an upload that no application has handed in is kept before it is deleted (personal information kept no longer than needed, 《个人信息保护法》 arts. 19, 47). Handed-in uploads are service records and are kept.',
  },
  uploadSweepIntervalMs: {
    env: 'UPLOAD_SWEEP_INTERVAL_MS',
    schema: settings.ms(3_600_000),
    doc: 'How often expired uploads are looked for and deleted (0: never, for a process that must not delete).',
  },
  formChecksPerMinute: {
    env: 'FORM_CHECKS_PER_MINUTE',
    schema: settings.positiveInt(60),
    doc: '`checkForm` calls a minute per applicant (each may read departments’ records for cross-checks); past it `RATE_LIMITED`.',
  },
  prefillsPerMinute: {
    env: 'PREFILLS_PER_MINUTE',
    schema: settings.positiveInt(10),
    doc: '`prefillForm` calls a minute per applicant (each reads every consented department); past it `RATE_LIMITED`.',
  },
  limitsLifted: limitSettings.limitsLifted,
  redisUrl: limitSettings.redisUrl,
  workerId: {
    env: 'WORKER_ID',
    schema: z.string().min(1).optional(),
    defaultDoc: '(host name and process id)',
    doc: 'Name of this hall process in the dispatch leases; unique per process.',
  },
  dispatchIntervalMs: {
    env: 'DISPATCH_INTERVAL_MS',
    schema: settings.ms(250),
    doc: 'How often the dispatcher looks for due work when nothing wakes it.',
  },
  dispatchConcurrency: {
    env: 'DISPATCH_CONCURRENCY',
    schema: settings.positiveInt(16),
    doc: 'Department calls in flight per hall process.',
  },
  dispatchLeaseMs: {
    env: 'DISPATCH_LEASE_MS',
    schema: settings.ms(30_000),
    doc: 'How long a claimed job is this process’s; a job of a process that died is claimed again after it.',
  },
  dispatchMaxAttempts: {
    env: 'DISPATCH_MAX_ATTEMPTS',
    schema: settings.positiveInt(20),
    doc: 'Failed attempts to send a part before it is dead-lettered for window staff.',
  },
  dispatchBackoffMs: {
    env: 'DISPATCH_BACKOFF_MS',
    schema: settings.ms(500),
    doc: 'First retry delay; it doubles per attempt, with jitter.',
  },
  dispatchBackoffMaxMs: {
    env: 'DISPATCH_BACKOFF_MAX_MS',
    schema: settings.ms(60_000),
    doc: 'Longest retry delay.',
  },
  dispatchUncertainWaitMs: {
    env: 'DISPATCH_UNCERTAIN_WAIT_MS',
    schema: settings.ms(30_000),
    doc: 'How long a submission whose fate is unknown (the department’s subgraph died or timed out while sending it) waits before it is sent again: the department may still be making the case, and the look-up by reference that starts every resend finds it only once made. Keep it at least the adapters’ own settle time (30 s).',
  },
  supervisionIntervalMs: {
    env: 'SUPERVISION_INTERVAL_MS',
    schema: settings.ms(60_000),
    doc: 'How often e-supervision sweeps open parts to notify staff of parts going yellow (department, responsible officer) and red (supervisors, department), and takes calendar years another hall loaded; 0 turns the sweep off.',
  },
  performanceSettleMs: {
    env: 'PERFORMANCE_SETTLE_MS',
    schema: settings.ms(300_000),
    doc: 'How long after e-supervision’s sweep marks a past day as to be summed for the performance figures (the first sweep after midnight, Beijing time) its sums are taken; until then, and for a day changed since, the figures read the tables. Keep it longer than any transaction of the hall, so none that began before the marking is missed.',
  },
  followUpCallBackDays: {
    env: 'FOLLOW_UP_CALL_BACK_DAYS',
    schema: settings.positiveInt(1),
    doc: 'Working days (Beijing calendar) from a bad rating (差评) by which its department is to call the applicant back (回访); past it the department and the supervisors are told. The default of 1 is common local practice of the 好差评 system, not a figure of 国办发〔2019〕51号 itself.',
  },
  followUpRectifyDays: {
    env: 'FOLLOW_UP_RECTIFY_DAYS',
    schema: settings.positiveInt(15),
    doc: 'Working days (Beijing calendar) from a bad rating (差评) by which it is to be rectified and the applicant told (整改反馈); past it the department and the supervisors are told. The default of 15 is what 国办发〔2019〕51号 asks in principle (原则上15个工作日内).',
  },
  liveIntervalMs: {
    env: 'LIVE_INTERVAL_MS',
    schema: settings.ms(1_000),
    doc: 'How often each page following live (an application, GET /events/applications/:id; a staff member’s queue, GET /events/queue) has its state read from the store; a change reaches the page within it.',
  },
  liveMaxStreams: {
    env: 'LIVE_MAX_STREAMS',
    schema: settings.positiveInt(2_000),
    doc: 'Pages following live at once per hall process (applications and staff queues together); past it a page is refused (RATE_LIMITED) and polls instead.',
  },
  pollIntervalMs: {
    env: 'POLL_INTERVAL_MS',
    schema: settings.ms(2_000),
    doc: 'How soon an accepted case is read back from its department, and again after each change (callbacks make it sooner).',
  },
  pollMaxIntervalMs: {
    env: 'POLL_MAX_INTERVAL_MS',
    schema: settings.ms(21_600_000),
    doc: 'The longest wait between reads of a case its department has not changed: each read that finds it unchanged doubles the wait from POLL_INTERVAL_MS up to this, never past half the time left to the part’s deadline. The departments’ signed callbacks bring a read forward at once (CALLBACK_COALESCE_MS); these reads find a callback that never came. 6 hours keeps 10,000 open cases under one read a second.',
  },
  callbackSecrets: {
    env: 'CALLBACK_SECRETS',
    schema: callbackSecrets,
    secret: true,
    defaultDoc: DEV_CALLBACK_SECRETS,
    doc: 'The secret each department’s system signs its status callbacks with, as department=secret,… (HMAC-SHA256 over timestamp.nonce.body, see docs/departments.md); a department not listed cannot call back (the hall still polls its cases).',
    production: {
      devValue: DEV_CALLBACK_SECRETS,
      fix: 'set a secret agreed with each department (its system’s CALLBACK_SECRET), as department=secret,…',
    },
  },
  callbackMaxAgeMs: {
    env: 'CALLBACK_MAX_AGE_MS',
    schema: settings.ms(300_000),
    doc: 'How far a callback’s timestamp may be from the hall’s clock; its nonce is remembered this long, so a replay is refused.',
  },
  callbackCoalesceMs: {
    env: 'CALLBACK_COALESCE_MS',
    schema: settings.ms(500),
    doc: 'Callbacks for one case within this window make one read of the case from its department.',
  },
  paymentCallbackSecret: {
    env: 'PAYMENT_CALLBACK_SECRET',
    schema: z.string().min(16, 'must be at least 16 characters').default('payment-callback-dev-secret'),
    secret: true,
    defaultDoc: 'payment-callback-dev-secret',
    doc: 'The secret the payment subgraph signs the platform’s relayed notifications with (its PAYMENT_RELAY_SECRET), checked at /callbacks/payment like the departments’ callbacks.',
    production: {
      devValue: 'payment-callback-dev-secret',
      fix: 'set the secret the payment subgraph relays with (its PAYMENT_RELAY_SECRET)',
    },
  },
  paymentPayees: {
    env: 'PAYMENT_PAYEES',
    schema: z
      .string()
      .default('tax=TAX-TREASURY,realestate=RE-FEE')
      .transform((text, ctx): ReadonlyMap<string, string> => {
        const payees = new Map<string, string>();
        for (const entry of text
          .split(',')
          .map((e) => e.trim())
          .filter(Boolean)) {
          const m = /^([a-z]+)=([A-Z][A-Z0-9-]{1,31})$/.exec(entry);
          if (!m || !isDepartmentKey(m[1]!)) {
            ctx.addIssue({
              code: 'custom',
              message: `"${entry}" is not department=PAYEE-CODE (department one of ${DEPARTMENT_KEYS.join(', ')}; the platform's payee code in capitals, digits and dashes)`,
            });
            continue;
          }
          payees.set(m[1]!, m[2]!);
        }
        return payees;
      }),
    doc: 'The payment platform’s payee (收款单位) each department’s fees are paid to, as department=PAYEE-CODE,… (taxes to the treasury through the tax office, fees to the fiscal non-tax account: legacy/payment/data/payees.json). A department that assesses a fee without a payee here stops the payment with PAYEE_UNKNOWN.',
  },
  paymentExpiresMinutes: {
    env: 'PAYMENT_EXPIRES_MINUTES',
    schema: z.coerce.number().int().min(1).max(10_080).default(1_440),
    doc: 'How long a payment code may be paid (minutes, up to 7 days); after that the applicant asks for a new one and a late payment is refunded.',
  },
  // The SMS gateway the notices' texts go through (adapters/sms), and the texter's pace.
  smsUrl: smsAdapterSettings.spec.url,
  smsAccessKeyId: smsAdapterSettings.spec.accessKeyId,
  smsAccessKeySecret: smsAdapterSettings.spec.accessKeySecret,
  smsSignName: smsAdapterSettings.spec.signName,
  smsTimeoutMs: smsAdapterSettings.spec.timeoutMs,
  smsRetries: smsAdapterSettings.spec.retries,
  // The courier results are posted through (adapters/courier), and the centre as their sender.
  courierUrl: courierAdapterSettings.spec.url,
  courierAppKey: courierAdapterSettings.spec.appKey,
  courierAppSecret: courierAdapterSettings.spec.appSecret,
  courierTimeoutMs: courierAdapterSettings.spec.timeoutMs,
  courierRetries: courierAdapterSettings.spec.retries,
  courierPushMaxAgeMs: courierAdapterSettings.spec.pushMaxAgeMs,
  courierPushUrl: {
    env: 'COURIER_PUSH_URL',
    schema: settings.url().default('http://127.0.0.1:4001/callbacks/courier'),
    doc: 'Where the courier pushes tracking events (this hall’s /callbacks/courier as the courier reaches it), subscribed at start.',
  },
  centreSender: {
    env: 'CENTRE_SENDER',
    schema: z
      .string()
      .default(
        '湖州市南浔区政务服务中心|0572-3012345|浙江省|湖州市|南浔区|南浔镇人瑞路1号综合窗口出件处|313009',
      )
      .transform((text, ctx) => {
        const [name, phone, province, city, county, address, postalCode, ...rest] = text
          .split('|')
          .map((p) => p.trim());
        if (
          rest.length > 0 ||
          !name ||
          !phone ||
          !province ||
          !city ||
          !county ||
          !address ||
          !/^\d{6}$/.test(postalCode ?? '')
        )
          ctx.addIssue({
            code: 'custom',
            message:
              'give name|phone|province|city|county|address|postal code (7 parts; the postal code 6 digits)',
          });
        return {
          name: name ?? '',
          phone: phone ?? '',
          province: province ?? '',
          city: city ?? '',
          county: county ?? '',
          address: address ?? '',
          postalCode: postalCode ?? '',
        };
      }),
    doc: 'The centre as the sender of posted results (the output window’s name, landline and address), as name|phone|province|city|county|address|postal code.',
  },
  trackIntervalMs: {
    env: 'TRACK_INTERVAL_MS',
    schema: settings.ms(60_000),
    doc: 'How often a posted waybill is read back from the courier while not delivered (its tracking pushes make it sooner).',
  },
  textIntervalMs: {
    env: 'TEXT_INTERVAL_MS',
    schema: settings.ms(1_000),
    doc: 'How often the texter looks for notices whose text message is due (a change that notifies someone wakes it at once).',
  },
  textMaxAttempts: {
    env: 'TEXT_MAX_ATTEMPTS',
    schema: z.coerce.number().int().min(1).max(50).default(12),
    doc: 'Tries of one text message before it is given up (the inbox keeps the notice either way); a try that found the SMS gateway down does not count.',
  },
  reconcileIntervalMs: {
    env: 'RECONCILE_INTERVAL_MS',
    schema: settings.ms(3_600_000),
    doc: 'How often the hall checks that yesterday’s payment statement (Beijing time) is reconciled, and reconciles it if not (0: only when window staff ask).',
  },
  catalogueWaitMs: {
    env: 'CATALOGUE_WAIT_MS',
    schema: settings.ms(60_000),
    doc: 'How long the start waits for the supergraph to serve the departments’ items.',
  },
  saleConfirmationDays: {
    env: 'SALE_CONFIRMATION_DAYS',
    schema: settings.positiveInt(30),
    doc: 'Days a seller’s confirmation of a sale stays valid for the buyer’s house transfer (《不动产登记暂行条例》第十四条 asks both parties to apply; no national rule sets a period, so a locality sets its own).',
  },
  draftTtlDays: {
    env: 'DRAFT_TTL_DAYS',
    schema: settings.positiveInt(30),
    doc: 'Days a saved draft of a one form (values, options, uploads) is kept after its last save, online or at a window; then it is no longer listed nor submittable, and the retention sweep deletes it.',
  },
  publicBaseUrl: {
    env: 'PUBLIC_BASE_URL',
    schema: settings
      .url()
      .default('http://127.0.0.1:4000')
      .transform((u) => u.replace(/\/+$/, '')),
    doc: 'Where people reach the gateway from outside (no path): the receipt’s QR code and `publicStatusUrl` point at `<PUBLIC_BASE_URL>/papers/status/<token>`, which the gateway passes to the hall. The default is the gateway `npm start` runs.',
    production: {
      devValue: 'http://127.0.0.1:4000',
      fix: 'set the address people reach the gateway at from outside (https://…), which every printed receipt’s QR code points at',
    },
  },
  centreNameZh: {
    env: 'CENTRE_NAME_ZH',
    schema: z.string().trim().min(1).max(60).default('一件事政务服务中心'),
    doc: 'The service centre’s name in Chinese, as the receipts and one-time notices it prints are headed and signed.',
  },
  centreNameEn: {
    env: 'CENTRE_NAME_EN',
    schema: z.string().trim().min(1).max(120).default('One-thing Government Service Centre'),
    doc: 'The service centre’s name in English, under the Chinese one on its papers.',
  },
  ...tracingSettings,
});

export type HallConfig = ReturnType<typeof hallSettings.load>;

/**
 * The settings of the hall's migrations run alone (`migrate.ts`): its store and log level, nothing else,
 * so a deployment's migration job needs neither the hall's secrets nor its keys.
 */
export const hallMigrationSettings = defineSettings('hall-migrate', {
  logLevel: { env: 'LOG_LEVEL', schema: settings.logLevel(), doc: 'pino log level.' },
  ...storeSettings,
});
