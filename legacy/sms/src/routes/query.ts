import type { FastifyInstance } from 'fastify';
import { paramRefusal, Refusal } from '../codes';
import type { Message } from '../messages';
import { maskMobile } from '../mobile';
import { registerAction } from './action';
import type { SmsContext } from './context';
import { OUT_ID } from './send';

/** A send as QuerySendDetails answers it: the number masked, times ISO 8601. */
export function detailOf(m: Message) {
  return {
    BizId: m.bizId,
    OutId: m.outId,
    PhoneNumber: maskMobile(m.phoneNumber),
    TemplateCode: m.templateCode,
    Status: m.status,
    ...(m.errCode ? { ErrCode: m.errCode } : {}),
    Segments: m.segments,
    SendTime: new Date(m.sentAt).toISOString(),
    ...(m.reportedAt !== undefined ? { ReportTime: new Date(m.reportedAt).toISOString() } : {}),
  };
}

/**
 * `QuerySendDetails`: one of the caller's own sends, by `BizId` or by its `OutId`, with where it is
 * (SENDING, DELIVERED, FAILED) — the answer to a lost report, and to a send whose answer was lost.
 */
export function registerQueryAction(app: FastifyInstance, s: SmsContext): void {
  registerAction(app, s.auth, 'QuerySendDetails', (body, accessKeyId, req) => {
    const b = (body ?? {}) as Record<string, unknown>;
    const bizId = typeof b.BizId === 'string' ? b.BizId : undefined;
    const outId = typeof b.OutId === 'string' ? b.OutId : undefined;
    if ((bizId === undefined) === (outId === undefined) || (outId !== undefined && !OUT_ID.test(outId)))
      throw paramRefusal('Param.Invalid', [{ Param: 'BizId|OutId', Reason: '应给出BizId或OutId之一' }]);
    req.logged?.keys.push((bizId ?? outId)!);
    const m = bizId ? s.messages.get(bizId) : s.messages.byKey(accessKeyId, outId!);
    if (!m || m.accessKeyId !== accessKeyId) throw new Refusal('Message.NotFound');
    return { Detail: detailOf(m) };
  });
}
