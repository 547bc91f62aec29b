import type { StandInContext } from '@onething/legacy-kit';
import { validateResidentId, validateUscc } from '@onething/schema';
import type { FastifyInstance } from 'fastify';
import { type FieldProblem, MarketError, validationFailed } from '../errors';
import { pageOf, readPaging } from '../paging';
import type { MarketState } from '../state';
import { wireEnterprise } from '../wire-enterprises';

/**
 * Enterprise reads: one enterprise by USCC (no batch read exists), and the enterprises a person
 * represents, a page at a time.
 */
export function enterpriseRoutes(app: FastifyInstance, _ctx: StandInContext, state: MarketState): void {
  app.get<{ Params: { uscc: string } }>(
    '/api/enterprises/:uscc',
    { config: { op: 'enterprise.get' } },
    async (req) => {
      const v = validateUscc(req.params.uscc);
      if (!v.ok) {
        throw validationFailed(
          v.problems.map((p) => ({ field: 'uscc', rule: p.rule, reason: p.message.zh })),
        );
      }
      req.logged?.keys.push(v.value);
      const enterprise = state.registry.get(v.value);
      if (!enterprise) throw new MarketError('NOT_FOUND', `未找到统一社会信用代码为 ${v.value} 的市场主体`);
      return wireEnterprise(enterprise);
    },
  );

  app.get<{ Querystring: { legalRepIdNumber?: string; page?: string; pageSize?: string } }>(
    '/api/enterprises',
    { config: { op: 'enterprise.list' } },
    async (req) => {
      const problems: FieldProblem[] = [];
      const id = validateResidentId(req.query.legalRepIdNumber ?? '');
      if (!id.ok) {
        problems.push({
          field: 'legalRepIdNumber',
          rule: req.query.legalRepIdNumber ? id.problems[0]!.rule : 'required',
          reason: req.query.legalRepIdNumber
            ? id.problems.map((p) => p.message.zh).join('；')
            : '缺少查询条件 legalRepIdNumber',
        });
      }
      const { page, pageSize } = readPaging(req.query, problems);
      const idNumber = (id as { value: string }).value;
      req.logged?.keys.push(idNumber);
      const result = pageOf(state.registry.representedBy(idNumber), page, pageSize);
      req.logged?.keys.push(...result.items.map((e) => e.uscc));
      return { ...result, items: result.items.map(wireEnterprise) };
    },
  );
}
