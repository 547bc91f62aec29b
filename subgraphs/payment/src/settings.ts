import { join } from 'node:path';
import { settings } from '@onething/runtime';
import { PLATFORM } from '@onething/schema/platforms';
import { subgraphSettings } from '@onething/subgraph-kit';
import { z } from 'zod';

const { ports } = PLATFORM.payment;

/**
 * Settings of the payment subgraph: the kit's (where the platform is, timeouts, breaker), our caller id and
 * key, the platform's public key, where the platform posts notifications, and where they are relayed.
 */
export const paymentSubgraphSettings = subgraphSettings(
  'payment',
  ports.subgraph,
  { url: `http://127.0.0.1:${ports.system}`, timeoutMs: 3_000 },
  {
    callerId: {
      env: 'PAYMENT_CALLER_ID',
      schema: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/)
        .default('onething-hall'),
      doc: 'The caller id the platform knows us by (X-Upp-Caller).',
    },
    callerKeyFile: {
      env: 'PAYMENT_CALLER_KEY_FILE',
      schema: z
        .string()
        .min(1)
        .default(join('data', 'payment', 'caller-onething-hall-private.pem')),
      doc: 'Our RSA private key (PEM) every request to the platform is signed with; its public key is registered at the platform (its CALLERS). The default is the development key the stand-in makes at first start.',
      production: {
        devValue: join('data', 'payment', 'caller-onething-hall-private.pem'),
        fix: 'set the key whose public half the payment platform registered for PAYMENT_CALLER_ID',
      },
    },
    platformKeyFile: {
      env: 'PAYMENT_PLATFORM_PUBLIC_KEY_FILE',
      schema: z
        .string()
        .min(1)
        .default(join('data', 'payment', 'platform-public.pem')),
      doc: 'The platform’s RSA public key (PEM): every answer, notification and receipt must be signed by it.',
      production: {
        devValue: join('data', 'payment', 'platform-public.pem'),
        fix: 'set the public key the payment platform published',
      },
    },
    notifyUrl: {
      env: 'PAYMENT_NOTIFY_URL',
      schema: settings.url().default(`http://127.0.0.1:${ports.subgraph}/notifications/payment`),
      doc: 'Where the platform posts an order’s notifications (this subgraph’s /notifications/payment as the platform reaches it), sent with every order created.',
    },
    checkoutUrl: {
      env: 'PAYMENT_CHECKOUT_URL',
      schema: settings.url().default(`http://127.0.0.1:${ports.system}/payer/v1/checkout`),
      doc: 'The online banking page a payer pays a payment code on (`?code=` is added): what an order’s checkoutUrl links to. The default is the stand-in’s.',
    },
    relayUrl: {
      env: 'PAYMENT_RELAY_URL',
      schema: settings.url().optional(),
      defaultDoc: '(none: notifications are checked, logged and acknowledged)',
      doc: 'Where a notification that checks out is relayed as a signed prompt (POST {department: "payment", orderNumber, reference, status, revision, eventId, eventType}), e.g. the hall’s callback; it is acknowledged to the platform only once relayed, so the platform redelivers what the relay missed.',
    },
    relaySecret: {
      env: 'PAYMENT_RELAY_SECRET',
      schema: z.string().min(16, 'must be at least 16 characters').default('payment-callback-dev-secret'),
      secret: true,
      defaultDoc: 'payment-callback-dev-secret',
      doc: 'The secret relayed prompts are signed with (HMAC-SHA256 as the departments’ callbacks, docs/departments.md).',
      production: {
        devValue: 'payment-callback-dev-secret',
        fix: 'set the secret the relay’s receiver holds for payment',
      },
    },
  },
);

export type PaymentSubgraphConfig = ReturnType<typeof paymentSubgraphSettings.load>;
