import { type ClientSettings, clientSettings, documentPublicKey } from '@onething/adapter-core';
import { defineSettings, type SettingsSpec, settings, tracingSettings } from '@onething/runtime';
import { identityKeySettings } from '@onething/runtime/identity';
import { z } from 'zod';

/** Settings every department subgraph takes (where it listens, how it reaches its system), plus its own. */
export function subgraphSettings<S extends SettingsSpec>(
  department: string,
  port: number,
  system: { url: string; timeoutMs: number },
  own: S,
) {
  return defineSettings(`subgraph-${department}`, {
    host: { env: 'HOST', schema: settings.host(), doc: 'Interface to listen on.' },
    port: {
      env: 'PORT',
      schema: settings.port(port),
      doc: `Port of the ${department} subgraph (GraphQL at /graphql).`,
    },
    logLevel: { env: 'LOG_LEVEL', schema: settings.logLevel(), doc: 'pino log level.' },
    identityKeys: {
      env: 'INTERNAL_IDENTITY_JWKS_FILE',
      schema: identityKeySettings.keySetFile(),
      doc: 'The gateway’s public keys (a JWKS file; several while a key is rotated, chosen by kid) that the internal identity header must be signed with; calls without a valid header are refused. Re-read when the file changes. `npm start` makes one under data/identity/.',
    },
    systemUrl: {
      env: 'SYSTEM_URL',
      schema: settings.url().default(system.url),
      doc: `Base URL of the ${department} department's own system.`,
    },
    systemTimeoutMs: {
      env: 'SYSTEM_TIMEOUT_MS',
      schema: settings.ms(system.timeoutMs),
      doc: 'Timeout of one call to the system, in ms (reads are retried within the retries below).',
    },
    systemRetries: {
      env: 'SYSTEM_RETRIES',
      schema: z.coerce.number().int().min(0).max(5).default(2),
      doc: 'Retries of a failed read (submissions are never retried).',
    },
    requestDeadlineMs: {
      env: 'SYSTEM_REQUEST_DEADLINE_MS',
      schema: settings.ms(8_000),
      doc: "The calls to the system for one GraphQL request end within this, retries included, in ms; under the gateway's SUBGRAPH_TIMEOUT_MS, so a slow system costs only its fields.",
    },
    breakerOpenMs: {
      env: 'SYSTEM_BREAKER_OPEN_MS',
      schema: settings.ms(5_000),
      doc: 'How long the circuit breaker stays open after the system keeps failing, before one trial call.',
    },
    ...own,
    ...tracingSettings,
  });
}

/** The setting of a department subgraph's public key for the documents its department issues. */
export function documentKeySettings(department: string) {
  return {
    documentPublicKeyFile: {
      env: 'DOCUMENT_PUBLIC_KEY_FILE',
      // Read at load: a missing, unreadable or private key file stops the start naming the setting.
      schema: z
        .string()
        .min(1)
        .optional()
        .superRefine((file, ctx) => {
          if (file === undefined) return;
          try {
            documentPublicKey(department, file);
          } catch (e) {
            const message = (e as NodeJS.ErrnoException).code
              ? `cannot be read (${(e as Error).message})`
              : (e as Error).message;
            ctx.addIssue({ code: 'custom', message });
          }
        }),
      defaultDoc: `(none: the public half of the development key derived from "${department}")`,
      doc: `The ${department} department's Ed25519 public key (SPKI PEM) its issued documents (电子证照) must be signed with; a document whose signature does not verify, or whose file is not the one signed, is refused (DOCUMENT_UNVERIFIED). Unset, the public half of the development key the stand-in signs with by default (its DOCUMENT_SIGNING_KEY_FILE).`,
      production: {
        devValue: `(development key of ${department})`,
        fix: `set the public key the ${department} department publishes for its documents`,
      },
    },
  } satisfies SettingsSpec;
}

/** The department's public key for its documents, from a subgraph's config. */
export function documentKeyOf(department: string, config: { documentPublicKeyFile?: string | undefined }) {
  return documentPublicKey(department, config.documentPublicKeyFile);
}

/** Client settings of the department's system from a subgraph's config. */
export function systemClientSettings(config: {
  systemUrl: string;
  systemTimeoutMs: number;
  systemRetries: number;
  breakerOpenMs: number;
}): ClientSettings {
  return clientSettings(config.systemUrl, {
    timeoutMs: config.systemTimeoutMs,
    retry: { retries: config.systemRetries },
    breaker: { openMs: config.breakerOpenMs },
  });
}
