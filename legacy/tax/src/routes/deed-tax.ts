import { type Validation, validateResidentId, validateUnitCode } from '@onething/schema';
import type { FastifyInstance } from 'fastify';
import { ok, refuse } from '../envelope';
import { deedTaxToWire } from '../wire-records';
import { batchKeys } from './batch';
import { bodyOf, type TaxDeps } from './deps';

const checked = (v: Validation<unknown>) =>
  v.ok ? { value: v.value } : { reason: v.problems.map((p) => p.message.zh).join('；') };

/**
 * `POST /api/v1/deed-tax/batch-query`: deed tax records by up to 50 unit codes or 50 payer ID numbers
 * (one list or the other); every record of each key, oldest first.
 */
export function deedTaxRoutes(app: FastifyInstance, { records }: TaxDeps): void {
  app.post('/deed-tax/batch-query', { config: { op: 'deed_tax.query' } }, async (req, reply) => {
    const body = bodyOf(req.body);
    const byUnit = body.unit_codes !== undefined;
    if (byUnit === (body.payer_id_numbers !== undefined)) {
      return refuse(req, reply, '1001', {
        errors: [{ field: 'unit_codes|payer_id_numbers', reason: '须且只能提供其中一项' }],
      });
    }
    const keys = byUnit
      ? batchKeys(req, reply, body.unit_codes, 'unit_codes', (k) => checked(validateUnitCode(k)))
      : batchKeys(req, reply, body.payer_id_numbers, 'payer_id_numbers', (k) =>
          checked(validateResidentId(k)),
        );
    if (!keys) return reply;
    req.logged?.keys.push(...keys);
    const found = keys.flatMap((k) => (byUnit ? records.deedTaxOfUnit(k) : records.deedTaxOfPayer(k)));
    return ok({ records: found.map(deedTaxToWire) });
  });
}
