import { type AdapterHooks, clientSettings } from '@onething/adapter-core';
import { defineSettings, settings } from '@onething/runtime';
import { z } from 'zod';
import type { SmsAdapterOptions } from './adapter';

/**
 * Where and as whom the SMS adapter sends, read from the environment (or `CONFIG_FILE`) by whichever
 * service embeds it: the hall's notification outbox, a script.
 */
export const smsAdapterSettings = defineSettings('adapter-sms', {
  url: {
    env: 'SMS_URL',
    schema: settings.url().default('http://127.0.0.1:4107'),
    doc: 'Base URL of the SMS gateway (its actions are under /sms/v1/).',
  },
  accessKeyId: {
    env: 'SMS_ACCESS_KEY_ID',
    schema: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .default('onething-hall'),
    doc: 'The access key id the gateway knows this caller by.',
  },
  accessKeySecret: {
    env: 'SMS_ACCESS_KEY_SECRET',
    schema: z.string().min(16).default('sms-dev-secret-0001'),
    secret: true,
    doc: 'The access key secret: the HMAC-SHA256 key of every request, and of the delivery reports to this account.',
    production: {
      devValue: 'sms-dev-secret-0001',
      fix: 'set the access key secret the SMS platform issued for SMS_ACCESS_KEY_ID',
    },
  },
  signName: {
    env: 'SMS_SIGN_NAME',
    schema: z.string().min(2).max(12).default('一件事'),
    doc: 'The signature (短信签名) registered at the gateway that every text is sent under.',
  },
  timeoutMs: {
    env: 'SMS_TIMEOUT_MS',
    schema: settings.ms(3_000),
    doc: 'Time allowed for one attempt, from connecting to the last byte of the answer.',
  },
  retries: {
    env: 'SMS_RETRIES',
    schema: z.coerce.number().int().min(0).max(10).default(2),
    doc: 'Retries of a failed call; a send is retried with the same idempotency key, so it is sent once.',
  },
});

/** The adapter's options from loaded settings. */
export function smsAdapterOptions(
  config: ReturnType<typeof smsAdapterSettings.load>,
  hooks?: AdapterHooks,
): SmsAdapterOptions {
  return {
    client: clientSettings(config.url, { timeoutMs: config.timeoutMs, retry: { retries: config.retries } }),
    accessKeyId: config.accessKeyId,
    accessKeySecret: config.accessKeySecret,
    signName: config.signName,
    ...(hooks ? { hooks } : {}),
  };
}
