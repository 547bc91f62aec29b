import { validateResidentId, validateUscc } from '@onething/schema';
import type { FastifyInstance } from 'fastify';
import { ok } from '../envelope';
import { taxpayerToWire } from '../wire-records';
import { batchKeys } from './batch';
import { bodyOf, type TaxDeps } from './deps';

/** A taxpayer id is a resident ID number (natural person) or a USCC (enterprise). */
function taxpayerId(key: string): { value: string } | { reason: string } {
  const person = validateResidentId(key);
  if (person.ok) return { value: person.value };
  const enterprise = validateUscc(key);
  if (enterprise.ok) return { value: enterprise.value };
  // Name the problems of the kind the key looks like.
  const problems = /^\s*\d{17}[\dXx]\s*$/.test(key) ? person.problems : enterprise.problems;
  return { reason: `应为身份证号码或统一社会信用代码：${problems.map((p) => p.message.zh).join('；')}` };
}

/** `POST /api/v1/taxpayers/batch-query`: up to 50 taxpayers by ID number or USCC; only those found. */
export function taxpayerRoutes(app: FastifyInstance, { records }: TaxDeps): void {
  app.post('/taxpayers/batch-query', { config: { op: 'taxpayers.query' } }, async (req, reply) => {
    const keys = batchKeys(req, reply, bodyOf(req.body).taxpayer_ids, 'taxpayer_ids', taxpayerId);
    if (!keys) return reply;
    req.logged?.keys.push(...keys);
    return ok({
      taxpayers: keys.flatMap((k) => {
        const t = records.taxpayer(k);
        return t ? [taxpayerToWire(t)] : [];
      }),
    });
  });
}
