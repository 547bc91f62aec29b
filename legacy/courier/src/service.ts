import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate, type CourierApps, type NonceStore } from './auth';
import { COURIER_CODES, type Envelope, invalidFields, Refusal, success } from './codes';

const FORM = 'application/x-www-form-urlencoded';

/** The parameters of a form body; a name sent twice is kept as `null` so it is refused, never guessed. */
type FormParams = Readonly<Record<string, string | null>>;

/**
 * Makes the app speak forms only (UTF-8, `+` as space), as the platform's gateway does: JSON and every
 * other body is refused with HTTP 415; unknown paths answer 404 in the envelope.
 */
export function acceptFormsOnly(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(FORM, { parseAs: 'string' }, (_req, body, done) => {
    const params: Record<string, string | null> = {};
    for (const [name, value] of new URLSearchParams(body as string))
      params[name] = name in params ? null : value;
    done(null, params);
  });
  app.setNotFoundHandler((_req, reply) => {
    reply.code(404).send({ success: false, code: 'A01', msg: '服务不存在' });
  });
}

/** The app key of a request, for the request log, once its body is parsed. */
export function callerOf(req: FastifyRequest): string | undefined {
  const key = (req.body as FormParams | undefined)?.app_key;
  return typeof key === 'string' ? key : undefined;
}

/** What a service gets: the caller's app key, the parsed payload, and the request (to log its keys). */
export type ServiceHandler = (appKey: string, payload: unknown, req: FastifyRequest) => unknown;

/**
 * Registers the service of message type `msgType` at `POST /ems/api/<msgType>`, counted as that operation:
 * the body must be a form, the request must authenticate, `logistics_interface` must be JSON, and the
 * handler's answer (or its {@link Refusal}) goes out in the envelope.
 */
export function registerService(
  app: FastifyInstance,
  auth: { readonly apps: CourierApps; readonly nonces: NonceStore },
  msgType: string,
  handler: ServiceHandler,
): void {
  app.post(`/ems/api/${msgType}`, { config: { op: msgType } }, async (req, reply) => {
    const body = req.body as FormParams | undefined;
    if (!body || typeof body !== 'object') {
      if (req.logged) req.logged.outcome = 'refused';
      return reply.code(415).type('text/plain; charset=utf-8').send(`Content-Type must be ${FORM}`);
    }
    try {
      const repeated = Object.keys(body).filter((k) => body[k] === null);
      if (repeated.length > 0)
        throw invalidFields(repeated.map((field) => ({ field, reason: '参数重复出现' })));
      const params = body as Readonly<Record<string, string>>;
      const appKey = authenticate(msgType, params, auth.apps, auth.nonces);
      let payload: unknown;
      try {
        payload = JSON.parse(params.logistics_interface!);
      } catch {
        throw invalidFields([{ field: 'logistics_interface', reason: '应为JSON' }]);
      }
      return success(await handler(appKey, payload, req));
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      if (req.logged) req.logged.outcome = 'refused';
      return e.envelope satisfies Envelope;
    }
  });
}

export { COURIER_CODES };
