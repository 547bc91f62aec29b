import { defineSettings, limitSettings, settings, tracingSettings } from '@onething/runtime';
import { z } from 'zod';

/** Service clients by client id: the secret each must present for `client_credentials`. */
export type ServiceClients = ReadonlyMap<string, string>;

const CLIENT_ID = /^[A-Za-z0-9._-]+$/;

const serviceClientList = z
  .string()
  .default('hall:hall-dev-secret')
  .transform((text, ctx): ServiceClients => {
    const clients = new Map<string, string>();
    for (const entry of text.split(',').map((e) => e.trim())) {
      if (entry === '') continue;
      const colon = entry.indexOf(':');
      const id = colon < 0 ? entry : entry.slice(0, colon);
      const secret = colon < 0 ? '' : entry.slice(colon + 1);
      // The entry is never quoted whole: it holds a secret.
      if (!CLIENT_ID.test(id) || secret.length < 8 || /\s/.test(secret)) {
        ctx.addIssue({
          code: 'custom',
          message: `the entry for "${CLIENT_ID.test(id) ? id : '?'}" is not clientId:secret (an id of letters, digits, '.', '_' or '-'; a secret of at least 8 characters without spaces)`,
        });
        continue;
      }
      if (clients.has(id)) ctx.addIssue({ code: 'custom', message: `the client "${id}" is given twice` });
      clients.set(id, secret);
    }
    return clients;
  });

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

/**
 * A yes/no setting. `z.coerce.boolean()` would read the text "false" as true, so the words are listed;
 * a JSON config file may also give a real boolean.
 */
const flag = (fallback: boolean) =>
  z
    .union([z.boolean(), z.string()])
    .default(fallback)
    .transform((value, ctx): boolean => {
      if (typeof value === 'boolean') return value;
      const word = value.trim().toLowerCase();
      if (TRUE.has(word)) return true;
      if (FALSE.has(word)) return false;
      ctx.addIssue({ code: 'custom', message: 'must be true or false (also 1/0, yes/no, on/off)' });
      return z.NEVER;
    });

const text = (fallback: string, what: string) =>
  z.string().trim().min(1, `must not be blank: give ${what}`).default(fallback);

/**
 * Settings of the development identity provider (开发用身份认证服务). Every value has a default, so
 * `npm start` runs it without configuration; the gateway's AUTH settings must name the same issuer and
 * audience.
 */
export const devIdpSettings = defineSettings(
  'dev-idp',
  {
    host: { env: 'HOST', schema: settings.host(), doc: 'Interface to listen on.' },
    port: { env: 'PORT', schema: settings.port(4010), doc: 'Port of the identity provider.' },
    seed: {
      env: 'SEED',
      schema: settings.positiveInt(20261122),
      doc: 'Seed of the population the personas are chosen from; use the stand-ins’ SEED.',
    },
    persons: {
      env: 'SEED_PERSONS',
      schema: settings.positiveInt(10_000),
      doc: 'Number of seeded persons; use the stand-ins’ SEED_PERSONS so the personas exist in their records.',
    },
    issuer: {
      env: 'ISSUER',
      schema: z
        .url('must be the URL clients reach this provider at, e.g. http://127.0.0.1:4010')
        .transform((u) => u.replace(/\/+$/, ''))
        .optional(),
      defaultDoc: '(the address it listens at)',
      doc: 'The issuer URL: the `iss` claim of every token and the base of discovery (`/.well-known/openid-configuration`); set it when clients reach the provider at another address (a proxy). The gateway’s OIDC_ISSUER names the same URL.',
    },
    audience: {
      env: 'AUDIENCE',
      schema: text('onething', 'the audience the gateway expects'),
      doc: 'The `aud` claim of every token; the gateway must expect the same audience.',
    },
    webClientId: {
      env: 'WEB_CLIENT_ID',
      schema: text('onething-web', 'the client id of the web app'),
      doc: 'Client id of the web app: a public client of the authorization-code flow with PKCE (no secret), with refresh tokens.',
    },
    webRedirectUris: {
      env: 'WEB_REDIRECT_URIS',
      schema: z
        .string()
        .default(
          'http://127.0.0.1:4000/,http://localhost:4000/,http://127.0.0.1:5173/,http://localhost:5173/',
        )
        .transform((text, ctx) => {
          const uris = text
            .split(',')
            .map((u) => u.trim())
            .filter(Boolean);
          for (const u of uris)
            if (!URL.canParse(u)) ctx.addIssue({ code: 'custom', message: `"${u}" is not a URL` });
          if (uris.length === 0) ctx.addIssue({ code: 'custom', message: 'name at least one redirect URI' });
          return uris;
        }),
      doc: 'Where the web app may be sent back to after sign-in, as a comma list of URLs (the gateway’s `/` and the Vite dev server’s, by default); its browser requests to the token endpoint are allowed from these origins (CORS).',
    },
    tokenTtlSeconds: {
      env: 'TOKEN_TTL_SECONDS',
      schema: settings.positiveInt(28_800),
      doc: 'Lifetime of a token in seconds (28800: a working day of eight hours).',
    },
    signingKeyFile: {
      env: 'SIGNING_KEY_FILE',
      schema: z.string().trim().min(1).optional(),
      doc:
        'A PKCS#8 PEM RSA private key (2048 bits or more) to sign with, so tokens survive a restart; unset, a ' +
        'key pair is generated at start. Make one with `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out dev-idp.key`.',
    },
    serviceClients: {
      env: 'SERVICE_CLIENTS',
      schema: serviceClientList,
      secret: true,
      defaultDoc: 'hall:hall-dev-secret',
      doc: 'Service clients allowed the client_credentials grant, as a comma list of clientId:secret (e.g. hall:hall-dev-secret,batch:another-secret).',
    },
    allowCustomTokens: {
      env: 'ALLOW_CUSTOM_TOKENS',
      schema: flag(false),
      doc: 'Whether the `custom` grant may sign any claims a test asks for (the test stacks turn it on); off, only personas and service clients get tokens.',
    },
    tokenRequestsPerMinute: {
      env: 'TOKEN_REQUESTS_PER_MINUTE',
      schema: settings.positiveInt(60),
      doc: 'Token requests (POST or GET /token) a minute from one client address; past it 429 `slow_down` with Retry-After, so nobody guesses client secrets or mints tokens in bulk.',
    },
    limitsLifted: limitSettings.limitsLifted,
    logLevel: { env: 'LOG_LEVEL', schema: settings.logLevel(), doc: 'pino log level.' },
    ...tracingSettings,
  },
  {
    developmentOnly:
      'it hands a token for a persona to anyone who asks; point the gateway (JWKS_URL, JWT_ISSUER, JWT_AUDIENCE) and the hall (TOKEN_URL) at your identity provider',
  },
);

/** The identity provider's configuration, as `devIdpSettings.load()` gives it. */
export type DevIdpConfig = ReturnType<typeof devIdpSettings.load>;
