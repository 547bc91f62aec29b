import type { Logger } from '@onething/runtime';
import { verifyCallback } from '@onething/runtime/callbacks';
import { sendError } from '@onething/runtime/http';
import type { FastifyInstance } from 'fastify';
import type { CallbackNonces } from '../dispatch/callback-nonces';
import type { CallbackSettings } from '../dispatch/callback-route';
import type { JobQueue } from '../outbox/jobs';
import type { Payments } from './store';

/** Where the payment subgraph relays the platform's notifications it checked. */
export const PAYMENT_CALLBACK_PATH = '/callbacks/payment';

const ORDER_NUMBER = /^UPP\d{18}$/;

/**
 * The platform's notifications, as the payment subgraph relays them once it checked them (the platform's
 * signature, the order as the platform answers a query): `{department: "payment", orderNumber, …}`,
 * signed with PAYMENT_CALLBACK_SECRET like a department's callback. Like those, it is a prompt, never the
 * record: it moves the next read of the order's payment to within the coalescing window, and the hall
 * reads the order back through the supergraph before anything changes — so a forged, duplicate or
 * out-of-order notification changes nothing the order itself does not say. Unsigned, forged, stale and
 * replayed prompts are refused (401); an accepted one answers 202 whether the order is the hall's or not.
 */
export function paymentCallbackRoute(deps: {
  readonly payments: Payments;
  readonly jobs: JobQueue;
  readonly nonces: CallbackNonces;
  readonly wake: () => void;
  readonly log: Logger;
  readonly settings: CallbackSettings;
}): (app: FastifyInstance) => void {
  const { payments, jobs, nonces, settings, log } = deps;
  return (app) => {
    app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
      scope.post(PAYMENT_CALLBACK_PATH, { bodyLimit: 4_096 }, async (req, reply) => {
        const raw = typeof req.body === 'string' ? req.body : '';
        const now = Date.now();
        const verdict = verifyCallback(req.headers, raw, settings.secrets, settings.maxAgeMs, now);
        if (!verdict.ok) {
          log.warn({ code: verdict.code }, 'payment callback refused');
          return sendError(reply, verdict.code, verdict.message);
        }
        if (!(await nonces.firstSight(verdict.department, verdict.nonce, new Date(now))))
          return sendError(
            reply,
            'CALLBACK_REPLAYED',
            'this callback was received before (its nonce is spent): send each notification with a fresh nonce',
          );
        let orderNumber: unknown;
        try {
          orderNumber = (JSON.parse(raw) as { orderNumber?: unknown }).orderNumber;
        } catch {
          orderNumber = undefined;
        }
        if (typeof orderNumber !== 'string' || !ORDER_NUMBER.test(orderNumber))
          return sendError(
            reply,
            'INVALID_INPUT',
            'send JSON { department: "payment", orderNumber }: orderNumber must be the platform’s order number (UPP and 18 digits)',
          );
        const payment = await payments.byOrder(orderNumber);
        if (payment) {
          await jobs.nudge(payment.anchorPartId, settings.coalesceMs, new Date(now), 'pay');
          deps.wake();
        }
        log.info({ orderNumber, application: payment?.applicationId }, 'payment notification relayed');
        return reply.code(202).send();
      });
    });
  };
}
