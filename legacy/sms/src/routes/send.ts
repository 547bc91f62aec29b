import type { FastifyInstance } from 'fastify';
import { type ParamProblem, paramRefusal, Refusal } from '../codes';
import { type Message, sendFingerprint } from '../messages';
import { normaliseMobile } from '../mobile';
import { render, segmentsOf } from '../templates';
import { registerAction } from './action';
import type { SmsContext } from './context';

/** The caller's idempotency key (`OutId`): 1 to 64 visible ASCII characters, no spaces. */
export const OUT_ID = /^[\x21-\x7e]{1,64}$/;

const answer = (m: Message, repeated: boolean) => ({
  BizId: m.bizId,
  Segments: m.segments,
  Repeated: repeated,
});

/** Reads a send request, listing every missing or malformed parameter at once. */
function readSend(body: unknown) {
  const b = (body ?? {}) as Record<string, unknown>;
  const problems: ParamProblem[] = [];
  const text = (name: string) => {
    const v = b[name];
    if (typeof v !== 'string' || v.trim() === '')
      problems.push({ Param: name, Reason: '必填，应为非空字符串' });
    return typeof v === 'string' ? v : '';
  };
  const signName = text('SignName');
  const templateCode = text('TemplateCode');
  const phone = text('PhoneNumber');
  const outId = text('OutId');
  if (outId && !OUT_ID.test(outId))
    problems.push({ Param: 'OutId', Reason: '应为1至64位可见字符，不含空格' });
  const param = b.TemplateParam ?? {};
  const templateParam: Record<string, string> = {};
  if (typeof param !== 'object' || param === null || Array.isArray(param))
    problems.push({ Param: 'TemplateParam', Reason: '应为JSON对象，变量名到取值' });
  else
    for (const [k, v] of Object.entries(param)) {
      if (typeof v === 'string') templateParam[k] = v;
      else problems.push({ Param: `TemplateParam.${k}`, Reason: '取值应为字符串' });
    }
  if (problems.length > 0) throw paramRefusal('Param.Invalid', problems);
  return { signName, templateCode, phone, outId, templateParam };
}

/**
 * `SendSms`: one text from a registered template to one number. The OutId makes it idempotent: the same
 * OutId and content answer the first send again (`Repeated: true`) and send nothing; other content under
 * a used OutId is `OutId.Conflict`. A refused request is not remembered: the same OutId may be sent again
 * once the cause is gone (a rate limit has passed).
 */
export function registerSendAction(app: FastifyInstance, s: SmsContext): void {
  registerAction(app, s.auth, 'SendSms', (body, accessKeyId, req) => {
    const send = readSend(body);
    req.logged?.keys.push(send.outId);
    const phoneNumber = normaliseMobile(send.phone);
    if (!phoneNumber)
      throw paramRefusal('Mobile.Invalid', [{ Param: 'PhoneNumber', Reason: '应为11位中国大陆手机号码' }]);
    const fingerprint = sendFingerprint({ ...send, phoneNumber });

    const earlier = s.messages.byKey(accessKeyId, send.outId);
    if (earlier) {
      if (earlier.fingerprint !== fingerprint)
        throw new Refusal('OutId.Conflict', `OutId ${send.outId} 已用于 ${earlier.bizId}，内容不同`);
      req.logged?.keys.push(earlier.bizId);
      return answer(earlier, true);
    }

    if (!s.templates.hasSign(send.signName))
      throw new Refusal('Sign.NotRegistered', `短信签名未报备：${send.signName}`);
    const template = s.templates.template(send.templateCode);
    if (!template) throw new Refusal('Template.NotRegistered', `短信模板不存在：${send.templateCode}`);
    if (template.sign !== send.signName)
      throw new Refusal('Template.SignMismatch', `模板${template.code}报备的签名为${template.sign}`);
    const rendered = render(template, send.templateParam);
    if ('problems' in rendered) throw paramRefusal(rendered.code, rendered.problems);

    const now = s.ctx.clock.now();
    const breach = s.limiter.check(phoneNumber, now);
    if (breach) {
      const seconds = Math.max(1, Math.ceil(breach.retryAfterMs / 1000));
      throw new Refusal(breach.code, `该号码已达发送上限${breach.limit}条，${seconds}秒后可再发送`, {
        RetryAfterSeconds: seconds,
      });
    }
    const message = s.messages.add({
      accessKeyId,
      outId: send.outId,
      phoneNumber,
      signName: send.signName,
      templateCode: template.code,
      templateParam: send.templateParam,
      text: rendered.text,
      segments: segmentsOf(rendered.text),
      fingerprint,
      sentAt: now,
    });
    s.limiter.record(phoneNumber, now);
    s.reports.schedule(message);
    req.logged?.keys.push(message.bizId);
    return answer(message, false);
  });
}
