import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { authenticate } from '../auth';
import { httpStatusOf, PAYMENT_CODES, Refusal } from '../codes';
import { signHeaders } from '../signing';
import type { PaymentContext } from './context';

const JSON_TYPE = 'application/json; charset=utf-8';

/** Every body is kept as the bytes sent: signatures are over them, so JSON is parsed only after checking. */
export function keepRawBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.setNotFoundHandler((_req, reply) => {
    reply
      .code(404)
      .type(JSON_TYPE)
      .send({ code: '2001', message: `${PAYMENT_CODES['2001']}：服务不存在` });
  });
}

let forgeryKey: KeyObject | undefined;

/** Sends `text` as the platform's answer, signed with its key (or, as a fault, with another). */
export function sendSigned(
  p: PaymentContext,
  reply: FastifyReply,
  status: number,
  text: string,
  type = JSON_TYPE,
): FastifyReply {
  if (p.forgeAnswers) forgeryKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const key = p.forgeAnswers && forgeryKey ? forgeryKey : p.platformKey;
  return reply.code(status).headers(signHeaders(key, text)).type(type).send(text);
}

/** The problems of a zod refusal, as 2001 lists them (字段, 原因), every one at once. */
export function problemsOf(error: z.ZodError) {
  return error.issues.map((i) => ({ field: i.path.join('.') || '(body)', reason: i.message }));
}

/** What a service answers: JSON data, or a text of its own type (the statement's CSV). */
export type ServiceAnswer = { readonly data: unknown } | { readonly text: string; readonly type: string };

/**
 * Registers a service at `POST /upp/v1/<name>`, counted as operation `<name>`: the request must be signed
 * by a registered caller, its JSON body must match `schema` (2001 naming every problem), and the answer —
 * data in the `{code, message, data}` envelope, or a refusal — goes out signed by the platform.
 */
export function registerService<S extends z.ZodType>(
  app: FastifyInstance,
  p: PaymentContext,
  name: string,
  schema: S,
  handler: (biz: z.output<S>, caller: string, req: FastifyRequest) => ServiceAnswer,
): void {
  app.post(`/upp/v1/${name}`, { config: { op: name } }, async (req, reply) => {
    const raw = req.body;
    try {
      if (!Buffer.isBuffer(raw)) throw new Refusal('2001', 'Content-Type应为application/json');
      const caller = authenticate(req.headers, raw, p.callers, p.nonces);
      if (req.logged) req.logged.caller = caller;
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new Refusal('2001', '请求体不是合法的JSON');
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new Refusal('2001', undefined, { problems: problemsOf(parsed.error) });
      const answer = handler(parsed.data, caller, req);
      if ('text' in answer) return sendSigned(p, reply, 200, answer.text, answer.type);
      return sendSigned(
        p,
        reply,
        200,
        JSON.stringify({ code: '0000', message: PAYMENT_CODES['0000'], data: answer.data }),
      );
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      if (req.logged) req.logged.outcome = 'refused';
      return sendSigned(p, reply, httpStatusOf(e.code), JSON.stringify(e.envelope));
    }
  });
}
