import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ConfigOf,
  defineSettings,
  limitSettings,
  type SettingsSpec,
  settings,
  tracingSettings,
} from '@onething/runtime';
import { identityKeySettings, ROLES, type Role } from '@onething/runtime/identity';
import { z } from 'zod';
import { forwardedHeaders, selectsAny, subgraphSelection } from './subgraph-headers';
import { readTrustedDocuments } from './trusted-documents';

const OUR_SUPERGRAPH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
const OUR_WEB_APP = fileURLToPath(new URL('../../web/dist', import.meta.url));
// The web app's operations as `npm run codegen` extracts them, the ones its build sends by hash.
const OUR_TRUSTED_DOCUMENTS = fileURLToPath(
  new URL('../../web/src/api/generated/persisted-documents.json', import.meta.url),
);

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

/** A comma list of our roles (`none` or empty: no role). */
const roleList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx): ReadonlySet<Role> => {
      const roles = new Set<Role>();
      for (const part of text
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p && p !== 'none')) {
        if ((ROLES as readonly string[]).includes(part)) roles.add(part as Role);
        else ctx.addIssue({ code: 'custom', message: `"${part}" is not one of ${ROLES.join(', ')}` });
      }
      return roles;
    });

const claimName = (fallback: string, what: string) => ({
  schema: z.string().trim().min(1, 'must name a claim').default(fallback),
  doc: `The claim (or dotted path into nested claims) carrying ${what}.`,
});

/**
 * Sign-in by any OpenID provider: its issuer (discovery gives its issuer and JWKS), the web app's client
 * there, and where its tokens carry what the access rules read, so a province's SSO works by settings.
 */
const signInSpec = {
  oidcIssuer: {
    env: 'OIDC_ISSUER',
    schema: z
      .url('must be the issuer URL of an OpenID provider')
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
    defaultDoc: '(none: JWKS_URL and JWT_ISSUER instead)',
    doc: 'Issuer URL of the OpenID provider users sign in at; its `/.well-known/openid-configuration` gives the issuer and JWKS tokens are verified against (JWKS_URL and JWT_ISSUER are then not used), and the web app signs in there by the authorization-code flow with PKCE.',
  },
  webClientId: {
    env: 'WEB_CLIENT_ID',
    schema: z.string().trim().min(1).default('onething-web'),
    doc: 'The web app’s client id at OIDC_ISSUER (a public client: authorization code with PKCE, redirect URI the gateway’s `/`).',
  },
  claimRole: {
    env: 'CLAIM_ROLE',
    ...claimName('role', 'the role (a string, or a list: the first value ROLE_VALUES knows)'),
  },
  claimName: { env: 'CLAIM_NAME', ...claimName('name', 'the holder’s name') },
  claimIdNumber: { env: 'CLAIM_ID_NUMBER', ...claimName('id_number', 'an applicant’s resident ID number') },
  claimEnterprises: {
    env: 'CLAIM_ENTERPRISES',
    ...claimName(
      'enterprises',
      'the USCCs the holder represents (a list, or one string separated by spaces or commas)',
    ),
  },
  claimDepartments: {
    env: 'CLAIM_DEPARTMENTS',
    ...claimName('departments', 'the departments whose cases staff review (tax, market, realestate, fund)'),
  },
  claimCentre: {
    env: 'CLAIM_CENTRE',
    ...claimName(
      'centre',
      'a window officer’s service centre (optional: without it, officers see every centre’s applications)',
    ),
  },
  roleValues: {
    env: 'ROLE_VALUES',
    schema: namedList(z.enum(['applicant', 'window-staff', 'department-staff', 'supervisor', 'service'])),
    defaultDoc: '(none: the values are ours)',
    doc: 'The provider’s role values as ours, as theirs=ours,… (e.g. `citizen=applicant,legal_person=applicant,clerk=window-staff`); ours are applicant, window-staff, department-staff, supervisor, service. Set, a role it does not list is refused.',
  },
} satisfies SettingsSpec;

