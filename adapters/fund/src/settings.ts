import { type AdapterHooks, clientSettings } from '@onething/adapter-core';
import { defineSettings, settings } from '@onething/runtime';
import { z } from 'zod';
import type { FundAdapterOptions } from './adapter';

/**
 * Where and as whom the fund adapter calls, read from the environment (or `CONFIG_FILE`) by whichever
 * service embeds it: the fund subgraph, a benchmark, a script.
 */
export const fundAdapterSettings = defineSettings('adapter-fund', {
  url: {
    env: 'FUND_URL',
    schema: settings.url().default('http://127.0.0.1:4104'),
    doc: 'Base URL of the fund system (its services are under /gjj/api/).',
  },
  appId: {
    env: 'FUND_APP_ID',
    schema: z.string().min(1).default('onething-hall'),
    doc: 'App id the fund knows this caller by (appid).',
  },
  appSecret: {
    env: 'FUND_APP_SECRET',
    schema: z.string().min(8).default('fund-dev-secret'),
    secret: true,
    doc: 'The app secret: the HMAC-SHA256 key of every request signature.',
    production: {
      devValue: 'fund-dev-secret',
      fix: 'set the app secret the fund centre issued for FUND_APP_ID',
    },
  },
  timeoutMs: {
    env: 'FUND_TIMEOUT_MS',
    schema: settings.ms(3_000),
    doc: 'Time allowed for one attempt, from connecting to the last byte of the answer.',
  },
  retries: {
    env: 'FUND_RETRIES',
    schema: z.coerce.number().int().min(0).max(10).default(2),
    doc: 'Retries of a failed read (submissions and corrections are never retried).',
  },
});

/** The adapter's options from loaded settings. */
export function fundAdapterOptions(
  config: ReturnType<typeof fundAdapterSettings.load>,
  hooks?: AdapterHooks,
): FundAdapterOptions {
  return {
    client: clientSettings(config.url, { timeoutMs: config.timeoutMs, retry: { retries: config.retries } }),
    appId: config.appId,
    appSecret: config.appSecret,
    ...(hooks ? { hooks } : {}),
  };
}
