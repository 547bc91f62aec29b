import type { FastifyInstance } from 'fastify';
import { FUND_CODES, missingParams, Refusal } from '../codes';
import { registerService } from '../service';
import { documentToWire } from '../wire-documents';
import type { FundRouteContext } from './context';

/**
 * 证照查询 `zzcx`: the documents an approved case issued (电子证照), each signed, with its file in base64;
 * E3003 for an unknown case, E3006 while it is not approved (nothing issued yet).
 */
export function registerDocumentServices(app: FastifyInstance, f: FundRouteContext): void {
  registerService(app, f.auth, 'zzcx', async (p, req) => {
    if (!p.slbh) throw missingParams(['slbh']);
    req.logged?.keys.push(p.slbh);
    const docs = await f.ctx.documents.ofCase(p.slbh);
    if (docs === 'no-case') throw new Refusal('E3003', `${FUND_CODES.E3003}：${p.slbh}`);
    if (docs === 'not-issued') throw new Refusal('E3006', `${FUND_CODES.E3006}：${p.slbh}尚未办结`);
    return { list: docs.map((d) => documentToWire(d, f.ctx.documents)) };
  });
}