/** Each setting of the gateway, declared once (see {@link gatewaySettings}). */
const spec = {
  host: { env: 'HOST', schema: settings.host(), doc: 'Interface to listen on (also `--host ADDRESS`).' },
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
  identitySubgraphs: {
    env: 'IDENTITY_SUBGRAPHS',
    schema: subgraphSelection('*'),
    doc: 'Subgraphs sent the signed internal identity header (x-onething-identity): `*` every one (ours all need it), `none` (a supergraph of foreign subgraphs), or names as a comma list.',
  },
  identityKey: {
    env: 'INTERNAL_IDENTITY_KEY_FILE',
    schema: identityKeySettings.signingKeyFile().optional(),
    defaultDoc: '(required unless IDENTITY_SUBGRAPHS=none, MATERIALS_PROXY=false and no REDIS_URL)',
    doc: 'The gateway’s Ed25519 private key (a PKCS#8 PEM file) signing the internal identity header; subgraphs hold only its public key (INTERNAL_IDENTITY_JWKS_FILE). It also keys the rate-limit counters shared in REDIS_URL. Re-read when the file changes. `npm start` makes one under data/identity/.',
  },
  auth: {
    env: 'AUTH',
    schema: z.enum(['jwt', 'off'], { error: 'must be jwt or off' }).default('jwt'),
    doc: 'Who the gateway takes a request to be from: `jwt` verifies the bearer token in Authorization against JWKS_URL (a token it cannot verify is refused with 401); `off` verifies no token and takes every request as anonymous, the Authorization header reaching subgraphs only where FORWARD_HEADERS passes it on (subgraphs that check tokens themselves).',
  },
  forwardHeaders: {
    env: 'FORWARD_HEADERS',
    schema: forwardedHeaders(),
    defaultDoc: '(none)',
    doc: 'Client request headers passed on to subgraphs, as subgraph=header,… with `*` for every subgraph (e.g. `*=authorization,books=accept-language`). Ours take none: they trust the identity header alone.',
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
      onlyIf: {
        given: (raw) => raw('AUTH') !== 'off' && !raw('OIDC_ISSUER'),
        doc: 'unless AUTH=off or OIDC_ISSUER is set',
      },
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
  trustedDocuments: {
    env: 'TRUSTED_DOCUMENTS_FILES',
    schema: z
      .string()
      .default(OUR_TRUSTED_DOCUMENTS)
      .transform((text, ctx) => {
        const files = text
          .split(',')
          .map((f) => f.trim())
          .filter((f) => f && f !== 'none')
          .map((f) => resolve(f));
        try {
          return readTrustedDocuments(files);
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: (e as Error).message });
          return z.NEVER;
        }
      }),
    defaultDoc: 'web/src/api/generated/persisted-documents.json',
    doc: 'Manifests of trusted documents, as a comma list of files (`none`: no manifest): each a JSON object of operations’ texts by their SHA-256, as `npm run codegen` writes the web app’s. A client sends a registered operation by its hash alone (`extensions.persistedQuery`, as Apollo’s persisted queries), and the gateway runs it parsed and validated once. Read at start: a file that cannot be read, is not such an object, or holds a hash that is not its text’s stops the start, named.',
  },
  unregisteredOperations: {
    env: 'UNREGISTERED_OPERATIONS',
    schema: z.enum(['allow', 'refuse'], { error: 'must be allow or refuse' }).default('allow'),
    doc: 'Operations that are in no manifest of TRUSTED_DOCUMENTS_FILES: `allow` runs any operation sent as text (and keeps a hash sent with its text to be sent alone after, as Apollo’s automatic persisted queries); `refuse` refuses them, before they are parsed, with 400 `OPERATION_NOT_REGISTERED`, except from the roles of UNREGISTERED_OPERATIONS_ROLES.',
    production: {
      default: 'refuse',
      why: 'strangers run only registered operations; set UNREGISTERED_OPERATIONS=allow explicitly where anyone may send any query (a staging gateway)',
    },
  },
  unregisteredOperationsRoles: {
    env: 'UNREGISTERED_OPERATIONS_ROLES',
    schema: roleList('service'),
    defaultDoc: 'service',
    doc: `Roles that may still send operations no manifest holds where UNREGISTERED_OPERATIONS=refuse, as a comma list of ${ROLES.join(', ')} (\`none\`: no role): staff tools’ roles, and \`service\`, the hall’s, whose reads of the departments are written at run time (a department’s fields) and so cannot be registered ahead.`,
  },
  materialsProxy: {
    env: 'MATERIALS_PROXY',
    schema: bool(true),
    doc: 'Whether `/materials` (uploads of the hall) and `/papers` (its receipts, one-time notices and the public status pages behind the receipts’ QR codes, the last without a token) are passed to MATERIALS_SUBGRAPH; `false`: they answer 404 like any other path no route takes.',
  },
  materialsSubgraph: {
    env: 'MATERIALS_SUBGRAPH',
    schema: z.string().min(1).default('hall'),
    doc: 'The subgraph that keeps uploaded materials and makes the papers: /materials and /papers are passed to it, beside its /graphql.',
  },
  maxMaterialBytes: {
    env: 'MAX_MATERIAL_BYTES',
    schema: settings.positiveInt(10 * 1024 * 1024),
    doc: 'Largest uploaded material (file), in bytes; give the hall the same MAX_MATERIAL_BYTES.',
  },
  webApp: {
    env: 'WEB_APP',
    schema: bool(true),
    doc: 'Whether the web app (WEB_DIR) is served at `/`; `false`: `/` and every path no route takes answer 404, and nothing is said of a missing build.',
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
  ...signInSpec,
  ...tracingSettings,
} satisfies SettingsSpec;

/** Why the gateway needs its identity key with these settings: each use of it that is on. */
function identityKeyUses(c: Partial<GatewayConfig>): string[] {
  const uses: string[] = [];
  if (c.identitySubgraphs === undefined || selectsAny(c.identitySubgraphs))
    uses.push('IDENTITY_SUBGRAPHS sends the signed identity header to subgraphs');
  if (c.materialsProxy !== false) uses.push('MATERIALS_PROXY passes uploads on with the signed identity');
  if (c.redisUrl) uses.push('REDIS_URL shares rate-limit counters keyed by it');
  return uses;
}

/** The identity key is required while anything uses it (a key given but unreadable is already a problem). */
function identityKeyProblems(c: Partial<GatewayConfig>) {
  const uses = identityKeyUses(c);
  return 'identityKey' in c && c.identityKey === undefined && uses.length > 0
    ? [
        {
          setting: 'identityKey' as const,
          problem: `${identityKeySettings.signingKeyRequired}, as ${uses.join('; ')}`,
        },
      ]
    : [];
}

/** The gateway's settings: what it serves, who it trusts, how far it lets a query go, what it passes on. */
export const gatewaySettings = defineSettings('gateway', spec, { checks: identityKeyProblems });

export type GatewayConfig = ConfigOf<typeof spec>;
