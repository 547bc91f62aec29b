import { type PushVerifier, pushAnswer } from '@onething/adapter-courier';
import type { Logger } from '@onething/runtime';
import type { FastifyInstance } from 'fastify';
import type { HandOutDesk } from './desk';

/** Where the courier pushes tracking events of the results the hall posted. */
export const COURIER_CALLBACK_PATH = '/callbacks/courier';

/**
 * The courier's tracking pushes (legacy/courier/PROTOCOL.md §6): checked by the adapter's verifier (the
 * data digest under our app secret, fresh, not replayed, about a waybill of ours) and acknowledged; a
 * verified push only moves the next read of its waybill earlier — the waybill as the courier answers a
 * query is the truth, so a duplicate, late or out-of-order push changes nothing by itself.
 */
export function courierCallbackRoute(deps: {
  readonly verifier: PushVerifier;
  readonly desk: HandOutDesk;
  readonly coalesceMs: number;
  readonly log: Logger;
}): (app: FastifyInstance) => void {
  return (app) => {
    app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
      scope.post(COURIER_CALLBACK_PATH, { bodyLimit: 16_384 }, async (req, reply) => {
        const raw = typeof req.body === 'string' ? req.body : '';
        const verdict = await deps.verifier.verify(req.headers, raw);
        if (verdict.ok && !verdict.duplicate)
          await deps.desk.prompted(verdict.push.waybillNumber, deps.coalesceMs);
        if (!verdict.ok) deps.log.warn({ code: verdict.code }, `courier push refused: ${verdict.message}`);
        const answer = pushAnswer(verdict);
        return reply.code(answer.status).send(answer.body);
      });
    });
  };
}
