import { clientSettings } from '@onething/adapter-core';
import type { StandIn } from '@onething/legacy-kit';
import { createSmsStandIn, SmsAdmin, smsSettings } from '@onething/legacy-sms';
import { createLogger } from '@onething/runtime';
import { createSmsAdapter, type SmsAdapter } from '../src/index';

export const ACCOUNT = { accessKeyId: 'onething-hall', accessKeySecret: 'sms-dev-secret-0001' } as const;

/** The gateway stand-in as the adapter's tests use it: port 0, a stopped clock that tests move. */
export async function startSmsGateway(): Promise<{ standIn: StandIn; admin: SmsAdmin }> {
  const standIn = createSmsStandIn(
    {
      ...smsSettings.load({}),
      persons: 10,
      clockSpeed: 0,
      settleIntervalMs: 20,
      port: 0,
      adminPort: 0,
      host: '127.0.0.1',
    },
    createLogger('legacy-sms', 'silent'),
  );
  await standIn.listen();
  return { standIn, admin: new SmsAdmin(standIn.adminUrl) };
}

/** An adapter of the hall's account (or with another secret), without retries unless asked. */
export function smsAdapter(url: string, opts: { secret?: string; retries?: number } = {}): SmsAdapter {
  return createSmsAdapter({
    client: clientSettings(url, { retry: { retries: opts.retries ?? 0, baseDelayMs: 5, maxDelayMs: 20 } }),
    accessKeyId: ACCOUNT.accessKeyId,
    accessKeySecret: opts.secret ?? ACCOUNT.accessKeySecret,
    signName: '一件事',
  });
}

let seq = 0;
/** A fresh idempotency key. */
export const newKey = () => `sms-test-${process.pid}-${Date.now()}-${++seq}`;
/** A fresh mobile number (each test its own, so the per-number limits never join two tests). */
export const newMobile = () =>
  `139${String(process.pid % 10_000).padStart(4, '0')}${String(++seq).padStart(4, '0')}`;
