import { defineSettings, type SettingsSpec, settings, tracingSettings } from '@onething/runtime';
import { z } from 'zod';

/**
 * Settings every stand-in takes, plus the department's own. `developmentOnly` says why it never runs in
 * production and what stands there instead (a department's system, by default).
 */
export function standInSettings<S extends SettingsSpec>(
  department: string,
  port: number,
  own: S,
  developmentOnly = `it stands in for the ${department} department's own system, with generated people, for tests and demos; point the ${department} subgraph's SYSTEM_URL at the department's system`,
) {
  return defineSettings(
    `legacy-${department}`,
    {
      host: { env: 'HOST', schema: settings.host(), doc: 'Interface to listen on.' },
      port: {
        env: 'PORT',
        schema: settings.port(port),
        doc: `Port of the ${department} system's own protocol.`,
      },
      adminPort: {
        env: 'ADMIN_PORT',
        schema: settings.port(port + 10),
        doc: 'Port of the admin endpoint (faults, counters, clock, cases); stays up while the system is "down".',
      },
      seed: {
        env: 'SEED',
        schema: settings.positiveInt(20261122),
        doc: 'Seed of the generated population; the same in every stand-in.',
      },
      persons: {
        env: 'SEED_PERSONS',
        schema: settings.positiveInt(10_000),
        doc: 'Number of seeded persons (enterprises ¼, properties ⅘ of it).',
      },
      clockSpeed: {
        env: 'CLOCK_SPEED',
        schema: z.coerce.number().min(0).default(1),
        doc: 'Simulated seconds per real second on which cases advance (e.g. 3600: an hour a second).',
      },
      settleIntervalMs: {
        env: 'SETTLE_INTERVAL_MS',
        schema: settings.ms(250),
        doc: 'How often cases are moved on along the clock and their changes notified, in real ms.',
      },
      logLevel: { env: 'LOG_LEVEL', schema: settings.logLevel(), doc: 'pino log level.' },
      callbackUrl: {
        env: 'CALLBACK_URL',
        schema: settings.url().optional(),
        defaultDoc: '(none)',
        doc: 'Where the system notifies a change of a case’s status (POST {department, caseNumber, status}, signed); the hall then reads the case.',
      },
      callbackSecret: {
        env: 'CALLBACK_SECRET',
        schema: z
          .string()
          .min(16, 'must be at least 16 characters')
          .default(`${department}-callback-dev-secret`),
        secret: true,
        defaultDoc: `${department}-callback-dev-secret`,
        // Not marked for production: a stand-in never runs there at all (developmentOnly below); the hall's
        // CALLBACK_SECRETS, which holds these too, is.
        doc: 'The secret the system signs its callbacks with (HMAC-SHA256, see docs/departments.md); the hall holds the same one for the department in CALLBACK_SECRETS.',
      },
      documentSigningKeyFile: {
        env: 'DOCUMENT_SIGNING_KEY_FILE',
        schema: z.string().min(1).optional(),
        defaultDoc: `(none: a development key derived from "${department}")`,
        doc: `The Ed25519 private key (PKCS#8 PEM) the system signs the documents it issues with (电子证照; Ed25519 where the national systems use SM2); the ${department} subgraph verifies them with its public half (DOCUMENT_PUBLIC_KEY_FILE). Unset, a development key derived from the department's name, which the subgraph's default matches.`,
      },
      ...own,
      ...tracingSettings,
    },
    { developmentOnly },
  );
}

/** The settings of the kit itself, as the server harness needs them. */
export interface StandInConfig {
  readonly host: string;
  readonly port: number;
  readonly adminPort: number;
  readonly seed: number;
  readonly persons: number;
  readonly clockSpeed: number;
  /** How often due phases are settled (and notified), in real ms; 250 when not set. */
  readonly settleIntervalMs?: number;
  /** Where to notify a change of a case's status, if anywhere. */
  readonly callbackUrl?: string | undefined;
  /** The secret callbacks are signed with (`<department>-callback-dev-secret` when not set). */
  readonly callbackSecret?: string;
  /** The PKCS#8 PEM file of the key documents are signed with (the department's development key when not set). */
  readonly documentSigningKeyFile?: string | undefined;
}
