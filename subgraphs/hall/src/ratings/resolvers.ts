import { listLimit, subgraphError } from '@onething/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import { type ActingDeps, actingFor } from '../acting/for-request';
import type { OnBehalfOfArg } from '../acting/resolve-acting';
import { applicantOf } from '../applicant';
import type { Application } from '../applications/model';
import type { Applications } from '../applications/store';
import type { HallContext } from '../context';
import type {
  ApplicantFollowUpView,
  FollowUpStatus,
  MutationRateServiceArgs,
  Resolvers,
} from '../generated/resolvers-types';
import { hallId } from '../ids';
import { batchedRead } from '../platform/request-batches';
import { overdueDues } from './follow-up-machine';
import { RATING_REASONS } from './reasons';
import type { RatingService } from './service';
import { type FollowUp, type FollowUpOfRating, type Rating, WINDOW_DEPARTMENT } from './store';

type Ctx = HallContext;

const FOLLOW_UPS = { max: 200 } as const;
const iso = (d: Date | null) => d?.toISOString() ?? null;
const isStaff = (ctx: Ctx) => ['window-staff', 'department-staff', 'supervisor'].includes(ctx.identity.role);

/**
 * Whether one who may read an application sees one of its ratings: a department's staff only those of
 * their own department's parts (the other departments' and the window's are not theirs to judge).
 */
const seesRating = (identity: Ctx['identity'], r: Pick<Rating, 'department'>): boolean =>
  identity.role !== 'department-staff' ||
  (r.department !== null && identity.departments.includes(r.department));

export interface RatingResolverDeps {
  readonly ratingService: RatingService;
  readonly apps: Applications;
  readonly acting: ActingDeps;
}

