import type { StandInContext } from '@onething/legacy-kit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { admit } from '../admission';
import { idempotencyKeyOf, readApplication } from '../application-input';
import { MarketError, validationFailed } from '../errors';
import { canonicalJson } from '../idempotency';
import { nameHeldBy } from '../rules';
import type { MarketState } from '../state';
import { beijingInstant } from '../time';
import { WIRE_STATUS, wireApplication } from '../wire-applications';

/**
 * Answers a write that carries an Idempotency-Key seen before: the first answer again (200) for the
 * same request, 422 for another one; undefined when the key is new.
 */
export function replayed(
  state: MarketState,
  req: FastifyRequest,
  reply: FastifyReply,
  key: string,
  fingerprint: string,
) {
  const seen = state.idempotency.lookup(key, fingerprint);
  if (seen === undefined) return undefined;
  if (seen === 'conflict') {
    throw new MarketError('IDEMPOTENCY_KEY_REUSED', `Idempotency-Key ${key} 已用于另一个不同的请求`);
  }
  const body = seen.replay.body as { applicationNo: string };
  req.logged?.keys.push(body.applicationNo);
  return reply.code(200).send(body);
}

/** Applications: submit (idempotent by key), status by number, lookup by the caller's key. */
export function applicationRoutes(app: FastifyInstance, ctx: StandInContext, state: MarketState): void {
  app.post('/api/applications', { config: { op: 'applications.submit' } }, async (req, reply) => {
    const key = idempotencyKeyOf(req.headers['idempotency-key']);
    const fingerprint = `POST /api/applications\n${canonicalJson(req.body)}`;
    const replay = replayed(state, req, reply, key, fingerprint);
    if (replay) return replay;

    const input = readApplication(state, req.body);
    const itemCode = input.item.code;
    admit(state, itemCode, input.values);
    const held = nameHeldBy(itemCode, input.values);
    if (held) state.registry.reserveName(held, key);
    const record = ctx.cases.submit({
      itemCode,
      requestRef: key,
      applicantId: input.applicant.idNumber,
      fields: input.values,
      materials: input.materials.map((m) => m.materialId),
    });
    const body = {
      applicationNo: record.caseNumber,
      status: WIRE_STATUS[ctx.cases.view(record).status],
      acceptedAt: beijingInstant(record.submittedAt),
    };
    state.idempotency.remember(key, { fingerprint, status: 201, body });
    req.logged?.keys.push(record.caseNumber);
    if (typeof input.values['enterprise.uscc'] === 'string')
      req.logged?.keys.push(input.values['enterprise.uscc']);
    return reply.code(201).header('location', `/api/applications/${record.caseNumber}`).send(body);
  });

  app.get<{ Params: { applicationNo: string } }>(
    '/api/applications/:applicationNo',
    { config: { op: 'applications.get' } },
    async (req) => {
      const { applicationNo } = req.params;
      req.logged?.keys.push(applicationNo);
      const record = ctx.cases.get(applicationNo);
      if (!record) throw new MarketError('NOT_FOUND', `未找到申请 ${applicationNo}`);
      return wireApplication(record, ctx.cases.view(record), state.issuedTo(record.requestRef));
    },
  );

  app.get<{ Querystring: { idempotencyKey?: string } }>(
    '/api/applications',
    { config: { op: 'applications.find' } },
    async (req) => {
      const key = req.query.idempotencyKey;
      if (!key) {
        throw validationFailed([
          { field: 'idempotencyKey', rule: 'required', reason: '缺少查询条件 idempotencyKey' },
        ]);
      }
      const records = ctx.cases.findByRef(key);
      req.logged?.keys.push(...records.map((r) => r.caseNumber));
      return {
        items: records.map((r) => wireApplication(r, ctx.cases.view(r), state.issuedTo(r.requestRef))),
      };
    },
  );
}
