import { DEPARTMENT, type DepartmentKey } from '@onething/schema';
import { instantArgument, listLimit, type SubgraphContext, subgraphError } from '@onething/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { Acting } from '../acting/acting';
import { type ActingDeps, actingFor } from '../acting/for-request';
import type { OnBehalfOfArg } from '../acting/resolve-acting';
import { applicantOf as signedInApplicant } from '../applicant';
import { beijingDate } from '../calendar/working-days';
import type { BundleCatalogue } from '../catalogue/bundle-catalogue';
import { itemReference } from '../catalogue/items';
import { bundleShape } from '../catalogue/resolvers';
import { dispatchProblem } from '../dispatch/problem';
import type { MutationSubmitApplicationArgs, Resolvers } from '../generated/resolvers-types';
import { hallId } from '../ids';
import type { Upload, Uploads } from '../materials/uploads';
import type { DeclareClockStopInput } from './clock-stops';
import type { Application, ApplicationStatus, Part, PartClockStop } from './model';
import { type ApplicationReads, readsFor } from './reads';
import type { ApplicationService } from './service';
import type { Applications } from './store';

type Ctx = SubgraphContext<{ applications?: ApplicationReads }>;

const iso = (d: Date | null) => d?.toISOString() ?? null;
const department = (d: string) => d.toUpperCase();
/** A department named in an argument (`TAX`) as the store keeps it (`tax`). */
const departmentArg = (d: string | null | undefined) => d?.toLowerCase() ?? null;

/** The signed-in applicant, or FORBIDDEN: applications are handed in by applicants, for themselves. */
function applicantOf(ctx: Ctx, values?: readonly { key: string; value: string }[]) {
  return {
    ...signedInApplicant(ctx, 'only an applicant hands in and corrects applications, their own'),
    name: values?.find((v) => v.key === 'applicant.name')?.value.trim() ?? '',
  };
}

/** `asOf` of a supervision argument, default now; refused outside the years the hall answers for. */
const asOfArg = (asOf: string | null | undefined) => instantArgument('hall', 'asOf', asOf);
/** Most applications a list gives at once. */
const APPLICATIONS = { max: 500 } as const;

export interface ApplicationResolverDeps {
  readonly service: ApplicationService;
  readonly apps: Applications;
  readonly catalogue: BundleCatalogue;
  readonly uploads: Uploads;
  readonly acting: ActingDeps;
}

/** The applicant named as the form names them (`applicant.name`), else as the visit or delegation does. */
const withFormName = (acting: Acting, values: readonly { key: string; value: string }[]): Acting => ({
  ...acting,
  applicant: {
    ...acting.applicant,
    name: values.find((v) => v.key === 'applicant.name')?.value.trim() || acting.applicant.name,
  },
});

