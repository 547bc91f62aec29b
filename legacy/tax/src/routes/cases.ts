import type { FastifyInstance } from 'fastify';
import { acceptanceRefusal } from '../acceptance';
import { ok, refuse } from '../envelope';
import { RequestLedger } from '../ledger';
import { readSubmission } from '../submission';
import { wireTime } from '../time';
import { CASE_STATUS_CODES, caseToWire } from '../wire-cases';
import type { TaxDeps } from './deps';
import { requestIdOf, validRequestId } from './request-id';

/**
 * Cases: `POST /api/v1/cases` (idempotent by `X-Request-Id`), `GET /api/v1/cases/{case_no}` and
 * `GET /api/v1/cases?request_id=`.
 */
export function caseRoutes(app: FastifyInstance, { ctx, items, records, ledger }: TaxDeps): void {
  app.post('/cases', { config: { op: 'cases.submit' } }, async (req, reply) => {
    const rid = requestIdOf(req);
    if ('error' in rid) {
      const other = readSubmission(req.body, '', items);
      const more = 'refusal' in other && other.refusal.code === '1001' ? other.refusal.errors : [];
      return refuse(req, reply, '1001', { errors: [rid.error, ...more] });
    }
    const fingerprint = RequestLedger.fingerprint('cases.submit', req.body);
    const earlier = ledger.replay(rid.id, fingerprint);
    if (earlier === 'conflict') return refuse(req, reply, '3005');
    if (earlier) {
      req.logged?.keys.push((earlier.answer as { data: { case_no: string } }).data.case_no);
      return earlier.answer;
    }
    const read = readSubmission(req.body, rid.id, items);
    if ('refusal' in read) {
      const r = read.refusal;
      return r.code === '1001'
        ? refuse(req, reply, '1001', { errors: r.errors })
        : refuse(req, reply, '3001', { msg: r.msg });
    }
    const notAccepted = acceptanceRefusal(read.submission, records);
    if (notAccepted) return refuse(req, reply, '3002', { msg: notAccepted });
    const record = ctx.cases.submit(read.submission);
    const view = ctx.cases.view(record);
    req.logged?.keys.push(record.caseNumber, record.applicantId);
    const answer = ok({
      case_no: record.caseNumber,
      status_code: CASE_STATUS_CODES[view.status],
      accepted_time: wireTime(record.submittedAt),
    });
    ledger.remember(rid.id, fingerprint, answer);
    return answer;
  });

  app.get<{ Params: { case_no: string } }>(
    '/cases/:case_no',
    { config: { op: 'cases.get' } },
    async (req, reply) => {
      req.logged?.keys.push(req.params.case_no);
      const record = ctx.cases.get(req.params.case_no);
      if (!record) return refuse(req, reply, '3003', { msg: `案件不存在：${req.params.case_no}` });
      return ok(caseToWire(ctx.cases.view(record)));
    },
  );

  app.get<{ Querystring: { request_id?: string } }>(
    '/cases',
    { config: { op: 'cases.find' } },
    async (req, reply) => {
      const id = req.query.request_id;
      if (!validRequestId(id))
        return refuse(req, reply, '1001', {
          errors: [{ field: 'request_id', reason: '必填，8至128个可见ASCII字符' }],
        });
      const found = ctx.cases.findByRef(id);
      req.logged?.keys.push(...found.map((c) => c.caseNumber));
      return ok({ cases: found.map((c) => caseToWire(ctx.cases.view(c))) });
    },
  );
}
