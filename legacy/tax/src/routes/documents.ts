import type { FastifyInstance } from 'fastify';
import { ok, refuse } from '../envelope';
import { documentToWire } from '../wire-documents';
import type { TaxDeps } from './deps';

/**
 * Issued documents (电子证照): `GET /api/v1/cases/{case_no}/documents` lists a case's, signed;
 * `GET /api/v1/documents/{doc_no}/file` gives one's file (the PDF's bytes).
 */
export function documentRoutes(app: FastifyInstance, { ctx }: TaxDeps): void {
  app.get<{ Params: { case_no: string } }>(
    '/cases/:case_no/documents',
    { config: { op: 'documents.list' } },
    async (req, reply) => {
      req.logged?.keys.push(req.params.case_no);
      const docs = await ctx.documents.ofCase(req.params.case_no);
      if (docs === 'no-case') return refuse(req, reply, '3003', { msg: `案件不存在：${req.params.case_no}` });
      if (docs === 'not-issued')
        return refuse(req, reply, '3006', { msg: `案件尚未办结，未签发证照：${req.params.case_no}` });
      return ok({ documents: docs.map((d) => documentToWire(d, ctx.documents)) });
    },
  );

  app.get<{ Params: { doc_no: string } }>(
    '/documents/:doc_no/file',
    { config: { op: 'documents.file' } },
    async (req, reply) => {
      req.logged?.keys.push(req.params.doc_no);
      const doc = await ctx.documents.byNumber(req.params.doc_no);
      if (!doc) return refuse(req, reply, '3006', { msg: `证照不存在：${req.params.doc_no}` });
      return reply.type(doc.contentType).send(doc.content);
    },
  );
}