/** The resolvers of applications: submission, corrections, retries, the queue and e-supervision. */
export function applicationResolvers({
  service,
  apps,
  catalogue,
  uploads,
  acting: actingDeps,
}: ApplicationResolverDeps): Resolvers {
  const uploadShape = (u: Upload) => ({
    ...u,
    uploadedAt: u.uploadedAt.toISOString(),
    url: `/materials/${u.id}`,
  });
  const applicationShape = (a: Application) => ({ ...a, __typename: 'Application' as const });
  const partShape = (p: Part) => ({ ...p, __typename: 'ApplicationPart' as const });
  const reads = (ctx: Ctx, info: GraphQLResolveInfo) => readsFor(ctx.loaders.applications, apps, info);

  return {
    Query: {
      myApplications: async (_: unknown, { limit }: { limit: number }, ctx: Ctx) =>
        (
          await apps.ofApplicant(applicantOf(ctx).idNumber, listLimit('hall', 'limit', limit, APPLICATIONS))
        ).map(applicationShape),
      application: async (_: unknown, { id }: { id: string }, ctx: Ctx, info: GraphQLResolveInfo) => {
        await actingDeps.staff.seen(ctx.identity);
        const a = await service.visible(ctx.identity, hallId('id', id, 'an application'), reads(ctx, info));
        return a ? applicationShape(a) : null;
      },
      applicationsAsAgent: async (_: unknown, { limit }: { limit: number }, ctx: Ctx) =>
        (
          await apps.ofAgent(
            signedInApplicant(
              ctx,
              'applications handed in as an agent are the agent’s to list: sign in as the agent',
            ).idNumber,
            listLimit('hall', 'limit', limit, APPLICATIONS),
          )
        ).map(applicationShape),
      myUploads: async (_: unknown, __: unknown, ctx: Ctx) =>
        (await uploads.list(applicantOf(ctx).idNumber)).map(uploadShape),
      applicationQueue: async (
        _: unknown,
        args: {
          department?: string | null;
          status?: ApplicationStatus | null;
          search?: string | null;
          mine?: boolean | null;
          asOf?: string | null;
          limit: number;
        },
        ctx: Ctx,
      ) => {
        await actingDeps.staff.seen(ctx.identity);
        const search = args.search?.trim();
        if (search !== undefined && ([...search].length < 1 || [...search].length > 50))
          throw subgraphError(
            'INVALID_INPUT',
            'hall',
            `search takes 1 to 50 characters (an application or case number, an ID number or a name); got ${[...search].length}`,
            {
              problems: [
                {
                  path: 'search',
                  rule: 'search.length',
                  message: {
                    zh: '搜索内容应为 1 至 50 个字：申请编号、受理编号、身份证号码或姓名',
                    en: 'search for 1 to 50 characters: an application or case number, an ID number or a name',
                  },
                },
              ],
            },
          );
        return (
          await service.queue(
            ctx.identity,
            departmentArg(args.department),
            asOfArg(args.asOf),
            listLimit('hall', 'limit', args.limit, APPLICATIONS),
            { status: args.status ?? null, search: search?.toLowerCase() ?? null, mine: args.mine ?? false },
          )
        ).map(applicationShape);
      },
      flaggedParts: async (
        _: unknown,
        args: { department?: string | null; asOf?: string | null },
        ctx: Ctx,
      ) =>
        (await service.flagged(ctx.identity, departmentArg(args.department), asOfArg(args.asOf))).map(
          (f) => ({ ...f, part: partShape(f.part) }),
        ),
      deadLetteredParts: async (_: unknown, args: { department?: string | null }, ctx: Ctx) =>
        (await service.deadLettered(ctx.identity, departmentArg(args.department))).map(partShape),
    },
    Mutation: {
      submitApplication: async (
        _: unknown,
        { input, onBehalfOf }: MutationSubmitApplicationArgs,
        ctx: Ctx,
      ) => {
        // The application is the applicant's whoever hands it in: online, at a window (the officer becomes
        // responsible for it), or by an agent.
        const acting = withFormName(
          await actingFor(actingDeps, ctx, onBehalfOf, input.bundleCode),
          input.values,
        );
        const result = await service.submit(acting, {
          ...input,
          options: input.options ?? [],
          materials: input.materials ?? [],
        });
        return {
          application: result.application ? applicationShape(result.application) : null,
          problems: result.problems,
          notChecked: result.notChecked,
        };
      },
      correctApplication: async (
        _: unknown,
        args: {
          applicationId: string;
          partId: string;
          values: { key: string; value: string }[];
          onBehalfOf?: OnBehalfOfArg | null;
        },
        ctx: Ctx,
      ) => {
        const applicationId = hallId('applicationId', args.applicationId, 'an application');
        // The bundle a delegation's scope is judged by is the application's (unknown: judged by none, and
        // the application is then not the principal's either).
        const bundleCode = args.onBehalfOf ? ((await apps.get(applicationId))?.bundleCode ?? null) : null;
        const acting = await actingFor(actingDeps, ctx, args.onBehalfOf, bundleCode);
        const result = await service.correct(
          acting.applicant,
          applicationId,
          hallId('partId', args.partId, 'a part of an application'),
          args.values,
        );
        return {
          application: result.application ? applicationShape(result.application) : null,
          problems: result.problems,
        };
      },
      declareClockStop: async (
        _: unknown,
        args: { partId: string; input: DeclareClockStopInput },
        ctx: Ctx,
      ) =>
        partShape(
          await service.declareClockStop(
            ctx.identity,
            hallId('partId', args.partId, 'a part of an application'),
            args.input,
          ),
        ),
      retryPart: async (_: unknown, { partId }: { partId: string }, ctx: Ctx) =>
        partShape(await service.retry(ctx.identity, hallId('partId', partId, 'a part of an application'))),
    },
    Application: {
      __resolveReference: async ({ id }: { id: string }, ctx: Ctx) => {
        const a = await service.visible(ctx.identity, id);
        return a ? applicationShape(a) : null;
      },
      bundle: (a: Application) => {
        const b = catalogue.bundle(a.bundleCode);
        return b ? bundleShape(b) : null;
      },
      submittedAt: (a: Application) => a.submittedAt.toISOString(),
      completedAt: (a: Application) => iso(a.completedAt),
      parts: async (a: Application, _: unknown, ctx: Ctx, info: GraphQLResolveInfo) =>
        (await reads(ctx, info).parts(a.id)).map(partShape),
      materials: async (a: Application) => {
        const found = await uploads.forApplicant(
          a.applicantIdNumber,
          a.materials.map((m) => m.uploadId),
        );
        const byId = new Map(found.map((u) => [u.id, u]));
        return a.materials.map((m) => {
          const u = byId.get(m.uploadId);
          return { id: m.id, upload: u ? uploadShape(u) : null };
        });
      },
      intake: (a: Application) => a.intake,
      responsibleOfficer: (a: Application) => a.responsibleOfficer,
      handovers: async (a: Application) =>
        (await apps.handovers(a.id)).map((h) => ({ ...h, at: h.at.toISOString() })),
      flag: async (
        a: Application,
        { asOf }: { asOf?: string | null },
        ctx: Ctx,
        info: GraphQLResolveInfo,
      ) => {
        const when = asOfArg(asOf);
        const flags = (await reads(ctx, info).parts(a.id))
          .map((p) => service.supervision(p, when)?.flag)
          .filter((f) => f !== undefined);
        if (flags.length === 0) return null;
        return flags.includes('RED') ? 'RED' : flags.includes('YELLOW') ? 'YELLOW' : 'GREEN';
      },
    },
    ApplicationPart: {
      application: async (p: Part) => {
        const a = await apps.get(p.applicationId);
        return a ? applicationShape(a) : null;
      },
      item: (p: Part) => itemReference(p.department, p.itemCode),
      name: (p: Part) => catalogue.items.get(p.itemCode)?.name ?? { zh: p.itemCode, en: p.itemCode },
      department: (p: Part) => department(p.department),
      case: (p: Part) =>
        p.caseNumber
          ? {
              __typename: DEPARTMENT[p.department as DepartmentKey].caseType,
              caseNumber: p.caseNumber,
            }
          : null,
      acceptedAt: (p: Part) => iso(p.acceptedAt),
      statusAt: (p: Part) => iso(p.statusAt),
      deadLetteredAt: (p: Part) => iso(p.deadLetteredAt),
      // The detail may name internal systems: for window staff and the part's department's staff only.
      lastError: (p: Part, _: unknown, ctx: Ctx) =>
        dispatchProblem(
          p.lastErrorCode,
          p.lastError,
          ctx.identity.role === 'window-staff' ||
            (ctx.identity.role === 'department-staff' && ctx.identity.departments.includes(p.department)),
        ),
      result: (p: Part) => Object.entries(p.result).map(([key, value]) => ({ key, value })),
      promisedLimitDays: (p: Part) => p.promisedDays,
      clock: (p: Part, { asOf }: { asOf?: string | null }) => {
        const r = service.clockOf(p, asOfArg(asOf));
        const stop = (s: PartClockStop) => ({
          reason: s.reason,
          from: s.from,
          until: s.until,
          declaredDays: s.declaredDays,
          workingDays: service.stoppedDays(s),
          department: (s.by.kind === 'department' ? s.by.department : p.department).toUpperCase(),
          declaredBy: s.by.kind === 'staff' ? { subject: s.by.subject, name: s.by.name, centre: null } : null,
          note: s.note,
          recordedAt: s.at.toISOString(),
        });
        return {
          state: r.state,
          startedOn: p.acceptedAt ? beijingDate(p.acceptedAt) : null,
          promisedWorkingDays: p.promisedDays,
          deadline: r.deadline,
          suspendedWorkingDays: r.suspendedWorkingDays,
          stoppedBy: r.stoppedBy ? stop(r.stoppedBy as PartClockStop) : null,
          stops: p.clockStops.map(stop),
          unknownCalendarYears: [...r.unknownYears],
        };
      },
      supervision: (p: Part, { asOf }: { asOf?: string | null }) => {
        const s = service.supervision(p, asOfArg(asOf));
        return s ? { ...s, deadline: p.deadline } : null;
      },
    },
    Case: { __resolveType: (c) => c.__typename },
  };
}
