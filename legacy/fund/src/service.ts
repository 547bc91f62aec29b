import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate } from './auth';
import { type Envelope, FUND_CODES, invalidParams, Refusal, success } from './codes';
import type { NonceStore } from './nonces';
import type { FundApps } from './settings';

/** A request body as the form parser leaves it: the parameters, and the names sent more than once. */
export interface FormBody {
  readonly params: Readonly<Record<string, string>>;
  readonly repeated: readonly string[];
}

const FORM = 'application/x-www-form-urlencoded';

function parseForm(text: string): FormBody {
  const params: Record<string, string> = {};
  const repeated = new Set<string>();
  for (const [name, value] of new URLSearchParams(text)) {
    if (name in params) repeated.add(name);
    params[name] = value;
  }
  return { params, repeated: [...repeated] };
}

/**
 * Makes the app speak forms only: JSON and every other body is refused by Fastify with HTTP 415, as the
 * fund's gateway does; the form is parsed with `URLSearchParams` (UTF-8, `+` as space).
 */
export function acceptFormsOnly(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(FORM, { parseAs: 'string' }, (_req, body, done) => {
    done(null, parseForm(body as string));
  });
  app.setNotFoundHandler((_req, reply) => {
    reply.code(404).send({ fhm: 'E1006', fhxx: FUND_CODES.E1006 } satisfies Envelope);
  });
}

/** The app id of a request, for the request log, once its body is parsed. */
export function callerOf(req: FastifyRequest): string | undefined {
  return (req.body as FormBody | undefined)?.params?.appid;
}

/** What a service gets: the request's parameters and the logged request to note its keys in. */
export type ServiceHandler = (params: Readonly<Record<string, string>>, req: FastifyRequest) => unknown;

/**
 * Registers a service at `POST /gjj/api/<name>`, counted as operation `<name>`: the body must be a form,
 * the request must authenticate, and the handler's answer (or its {@link Refusal}) goes out in the envelope.
 */
export function registerService(
  app: FastifyInstance,
  auth: { readonly apps: FundApps; readonly nonces: NonceStore },
  name: string,
  handler: ServiceHandler,
): void {
  app.post(`/gjj/api/${name}`, { config: { op: name } }, async (req, reply) => {
    const body = req.body as FormBody | undefined;
    if (!body?.params) {
      if (req.logged) req.logged.outcome = 'refused';
      return reply.code(415).type('text/plain; charset=utf-8').send(`Content-Type must be ${FORM}`);
    }
    try {
      if (body.repeated.length > 0) {
        throw invalidParams(body.repeated.map((zd) => ({ zd, yy: '参数重复出现' })));
      }
      authenticate(body.params, auth.apps, auth.nonces);
      return success(await handler(body.params, req));
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      if (req.logged) req.logged.outcome = 'refused';
      return e.envelope;
    }
  });
}
