import type { StandInContext } from '@onething/legacy-kit';
import type { FastifyInstance } from 'fastify';
import { MarketError } from '../errors';
import { licenceToWire } from '../wire-licences';

/**
 * Licences and notices an approval issued (电子证照): `GET /api/applications/{applicationNo}/licences`
 * lists them, signed; `GET /api/licences/{licenceNo}/file` downloads one's PDF.
 */
export function licenceRoutes(app: FastifyInstance, ctx: StandInContext): void {
  app.get<{ Params: { applicationNo: string } }>(
    '/api/applications/:applicationNo/licences',
    { config: { op: 'licences.list' } },
    async (req) => {
      const { applicationNo } = req.params;
      req.logged?.keys.push(applicationNo);
      const docs = await ctx.documents.ofCase(applicationNo);
      if (docs === 'no-case') throw new MarketError('NOT_FOUND', `未找到申请 ${applicationNo}`);
      if (docs === 'not-issued')
        throw new MarketError('LICENCE_NOT_ISSUED', `申请 ${applicationNo} 尚未核准，未发放证照`);
      return { items: docs.map((d) => licenceToWire(d, ctx.documents)) };
    },
  );

  app.get<{ Params: { licenceNo: string } }>(
    '/api/licences/:licenceNo/file',
    { config: { op: 'licences.file' } },
    async (req, reply) => {
      const { licenceNo } = req.params;
      req.logged?.keys.push(licenceNo);
      const doc = await ctx.documents.byNumber(licenceNo);
      if (!doc) throw new MarketError('LICENCE_NOT_ISSUED', `未发放证照 ${licenceNo}`);
      return reply
        .type(doc.contentType)
        .header('content-disposition', `attachment; filename="${encodeURIComponent(doc.number)}.pdf"`)
        .send(doc.content);
    },
  );
}
