import type { SubgraphContext } from '@onething/subgraph-kit';
import { type ActingDeps, actingFor } from '../acting/for-request';
import type { OnBehalfOfArg } from '../acting/resolve-acting';
import type { BundleCatalogue } from '../catalogue/bundle-catalogue';
import { bundleShape } from '../catalogue/resolvers';
import type { MutationSaveDraftArgs, Resolvers } from '../generated/resolvers-types';
import { hallId } from '../ids';
import type { Uploads } from '../materials/uploads';
import type { Draft, Drafts } from './drafts';

type Ctx = SubgraphContext<unknown>;

export interface DraftResolverDeps {
  readonly drafts: Drafts;
  readonly catalogue: BundleCatalogue;
  readonly uploads: Uploads;
  readonly acting: ActingDeps;
}

const draftShape = (d: Draft) => ({
  ...d,
  updatedAt: d.updatedAt.toISOString(),
  expiresAt: d.expiresAt.toISOString(),
});

/**
 * Drafts of the one form (草稿): saved unchecked, the applicant's whoever saves them — online, their agent,
 * or a window officer in a visit — so a form started online is finished at a window and the reverse.
 */
export function draftResolvers({ drafts, catalogue, uploads, acting }: DraftResolverDeps): Resolvers {
  return {
    Query: {
      myDrafts: async (_: unknown, { onBehalfOf }: { onBehalfOf?: OnBehalfOfArg | null }, ctx: Ctx) => {
        const a = await actingFor(acting, ctx, onBehalfOf, null);
        const all = await drafts.list(a.applicant.idNumber, acting.clock.now());
        // Under a delegation, only the drafts of bundles in its scope… as the lookup judges each bundle.
        if (!a.delegationId) return all.map(draftShape);
        const inScope: Draft[] = [];
        for (const d of all) {
          try {
            await actingFor(acting, ctx, onBehalfOf, d.bundleCode);
            inScope.push(d);
          } catch {
            // Out of the delegation's scope: not the agent's to see.
          }
        }
        return inScope.map(draftShape);
      },
    },
    Mutation: {
      saveDraft: async (_: unknown, { input, onBehalfOf }: MutationSaveDraftArgs, ctx: Ctx) => {
        const bundle = catalogue.bundleOr(input.bundleCode);
        const a = await actingFor(acting, ctx, onBehalfOf, bundle.code);
        return draftShape(
          await drafts.save(
            a,
            {
              draftId: input.draftId ? hallId('input.draftId', input.draftId, 'a draft') : null,
              bundleCode: bundle.code,
              options: input.options ?? [],
              values: input.values ?? [],
              materials: input.materials ?? [],
              prefillId: input.prefillId ?? null,
              enterpriseUscc: input.enterpriseUscc ?? null,
            },
            acting.clock.now(),
          ),
        );
      },
      discardDraft: async (
        _: unknown,
        args: { draftId: string; onBehalfOf?: OnBehalfOfArg | null },
        ctx: Ctx,
      ) => {
        const id = hallId('draftId', args.draftId, 'a draft');
        const now = acting.clock.now();
        // The scope of a delegation is judged by the draft's bundle.
        const who = await actingFor(acting, ctx, args.onBehalfOf, null);
        const bundleCode = args.onBehalfOf?.delegationId
          ? ((await drafts.get(who.applicant.idNumber, id, now))?.bundleCode ?? null)
          : null;
        const a = bundleCode ? await actingFor(acting, ctx, args.onBehalfOf, bundleCode) : who;
        return draftShape(await drafts.discard(a.applicant.idNumber, id, now));
      },
    },
    Draft: {
      bundle: (d: Draft) => {
        const b = catalogue.bundle(d.bundleCode);
        return b ? bundleShape(b) : null;
      },
      materials: async (d: Draft) => {
        const found = await uploads.forApplicant(
          d.applicantIdNumber,
          d.materials.map((m) => m.uploadId),
        );
        const byId = new Map(found.map((u) => [u.id, u]));
        return d.materials.map((m) => {
          const u = byId.get(m.uploadId);
          return {
            id: m.id,
            upload: u ? { ...u, uploadedAt: u.uploadedAt.toISOString(), url: `/materials/${u.id}` } : null,
          };
        });
      },
    },
  };
}
