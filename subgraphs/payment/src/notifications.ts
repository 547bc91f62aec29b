import { isAdapterError } from '@onething/adapter-core';
import { NotificationRefused, type PaymentAdapter } from '@onething/adapter-payment';
import type { Logger } from '@onething/runtime';
import { signCallback } from '@onething/runtime/callbacks';
import { sendError } from '@onething/runtime/http';
import type { FastifyInstance } from 'fastify';

/** Where notifications the platform posts arrive. */
export const NOTIFICATION_PATH = '/notifications/payment';

/** How long a relay may take before the notification is left for the platform to deliver again. */
const RELAY_TIMEOUT_MS = 3_000;

/**
 * The platform's notifications (PROTOCOL.md §6): each is checked by the adapter — the platform's
 * signature, then the order as the platform answers a query (known, paid, same amount) — and only then
 * relayed (when a relay is set) and acknowledged with `{"code":"SUCCESS"}`. A refused one is answered
 * with its code (401 signature, 404 unknown order, 409 amount) and logged, and marks nothing paid; one
 * that could not be checked or relayed is answered 503, and the platform delivers it again. Duplicates
 * and notifications overtaken by later ones are relayed with the order's current state and revision, so
 * the receiver changes nothing the second time.
 */
export function registerNotifications(
  app: FastifyInstance,
  adapter: PaymentAdapter,
  relay: { readonly url: string | undefined; readonly secret: string },
  log: Logger,
): void {
  app.register(async (scope) => {
    // The signature is over the bytes as sent: keep them, parse nothing before checking.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.post(NOTIFICATION_PATH, async (req, reply) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      let accepted: Awaited<ReturnType<PaymentAdapter['acceptNotification']>>;
      try {
        accepted = await adapter.acceptNotification(req.headers, body);
      } catch (e) {
        if (e instanceof NotificationRefused) {
          log.warn({ reason: e.reason, bytes: body.length }, `payment notification refused: ${e.message}`);
          return sendError(reply, e.code, e.message, { department: 'payment', reason: e.reason });
        }
        if (isAdapterError(e)) {
          log.warn({ code: e.code }, 'payment notification not checked: the platform could not be asked');
          return sendError(reply, e.code, e.message, { department: 'payment' }, 503);
        }
        throw e;
      }
      const { notification, order } = accepted;
      const prompt = JSON.stringify({
        department: 'payment',
        orderNumber: order.orderNumber,
        reference: order.reference,
        status: order.status,
        latePayment: order.latePayment,
        revision: order.revision,
        eventId: notification.eventId,
        eventType: notification.type,
      });
      if (relay.url) {
        try {
          const res = await fetch(relay.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...signCallback('payment', relay.secret, prompt) },
            body: prompt,
            signal: AbortSignal.timeout(RELAY_TIMEOUT_MS),
          });
          if (res.status >= 300) throw new Error(`HTTP ${res.status}`);
        } catch (err) {
          log.warn(
            { err: (err as Error).message, orderNumber: order.orderNumber },
            'payment notification not relayed',
          );
          return sendError(
            reply,
            'DEPARTMENT_UNAVAILABLE',
            'the notification could not be relayed; deliver it again',
            { department: 'payment' },
            503,
          );
        }
      }
      log.info(
        {
          orderNumber: order.orderNumber,
          eventId: notification.eventId,
          type: notification.type,
          notified: notification.revision,
          revision: order.revision,
          status: order.status,
        },
        notification.revision < order.revision
          ? 'payment notification overtaken by a later state'
          : 'payment notification accepted',
      );
      return reply.code(200).send({ code: 'SUCCESS' });
    });
  });
}
