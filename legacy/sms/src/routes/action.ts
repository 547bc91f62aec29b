import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate, NonceStore } from '../auth';
import { Refusal, SMS_CODES } from '../codes';
import type { SmsAccounts } from '../settings';

const JSON_TYPE = 'application/json';

/** A request body as the gateway's parser leaves it: the bytes as sent (signed over) and their JSON. */
export interface RawJson {
  readonly raw: Buffer;
  readonly json: unknown;
}

/**
 * Makes the app speak JSON only, keeping the bytes as sent (the signature covers them); any other body is
 * refused by Fastify with HTTP 415, a body that is not JSON with HTTP 400.
 */
export function acceptJsonOnly(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(JSON_TYPE, { parseAs: 'buffer' }, (_req, body, done) => {
    try {
      done(null, {
        raw: body as Buffer,
        json: JSON.parse((body as Buffer).toString('utf8')),
      } satisfies RawJson);
    } catch {
      done(Object.assign(new Error('the body is not JSON'), { statusCode: 400 }), undefined);
    }
  });
  app.setNotFoundHandler((_req, reply) => {
    reply.code(404).send({ RequestId: randomUUID(), Code: 'Param.Invalid', Message: '接口不存在' });
  });
}

/** The access key id of a request, for the request log. */
export function callerOf(req: FastifyRequest): string | undefined {
  return /AccessKeyId=([A-Za-z0-9_-]{1,64})/.exec(String(req.headers.authorization ?? ''))?.[1];
}

/** What an action gets: the JSON body, the caller's access key id and the request. */
export type ActionHandler = (
  body: unknown,
  accessKeyId: string,
  req: FastifyRequest,
) => Record<string, unknown>;

/**
 * Registers an action at `POST /sms/v1/<name>`, counted as operation `<name>`: the body must be JSON, the
 * request must be signed, and the handler's answer (or its {@link Refusal}) goes out in the envelope
 * `{ RequestId, Code, Message, … }` with HTTP 200.
 */
export function registerAction(
  app: FastifyInstance,
  auth: { readonly accounts: SmsAccounts; readonly nonces: NonceStore },
  name: string,
  handler: ActionHandler,
): void {
  app.post(`/sms/v1/${name}`, { config: { op: name } }, async (req, reply) => {
    const body = req.body as RawJson | undefined;
    const RequestId = randomUUID();
    if (!body?.raw) {
      if (req.logged) req.logged.outcome = 'refused';
      return reply.code(415).type('text/plain; charset=utf-8').send(`Content-Type must be ${JSON_TYPE}`);
    }
    try {
      const accessKeyId = authenticate(req, body.raw, auth.accounts, auth.nonces);
      return { RequestId, Code: 'OK', Message: SMS_CODES.OK, ...handler(body.json, accessKeyId, req) };
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      if (req.logged) req.logged.outcome = 'refused';
      return { RequestId, Code: e.code, Message: e.detail, ...e.extra };
    }
  });
}

export { NonceStore };
