import { listLimit, type SubgraphContext, subgraphError } from '@onething/subgraph-kit';
import { applicantOf } from '../applicant';
import type { Resolvers } from '../generated/resolvers-types';
import { NOTICE } from './kinds';
import type { Notice, Notices } from './store';

type Ctx = SubgraphContext<Record<string, unknown>>;

const NOTICES = { max: 200 } as const;

const noticeShape = (n: Notice) => ({
  id: n.id,
  kind: n.kind,
  applicationId: n.applicationId,
  text: { zh: NOTICE[n.kind].zh(n.params), en: NOTICE[n.kind].en(n.params) },
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
  textStatus: n.textStatus,
  textSentAt: n.textSentAt?.toISOString() ?? null,
  textReportedAt: n.textReportedAt?.toISOString() ?? null,
});

/** The applicant's inbox: their own notices only, read and marked read by them. */
export function noticeResolvers({ notices }: { readonly notices: Notices }): Resolvers {
  const me = (ctx: Ctx) =>
    applicantOf(ctx, 'notices are their applicant’s own: sign in as the applicant').idNumber;
  return {
    Query: {
      myNotices: async (_: unknown, args: { limit: number; unreadOnly: boolean }, ctx: Ctx) =>
        (await notices.mine(me(ctx), listLimit('hall', 'limit', args.limit, NOTICES), args.unreadOnly)).map(
          noticeShape,
        ),
      myUnreadNoticeCount: (_: unknown, __: unknown, ctx: Ctx) => notices.unread(me(ctx)),
    },
    Mutation: {
      markNoticesRead: async (_: unknown, { ids }: { ids: string[] }, ctx: Ctx) => {
        if (ids.length > 200)
          throw subgraphError('INVALID_INPUT', 'hall', `mark at most 200 notices at once; got ${ids.length}`);
        return notices.markRead(me(ctx), ids, new Date());
      },
    },
  } as Resolvers;
}
