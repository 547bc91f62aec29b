import { fileURLToPath } from 'node:url';
import { defineSettings, settings } from '@onething/runtime';
import { z } from 'zod';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The hall's settings: where it listens, how it reaches the supergraph, where it keeps its state. */
export const hallSettings = defineSettings('subgraph-hall', {
  host: { env: 'HOST', schema: settings.host(), doc: 'Interface to listen on.' },
  port: { env: 'PORT', schema: settings.port(4001), doc: 'Port of the hall subgraph (GraphQL at /graphql).' },
  logLevel: { env: 'LOG_LEVEL', schema: settings.logLevel(), doc: 'pino log level.' },
  identitySecret: {
    env: 'INTERNAL_IDENTITY_SECRET',
    schema: z
      .string({ error: 'is required: the secret shared with the gateway' })
      .min(32, 'must be at least 32 bytes'),
    secret: true,
    doc: 'Secret shared with the gateway, which signs the internal identity header with it.',
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
  },
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
  bundlesDir: {
    env: 'BUNDLES_DIR',
    schema: z.string().min(1).default(`${ROOT}subgraphs/hall/bundles`),
    defaultDoc: 'subgraphs/hall/bundles',
    doc: 'Directory of the bundle files (one JSON file per bundle); checked at start.',
  },
  catalogueWaitMs: {
    env: 'CATALOGUE_WAIT_MS',
    schema: settings.ms(60_000),
    doc: 'How long the start waits for the supergraph to serve the departments’ items.',
  },
});

export type HallConfig = ReturnType<typeof hallSettings.load>;
