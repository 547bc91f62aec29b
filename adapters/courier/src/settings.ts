import { type AdapterHooks, clientSettings } from '@onething/adapter-core';
import { defineSettings, settings } from '@onething/runtime';
import { z } from 'zod';
import type { CourierAdapterOptions } from './adapter';

/** Where and as whom the courier adapter calls, read by whichever service embeds it (the hall, later). */
export const courierAdapterSettings = defineSettings('adapter-courier', {
  url: {
    env: 'COURIER_URL',
    schema: settings.url().default('http://127.0.0.1:4106'),
    doc: "Base URL of the courier's open platform (its services are under /ems/api/).",
  },
  appKey: {
    env: 'COURIER_APP_KEY',
    schema: z.string().min(1).default('onething-hall'),
    doc: 'The app key (客户标识) the courier knows the centre by.',
  },
  appSecret: {
    env: 'COURIER_APP_SECRET',
    schema: z.string().min(16).default('courier-dev-secret'),
    secret: true,
    doc: "The app secret: the key of every request's data digest, and of the pushes the courier sends back.",
    production: {
      devValue: 'courier-dev-secret',
      fix: 'set the app secret the courier issued for COURIER_APP_KEY',
    },
  },
  timeoutMs: {
    env: 'COURIER_TIMEOUT_MS',
    schema: settings.ms(3_000),
    doc: 'Time allowed for one attempt, from connecting to the last byte of the answer.',
  },
  retries: {
    env: 'COURIER_RETRIES',
    schema: z.coerce.number().int().min(0).max(10).default(2),
    doc: 'Retries of a failed read (creating and cancelling waybills are never retried).',
  },
  pushMaxAgeMs: {
    env: 'COURIER_PUSH_MAX_AGE_MS',
    schema: settings.ms(300_000),
    doc: "How far a tracking push's timestamp may be from our clock, either way, before it is refused as stale.",
  },
});

/** The adapter's options from loaded settings. */
export function courierAdapterOptions(
  config: ReturnType<typeof courierAdapterSettings.load>,
  hooks?: AdapterHooks,
): CourierAdapterOptions {
  return {
    client: clientSettings(config.url, { timeoutMs: config.timeoutMs, retry: { retries: config.retries } }),
    appKey: config.appKey,
    appSecret: config.appSecret,
    ...(hooks ? { hooks } : {}),
  };
}
