import type { FastifyInstance } from 'fastify';
import { ok, refuse } from '../envelope';
import { assessTaxFees } from '../fees/assessment';
import type { GeneralRate } from '../fees/deed-tax-rates';
import { feeLineToWire } from '../fees/wire';
import { wireDate } from '../time';
import { bodyOf, isObject, type TaxDeps } from './deps';

/** Items one assessment takes at most: a bundle's tax items fit many times over. */
const MAX_ITEMS = 20;

/**
 * `POST /api/v1/fee-assessments`: what the tax office charges for items given the values declared so far
 * (核定): the deed tax by the rates in force, 0 with its rule for items that charge nothing. A read:
 * nothing is recorded, so it may be asked again at will.
 */
export function feeAssessmentRoutes(
  app: FastifyInstance,
  { ctx, items }: TaxDeps,
  general: GeneralRate,
): void {
  app.post('/fee-assessments', { config: { op: 'fees.assess' } }, async (req, reply) => {
    const body = bodyOf(req.body);
    const codes = body.item_codes;
    const form = body.form ?? {};
    const errors = [];
    if (!Array.isArray(codes) || codes.length === 0 || codes.length > MAX_ITEMS)
      errors.push({ field: 'item_codes', reason: `应为1至${MAX_ITEMS}个事项编码的数组` });
    else
      codes.forEach((c, i) => {
        if (typeof c !== 'string' || c === '')
          errors.push({ field: `item_codes[${i}]`, reason: '应为事项编码' });
      });
    if (!isObject(form)) errors.push({ field: 'form', reason: '应为对象' });
    if (errors.length > 0) return refuse(req, reply, '1001', { errors });
    const unique = [...new Set(codes as string[])];
    const unknown = unique.filter((c) => !items.has(c));
    if (unknown.length > 0)
      return refuse(req, reply, '3001', { msg: `事项编码不存在：${unknown.join('、')}` });
    req.logged?.keys.push(...unique);
    const assessed = assessTaxFees(
      unique.map((c) => items.get(c)!),
      form as Record<string, unknown>,
      general,
      wireDate(ctx.clock.now()),
    );
    if ('errors' in assessed) return refuse(req, reply, '1001', { errors: assessed.errors });
    const lines = assessed.lines.map(feeLineToWire);
    return ok({ lines, total_fen: lines.reduce((s, l) => s + l.amount_fen, 0) });
  });
}
