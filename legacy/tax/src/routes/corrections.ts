import type { FastifyInstance } from 'fastify';
import { fieldCode } from '../codes';
import { ok, refuse } from '../envelope';
import { decodeForm } from '../form';
import { RequestLedger } from '../ledger';
import { caseToWire } from '../wire-cases';
import { bodyOf, isObject, type TaxDeps } from './deps';
import { requestIdOf } from './request-id';

/**
 * `POST /api/v1/cases/{case_no}/corrections` (补正): only while the case waits for a correction, with
 * every field review asked for; idempotent by `X-Request-Id` like a submission.
 */
export function correctionRoutes(app: FastifyInstance, { ctx, items, ledger }: TaxDeps): void {
  app.post<{ Params: { case_no: string } }>(
    '/cases/:case_no/corrections',
    { config: { op: 'cases.correct' } },
    async (req, reply) => {
      const caseNo = req.params.case_no;
      req.logged?.keys.push(caseNo);
      const rid = requestIdOf(req);
      const form = bodyOf(req.body).form;
      if ('error' in rid || !isObject(form)) {
        const errors = [
          ...('error' in rid ? [rid.error] : []),
          ...(isObject(form) ? [] : [{ field: 'form', reason: '必填，应为对象' }]),
        ];
        return refuse(req, reply, '1001', { errors });
      }
      const fingerprint = RequestLedger.fingerprint(`cases.correct ${caseNo}`, req.body);
      const earlier = ledger.replay(rid.id, fingerprint);
      if (earlier === 'conflict') return refuse(req, reply, '3005');
      if (earlier) return earlier.answer;

      const record = ctx.cases.get(caseNo);
      if (!record) return refuse(req, reply, '3003', { msg: `案件不存在：${caseNo}` });
      const view = ctx.cases.view(record);
      if (view.status !== 'correction_requested')
        return refuse(req, reply, '3004', { msg: `当前状态不允许补正：案件${caseNo}不在待补正状态` });

      const item = items.get(record.itemCode)!;
      const decoded = decodeForm(item, form, { partial: true });
      for (const key of view.decision?.correctionFields ?? []) {
        if (
          decoded.values[key] === undefined &&
          !decoded.errors.some((e) => e.field === `form.${fieldCode(key)}`)
        )
          decoded.errors.push({ field: `form.${fieldCode(key)}`, reason: '需补正，未提交' });
      }
      if (decoded.errors.length > 0) return refuse(req, reply, '1001', { errors: decoded.errors });

      ctx.cases.correct(caseNo, decoded.values);
      const answer = ok(caseToWire(ctx.cases.view(record)));
      ledger.remember(rid.id, fingerprint, answer);
      return answer;
    },
  );
}
