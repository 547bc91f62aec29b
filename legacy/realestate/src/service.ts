import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { rngFor, type StandInContext } from '@onething/legacy-kit';
import { el, escapeAttr } from '@onething/runtime/xml';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Catalogue } from './catalogue';
import { BDC_NS, SERVICE_PATH } from './codes';
import { OPERATION_HANDLERS } from './operations';
import { registryProtocol } from './protocol';
import {
  envelope,
  faultEnvelope,
  operationOfAction,
  RegistryFault,
  readEnvelope,
  type SoapRequest,
} from './soap';
import type { RegistryRecords } from './state';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request envelope, read before the handler so the caller is known when the request is logged. */
    soap: { readonly request: SoapRequest } | { readonly fault: RegistryFault } | null;
  }
}

/** What the service needs besides the kit's context. */
export interface RegistryServiceDeps {
  readonly records: RegistryRecords;
  readonly catalogue: Catalogue;
  readonly baseLatencyMs: number;
  readonly baseJitterMs: number;
}

const WSDL = readFileSync(new URL('../wsdl/RegistryService.wsdl', import.meta.url), 'utf8');
const CONTENT_TYPE = registryProtocol.contentType;

/** SOAP 1.1 over HTTP is `text/xml` in UTF-8; SOAP 1.2 and anything else is refused. */
function checkContentType(header: string | undefined): void {
  const [type = '', ...params] = (header ?? '')
    .toLowerCase()
    .split(';')
    .map((s) => s.trim());
  if (type === 'application/soap+xml') {
    throw new RegistryFault(
      'BDC-1000',
      '报文格式错误：不支持SOAP 1.2（application/soap+xml），请以text/xml发送SOAP 1.1报文',
    );
  }
  if (type !== 'text/xml') {
    throw new RegistryFault(
      'BDC-1000',
      `报文格式错误：Content-Type应为text/xml; charset=utf-8，收到“${header ?? ''}”`,
    );
  }
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice(8)
    .replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8') {
    throw new RegistryFault('BDC-1000', `报文格式错误：只接受UTF-8编码，收到${charset}`);
  }
}

function sendFault(req: FastifyRequest, reply: FastifyReply, fault: RegistryFault) {
  if (req.logged && fault.side === 'Client') req.logged.outcome = 'refused';
  return reply.code(500).type(CONTENT_TYPE).send(faultEnvelope(fault));
}

/**
 * The registry's one endpoint, `POST /services/RegistryService`, dispatching on the SOAPAction, and its
 * WSDL at `GET /services/RegistryService?wsdl`. Registered in its own scope so that every body is kept
 * as raw text and every failure, even a too-large body, is answered as a SOAP Fault.
 */
export function registerRegistryService(
  app: FastifyInstance,
  ctx: StandInContext,
  deps: RegistryServiceDeps,
): void {
  const dice = rngFor(ctx.population.seed, 'realestate-latency');
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.decorateRequest('soap', null);

    scope.addHook('preValidation', async (req) => {
      if (req.method !== 'POST') return;
      try {
        req.soap = { request: readEnvelope(typeof req.body === 'string' ? req.body : '') };
      } catch (e) {
        if (!(e instanceof RegistryFault)) throw e;
        req.soap = { fault: e };
      }
    });
    // The registry's own slowness, on top of any injected latency.
    scope.addHook('preHandler', async () => {
      const ms = deps.baseLatencyMs + (deps.baseJitterMs > 0 ? dice.int(0, deps.baseJitterMs) : 0);
      if (ms > 0) await sleep(ms);
    });

    scope.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
      if ((err.statusCode ?? 500) < 500) {
        return sendFault(req, reply, new RegistryFault('BDC-1000', `报文格式错误：${err.message}`));
      }
      ctx.log.error({ err, op: req.logged?.op }, 'registry stand-in failed');
      const e = registryProtocol.serverError(req.logged?.op ?? '');
      return reply.code(e.status).type(CONTENT_TYPE).send(e.body);
    });

    scope.post(SERVICE_PATH, { config: { op: 'UnknownOperation' } }, async (req, reply) => {
      try {
        checkContentType(req.headers['content-type']);
        const op = operationOfAction(req.headers.soapaction);
        if (!op) {
          const action = req.headers.soapaction;
          throw new RegistryFault(
            'BDC-1001',
            action === undefined ? 'SOAPAction缺失' : `无法识别的SOAPAction：${String(action)}`,
          );
        }
        const parsed = req.soap ?? { fault: new RegistryFault('BDC-1000', '报文为空') };
        if ('fault' in parsed) throw parsed.fault;
        const { operation } = parsed.request;
        if (operation.name !== op || operation.ns !== BDC_NS) {
          throw new RegistryFault(
            'BDC-1001',
            `SOAPAction（${op}）与报文中的操作（${operation.name}，命名空间${operation.ns ?? '无'}）不一致`,
          );
        }
        const content = await OPERATION_HANDLERS[op](operation, {
          ctx,
          ...deps,
          keys: req.logged?.keys ?? [],
        });
        return reply
          .code(200)
          .type(CONTENT_TYPE)
          .send(envelope(el(`bdc:${op}Response`, [content])));
      } catch (e) {
        if (e instanceof RegistryFault) return sendFault(req, reply, e);
        throw e;
      }
    });

    scope.get<{ Querystring: Record<string, string> }>(
      SERVICE_PATH,
      { config: { op: 'WSDL' } },
      async (req, reply) => {
        if (!Object.keys(req.query).some((k) => k.toLowerCase() === 'wsdl')) {
          return reply
            .code(405)
            .header('allow', 'POST')
            .type('text/plain; charset=utf-8')
            .send('POST a SOAP 1.1 envelope here, or GET ?wsdl for the service description.');
        }
        // The Host header is the caller's: escaped, it cannot inject markup into the description.
        const address = `${req.protocol}://${req.host}${SERVICE_PATH}`;
        return reply.type(CONTENT_TYPE).send(WSDL.replaceAll('{{SERVICE_ADDRESS}}', escapeAttr(address)));
      },
    );
  });
}
