import type { DeliveryReportVerifier } from '@onething/adapter-sms';
import type { Logger } from '@onething/runtime';
import type { FastifyInstance } from 'fastify';
import type { Notices } from './store';

/** Where the SMS gateway POSTs the delivery reports (状态报告) of the hall's texts. */
export const SMS_REPORT_PATH = '/callbacks/sms';

/** HTTP status of each refusal: unsigned, forged, stale or replayed is 401; signed but not a report, 400. */
const STATUS = {
  CALLBACK_UNSIGNED: 401,
  CALLBACK_SIGNATURE_INVALID: 401,
  CALLBACK_STALE: 401,
  CALLBACK_REPLAYED: 401,
  INVALID_INPUT: 400,
} as const;

/**
 * The SMS gateway's delivery reports (legacy/sms/PROTOCOL.md): checked by the adapter's verifier (signed
 * with our access key's secret, fresh, not replayed) and applied to the notice whose id the text was sent
 * under (its OutId), once. A report of no notice of this hall is acknowledged and changes nothing (the
 * gateway would otherwise send it again, to no end); a refused one is answered with its code.
 */
export function smsReportRoute(deps: {
  readonly verifier: DeliveryReportVerifier;
  readonly notices: Notices;
  readonly log: Logger;
}): (app: FastifyInstance) => void {
  return (app) => {
    app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
      scope.post(SMS_REPORT_PATH, { bodyLimit: 16_384 }, async (req, reply) => {
        const verdict = deps.verifier.verify({
          method: 'POST',
          path: SMS_REPORT_PATH,
          headers: req.headers,
          body: typeof req.body === 'string' ? req.body : '',
        });
        if (!verdict.ok) {
          deps.log.warn({ code: verdict.code }, `SMS delivery report refused: ${verdict.message}`);
          return reply.code(STATUS[verdict.code]).send({ code: verdict.code, msg: verdict.message });
        }
        const r = verdict.report;
        const changed = await deps.notices.reported(r.idempotencyKey, {
          messageId: r.messageId,
          delivered: r.status === 'DELIVERED',
          carrierCode: r.carrierCode,
          at: new Date(r.reportedAt),
        });
        deps.log.info(
          { notice: r.idempotencyKey, status: r.status, carrierCode: r.carrierCode, applied: changed },
          'SMS delivery report',
        );
        return reply.code(200).send({ code: 0, msg: '成功' });
      });
    });
  };
}
