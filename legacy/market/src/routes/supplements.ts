import type { StandInContext } from '@onething/legacy-kit';
import type { FastifyInstance } from 'fastify';
import { idempotencyKeyOf } from '../application-input';
import { MarketError, validationFailed } from '../errors';
import { readForm } from '../form';
import { canonicalJson } from '../idempotency';
import type { MarketState } from '../state';
import { wireApplication } from '../wire-applications';
import { replayed } from './applications';

/**
 * Supplements (补正): while an application is SUPPLEMENT_REQUIRED the applicant sends the fields asked
 * for, and review starts again. Idempotent by key like submissions.
 */
export function supplementRoutes(app: FastifyInstance, ctx: StandInContext, state: MarketState): void {
  app.post<{ Params: { applicationNo: string } }>(
    '/api/applications/:applicationNo/supplements',
    { config: { op: 'applications.supplement' } },
    async (req, reply) => {
      const { applicationNo } = req.params;
      const key = idempotencyKeyOf(req.headers['idempotency-key']);
      req.logged?.keys.push(applicationNo);
      const record = ctx.cases.get(applicationNo);
      if (!record) throw new MarketError('NOT_FOUND', `未找到申请 ${applicationNo}`);
      const fingerprint = `POST /api/applications/${applicationNo}/supplements\n${canonicalJson(req.body)}`;
      const replay = replayed(state, req, reply, key, fingerprint);
      if (replay) return replay;

      const view = ctx.cases.view(record);
      if (view.status !== 'correction_requested') {
        throw new MarketError('INVALID_STATE', `申请 ${applicationNo} 当前无需补正`);
      }
      const body = req.body as { form?: unknown } | undefined;
      const form = body?.form;
      if (typeof form !== 'object' || form === null || Array.isArray(form)) {
        throw validationFailed([{ field: 'form', rule: 'required', reason: '缺少补正表单 form' }]);
      }
      const item = state.itemsByCode.get(record.itemCode)!;
      const asked = view.decision?.correctionFields ?? [];
      const { values, problems } = readForm(item, form as Record<string, unknown>, asked);
      if (problems.length > 0) throw validationFailed(problems);
      const corrected = ctx.cases.correct(applicationNo, values);
      const answer = wireApplication(
        corrected,
        ctx.cases.view(corrected),
        state.issuedTo(corrected.requestRef),
      );
      state.idempotency.remember(key, { fingerprint, status: 201, body: answer });
      return reply.code(201).send(answer);
    },
  );
}
