import type { GraphQLResolveInfo } from 'graphql';
import type { ActingDeps } from '../acting/for-request';
import { actingFor } from '../acting/for-request';
import type { OnBehalfOfArg } from '../acting/resolve-acting';
import type { Application } from '../applications/model';
import type { HallContext } from '../context';
import type { Resolvers } from '../generated/resolvers-types';
import { batchedRead } from '../platform/request-batches';
import { type Documents, type HeldDocument, seesDocument } from './store';

type Ctx = HallContext;

/** Where a document's file is downloaded, through the gateway (papers/routes.ts serves it). */
export const documentPath = (id: string) => `/papers/documents/${id}.pdf`;

export const documentShape = (d: HeldDocument) => ({
  id: d.id,
  number: d.number,
  materialId: d.materialId,
  name: d.name,
  kind: d.kind,
  department: d.department.toUpperCase(),
  issuer: d.issuer,
  issuedAt: d.issuedAt.toISOString(),
  holderIdNumber: d.holderIdNumber,
  holderName: d.holderName,
  subject: d.subject,
  applicationId: d.applicationId,
  bundleCode: d.bundleCode,
  itemCode: d.itemCode,
  caseNumber: d.caseNumber,
  contentType: d.contentType,
  size: d.size,
  sha256: d.sha256,
  downloadPath: documentPath(d.id),
  signature: d.signature,
  keptAt: d.keptAt.toISOString(),
});

export interface DocumentResolverDeps {
  readonly documents: Documents;
  readonly acting: ActingDeps;
}

/**
 * 我的证照: an applicant's documents (their own, or a walk-in's at the window, or within a delegation's
 * bundles a principal's), and the documents of an application for whoever may read it.
 */
export function documentResolvers({ documents, acting }: DocumentResolverDeps): Resolvers {
  return {
    Query: {
      myDocuments: async (_: unknown, { onBehalfOf }: { onBehalfOf?: OnBehalfOfArg | null }, ctx: Ctx) => {
        const a = await actingFor(acting, ctx, onBehalfOf, null);
        const all = await documents.of([a.applicant.idNumber]);
        if (!a.delegationId) return all.map(documentShape);
        // An agent sees the principal's documents of the bundles their delegation covers, as judged per bundle.
        const inScope = new Map<string, boolean>();
        const shown: HeldDocument[] = [];
        for (const d of all) {
          if (!inScope.has(d.bundleCode))
            inScope.set(
              d.bundleCode,
              await actingFor(acting, ctx, onBehalfOf, d.bundleCode).then(
                () => true,
                () => false,
              ),
            );
          if (inScope.get(d.bundleCode)) shown.push(d);
        }
        return shown.map(documentShape);
      },
    },
    Application: {
      // The application was read as its reader may see it: its documents go with it, a department's
      // staff seeing their own department's only.
      // The documents of every application of a list in one read (the request's batches).
      documents: async (a: Application, _: unknown, ctx: Ctx, info: GraphQLResolveInfo) =>
        (
          await batchedRead(
            ctx.loaders.batches,
            info,
            'documents',
            (ids) => documents.ofApplications(ids),
            [],
          )(a.id)
        )
          .filter((d) => seesDocument(ctx.identity, d))
          .map(documentShape),
    },
  } as Resolvers;
}