/** 好差评, 一事一评: rating parts and the window, the reasons, the follow-ups of bad ratings, satisfaction. */
export function ratingResolvers({ ratingService, apps, acting }: RatingResolverDeps): Resolvers {
  // The ratings of every application of a list in one read (the request's batches).
  const ratingsOf = (ctx: Ctx, info: GraphQLResolveInfo) =>
    batchedRead(ctx.loaders.batches, info, 'ratings', (ids) => ratingService.ofApplications(ids), []);
  /** A rating as resolved, its follow-up carried when already read (undefined: read when asked). */
  const ratingShape = (r: Rating, followUp: FollowUp | null | undefined) => ({
    ...r,
    __typename: 'ServiceRating' as const,
    followUpRow: followUp,
  });
  const followUpShape = (f: FollowUpOfRating) => ({ ...f, __typename: 'RatingFollowUp' as const });
  const applicationShape = (a: Application) => ({ ...a, __typename: 'Application' as const });
  /** An application's bundle, for `onBehalfOf` (a delegation is judged by its bundle; unknown: by none). */
  const bundleOf = async (id: string) => (await apps.get(id))?.bundleCode ?? null;
  const rateWindow = async (
    ctx: Ctx,
    args: { applicationId: string; level: number; comment?: string | null },
  ) => {
    const applicant = applicantOf(ctx, 'only an applicant rates applications, their own');
    // The deprecated one rating is the window's; it asked for no reasons, so a bad one gives 其他 (OTHER).
    return applicationShape(
      await ratingService.rate(
        { applicant: { ...applicant, name: '' }, channel: 'ONLINE' },
        hallId('applicationId', args.applicationId, 'an application'),
        {
          window: { level: args.level, reasons: args.level <= 2 ? ['OTHER'] : [], comment: args.comment },
          parts: [],
        },
      ),
    );
  };

  return {
    Query: {
      ratingReasons: () => RATING_REASONS.map((r) => ({ code: r.value, text: { zh: r.zh, en: r.en } })),
      ratingFollowUps: async (
        _: unknown,
        args: {
          status?: FollowUpStatus | null;
          department?: string | null;
          overdueOnly: boolean;
          limit: number;
        },
        ctx: Ctx,
      ) =>
        (
          await ratingService.followUps(ctx.identity, {
            status: args.status ?? null,
            department: args.department?.toLowerCase() ?? null,
            overdueOnly: args.overdueOnly,
            limit: listLimit('hall', 'limit', args.limit, FOLLOW_UPS),
          })
        ).map(followUpShape),
      satisfaction: async (_: unknown, { by }: { by: 'ITEM' | 'DEPARTMENT' }, ctx: Ctx) => {
        if (ctx.identity.role !== 'window-staff' && ctx.identity.role !== 'department-staff')
          throw subgraphError('FORBIDDEN', 'hall', 'this view is for window and department staff');
        return (await ratingService.satisfaction(by)).map((r) => ({
          ...r,
          department: r.department.toUpperCase(),
        }));
      },
    },
    Mutation: {
      rateService: async (_: unknown, { input, onBehalfOf }: MutationRateServiceArgs, ctx: Ctx) => {
        const applicationId = hallId('input.applicationId', input.applicationId, 'an application');
        const bundleCode = onBehalfOf?.delegationId ? await bundleOf(applicationId) : null;
        const who = await actingFor(acting, ctx, onBehalfOf as OnBehalfOfArg | null, bundleCode);
        return applicationShape(
          await ratingService.rate(who, applicationId, {
            window: input.window ? { ...input.window, reasons: input.window.reasons ?? [] } : null,
            parts: (input.parts ?? []).map((p) => ({
              ...p,
              partId: hallId('input.parts.partId', p.partId, 'a part of an application'),
              reasons: p.reasons ?? [],
            })),
          }),
        );
      },
      rateApplication: async (
        _: unknown,
        args: { applicationId: string; level: number; comment?: string | null },
        ctx: Ctx,
      ) => rateWindow(ctx, args),
      recordCallBack: async (_: unknown, args: { followUpId: string; note: string }, ctx: Ctx) =>
        followUpShape(
          await ratingService.recordCallBack(
            ctx.identity,
            hallId('followUpId', args.followUpId, 'a follow-up'),
            args.note,
          ),
        ),
      recordRectification: async (
        _: unknown,
        args: { followUpId: string; rectification: string },
        ctx: Ctx,
      ) =>
        followUpShape(
          await ratingService.recordRectification(
            ctx.identity,
            hallId('followUpId', args.followUpId, 'a follow-up'),
            args.rectification,
          ),
        ),
      answerFollowUp: async (
        _: unknown,
        args: {
          followUpId: string;
          view: ApplicantFollowUpView;
          comment?: string | null;
          onBehalfOf?: OnBehalfOfArg | null;
        },
        ctx: Ctx,
      ) => {
        const id = hallId('followUpId', args.followUpId, 'a follow-up');
        // An agent answers only within the bundles their delegation covers, as they rated.
        const bundleCode = args.onBehalfOf?.delegationId ? await ratingService.bundleOfFollowUp(id) : null;
        const who = await actingFor(acting, ctx, args.onBehalfOf, bundleCode);
        return followUpShape(await ratingService.answer(who.applicant, id, args.view, args.comment ?? null));
      },
      closeFollowUp: async (_: unknown, args: { followUpId: string }, ctx: Ctx) =>
        followUpShape(
          await ratingService.close(ctx.identity, hallId('followUpId', args.followUpId, 'a follow-up')),
        ),
    },
    Application: {
      // A department's staff see the ratings of their own department's parts, not another's nor the window's.
      ratings: async (a: Application, _: unknown, ctx: Ctx, info: GraphQLResolveInfo) =>
        (await ratingsOf(ctx, info)(a.id))
          .filter((x) => seesRating(ctx.identity, x.rating))
          .map((x) => ratingShape(x.rating, x.followUp)),
      rating: async (a: Application, _: unknown, ctx: Ctx, info: GraphQLResolveInfo) => {
        const r = (await ratingsOf(ctx, info)(a.id)).find((x) => x.rating.target === 'WINDOW')?.rating;
        if (r && !seesRating(ctx.identity, r)) return null;
        return r ? { level: r.level, comment: r.comment, ratedAt: r.ratedAt.toISOString() } : null;
      },
    },
    ServiceRating: {
      department: (r: Rating) => r.department?.toUpperCase() ?? null,
      ratedAt: (r: Rating) => r.ratedAt.toISOString(),
      part: async (r: Rating) => {
        if (!r.partId) return null;
        const p = await apps.part(r.partId);
        return p ? { ...p, __typename: 'ApplicationPart' as const } : null;
      },
      // The applicant reads their ratings' follow-ups; staff those they see (a department its own).
      followUp: async (r: Rating & { followUpRow?: FollowUp | null }, _: unknown, ctx: Ctx) => {
        const f =
          r.followUpRow !== undefined
            ? r.followUpRow
            : (await ratingService.ofApplication(r.applicationId)).find((x) => x.rating.id === r.id)
                ?.followUp;
        if (!f || (isStaff(ctx) && !ratingService.sees(ctx.identity, f))) return null;
        return followUpShape({ ...f, rating: r });
      },
    },
    RatingFollowUp: {
      rating: (f: FollowUpOfRating) => ratingShape(f.rating, f),
      applicationId: (f: FollowUpOfRating) => f.rating.applicationId,
      department: (f: FollowUpOfRating) =>
        f.department === WINDOW_DEPARTMENT ? null : f.department.toUpperCase(),
      overdue: (f: FollowUpOfRating) => overdueDues(f, ratingService.now()).length > 0,
      openedAt: (f: FollowUpOfRating) => f.openedAt.toISOString(),
      callBackDue: (f: FollowUpOfRating) => f.callBackDue.toISOString(),
      rectifyDue: (f: FollowUpOfRating) => f.rectifyDue.toISOString(),
      calledBackAt: (f: FollowUpOfRating) => iso(f.calledBackAt),
      rectifiedAt: (f: FollowUpOfRating) => iso(f.rectifiedAt),
      closedAt: (f: FollowUpOfRating) => iso(f.closedAt),
      // Staff's names and subjects are the staff's; the applicant reads only who called them back.
      calledBackBy: (f: FollowUpOfRating, _: unknown, ctx: Ctx) => (isStaff(ctx) ? f.calledBackBy : null),
      rectifiedBy: (f: FollowUpOfRating, _: unknown, ctx: Ctx) => (isStaff(ctx) ? f.rectifiedBy : null),
      closedBy: (f: FollowUpOfRating, _: unknown, ctx: Ctx) => (isStaff(ctx) ? f.closedBy : null),
      officerName: (f: FollowUpOfRating) => f.calledBackBy?.name ?? null,
    },
    StaffNotice: {
      followUp: async (n: { followUpId?: string | null }, _: unknown, ctx: Ctx) => {
        if (!n.followUpId) return null;
        const f = await ratingService.followUpFor(ctx.identity, n.followUpId);
        return f ? followUpShape(f) : null;
      },
    },
  } as Resolvers;
}
