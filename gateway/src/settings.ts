import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineSettings, limitSettings, settings } from '@onething/runtime';
import { identityKeySettings } from '@onething/runtime/identity';
import { z } from 'zod';

const OUR_SUPERGRAPH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
const OUR_WEB_APP = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** A comma list of `name=value` pairs, e.g. `tax=http://10.0.0.5:4002/graphql,fund=…`. */
const namedList = <T extends z.ZodType>(value: T) =>
  z
    .string()
    .default('')
    .transform((text, ctx) => {
      const out = new Map<string, z.output<T>>();
      for (const part of text
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)) {
        const eq = part.indexOf('=');
        const parsed = value.safeParse(part.slice(eq + 1));
        if (eq < 1 || !parsed.success) {
          ctx.addIssue({ code: 'custom', message: `"${part}" is not name=value with a valid value` });
          continue;
        }
        out.set(part.slice(0, eq), parsed.data);
      }
      return out;
    });

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true');

/** The gateway's settings: what it serves, who it trusts, how far it lets a query go. */
export const gatewaySettings = defineSettings('gateway', {
  host: { env: 'HOST', schema: settings.host(), doc: 'Interface to listen on.' },
  port: { env: 'PORT', schema: settings.port(4000), doc: 'Port of the gateway (also `--port N`).' },
  logLevel: { env: 'LOG_LEVEL', schema: settings.logLevel(), doc: 'pino log level.' },
  supergraphFile: {
    env: 'SUPERGRAPH_FILE',
    schema: z.string().min(1).default(OUR_SUPERGRAPH),
    defaultDoc: 'schema/supergraph.graphql',
    doc: 'The supergraph to serve (also `--supergraph FILE`); any Federation 2 supergraph. Reloaded when the file changes.',
  },
  subgraphUrls: {
    env: 'SUBGRAPH_URLS',
    schema: namedList(z.url()),
    defaultDoc: '(the URLs in the supergraph)',
    doc: 'Where to reach subgraphs instead of the URLs in the supergraph, as name=url,… (deployment, tests).',
  },
  subgraphTimeoutMs: {
    env: 'SUBGRAPH_TIMEOUT_MS',
    schema: settings.ms(10_000),
    doc: 'Timeout of a fetch to a subgraph, in ms.',
  },
  subgraphTimeouts: {
    env: 'SUBGRAPH_TIMEOUTS',
    schema: namedList(z.coerce.number().int().positive()),
    defaultDoc: '(none)',
    doc: 'Per-subgraph timeouts as name=ms,… (e.g. realestate=15000 for the slow registry).',
  },
  identityKey: {
    env: 'INTERNAL_IDENTITY_KEY_FILE',
    schema: identityKeySettings.signingKeyFile(),
    doc: 'The gateway’s Ed25519 private key (a PKCS#8 PEM file) signing the internal identity header; subgraphs hold only its public key (INTERNAL_IDENTITY_JWKS_FILE). Re-read when the file changes. `npm start` makes one under data/identity/.',
  },
  jwksUrl: {
    env: 'JWKS_URL',
    schema: z.url('must be the URL of the identity provider’s JWKS').optional(),
    defaultDoc: '(none: anonymous access only)',
    doc: 'JWKS of the identity provider whose tokens are accepted (the development IdP in `npm start`).',
  },
  jwtIssuer: {
    env: 'JWT_ISSUER',
    schema: z.string().min(1).default('onething-dev-idp'),
    doc: 'Required `iss` of tokens.',
    production: {
      devValue: 'onething-dev-idp',
      fix: 'set the issuer (iss) of your identity provider’s tokens; the development identity provider never runs in production',
    },
  },
  jwtAudience: {
    env: 'JWT_AUDIENCE',
    schema: z.string().min(1).default('onething'),
    doc: 'Required `aud` of tokens.',
  },
  introspection: {
    env: 'ALLOW_INTROSPECTION',
    schema: bool(true),
    doc: 'Whether the schema may be listed: introspection, GraphiQL (which needs it) and “Did you mean …?” suggestions in errors, which would map it.',
    production: {
      default: 'false',
      why: 'strangers cannot list the schema; set ALLOW_INTROSPECTION=true explicitly where they may (a staging gateway)',
    },
  },
  maxDepth: {
    env: 'MAX_DEPTH',
    schema: settings.positiveInt(12),
    doc: 'Deepest selection allowed (fragments expanded).',
  },
  maxAliases: {
    env: 'MAX_ALIASES',
    schema: settings.positiveInt(30),
    doc: 'Most aliases allowed in an operation (fragments expanded).',
  },
  maxCost: {
    env: 'MAX_COST',
    schema: settings.positiveInt(50_000),
    doc: 'Highest cost allowed of an operation: each field 1, the fields under a list once per row it may return (its `first`/`limit`, else 10); introspection alone is judged by ALLOW_INTROSPECTION instead.',
  },
  maxTokens: {
    env: 'MAX_TOKENS',
    schema: settings.positiveInt(3_000),
    doc: 'Most lexical tokens allowed in a document.',
  },
  maxBodyBytes: {
    env: 'MAX_BODY_BYTES',
    schema: settings.positiveInt(128 * 1024),
    doc: 'Largest request body, in bytes.',
  },
  materialsSubgraph: {
    env: 'MATERIALS_SUBGRAPH',
    schema: z.string().min(1).default('hall'),
    doc: 'The subgraph that keeps uploaded materials: /materials is passed to it, beside its /graphql.',
  },
  maxMaterialBytes: {
    env: 'MAX_MATERIAL_BYTES',
    schema: settings.positiveInt(10 * 1024 * 1024),
    doc: 'Largest uploaded material (file), in bytes; give the hall the same MAX_MATERIAL_BYTES.',
  },
  webDir: {
    env: 'WEB_DIR',
    schema: z
      .string()
      .min(1)
      .default(OUR_WEB_APP)
      .transform((dir) => resolve(dir)),
    defaultDoc: 'web/dist',
    doc: 'The built web app, served at `/` (index.html, hashed files under /assets/); build it with `npm run build --workspace web`.',
  },
  rateLimitAnonymous: {
    env: 'RATE_LIMIT_ANONYMOUS',
    schema: settings.positiveInt(600),
    doc: 'Requests a minute from one client address without a token (GraphQL and materials); over it, 429 `RATE_LIMITED` with Retry-After.',
  },
  rateLimitAccount: {
    env: 'RATE_LIMIT_ACCOUNT',
    schema: settings.positiveInt(300),
    doc: 'Requests a minute of one signed-in account (applicant or staff), from any address.',
  },
  rateLimitService: {
    env: 'RATE_LIMIT_SERVICE',
    schema: settings.positiveInt(60_000),
    doc: 'Requests a minute of one service client (the hall reads and dispatches for every applicant).',
  },
  rateLimitUploads: {
    env: 'RATE_LIMIT_UPLOADS',
    schema: settings.positiveInt(30),
    doc: 'Material uploads a minute of one account (the hall also keeps a quota of files and bytes per applicant).',
  },
  trustProxy: {
    env: 'TRUST_PROXY',
    schema: z
      .string()
      .default('false')
      .transform((v): boolean | string[] => {
        if (v === 'false' || v === '') return false;
        if (v === 'true') return true;
        return v
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean);
      }),
    doc: 'Whether the client address is taken from X-Forwarded-For (rate limits count per address): `false` (the connection’s address), `true` (any proxy: the leftmost address), or the proxies’ addresses/CIDRs as a comma list. Set it only behind a proxy that sets the header, or any client chooses its own address.',
  },
  limitsLifted: limitSettings.limitsLifted,
  redisUrl: limitSettings.redisUrl,
  devIdpUrl: {
    env: 'DEV_IDP_URL',
    schema: settings
      .url()
      .optional()
      .transform((url) => url?.replace(/\/+$/, '')),
    defaultDoc: '(none)',
    doc: 'Development only: passes the development identity provider’s `/personas` and `/token` to the web app under `/idp/…` (`npm start` sets it). Never set it in production.',
    production: {
      refuseIfSet:
        'it hands a token for any persona, window staff included, to anyone who asks; unset it, and users sign in at your identity provider (JWKS_URL)',
    },
  },
});

export type GatewayConfig = ReturnType<typeof gatewaySettings.load>;
