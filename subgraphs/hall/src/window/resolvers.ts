import type { Identity } from '@onething/runtime/identity';
import { type SubgraphContext, subgraphError } from '@onething/subgraph-kit';
import type { IdentityCheckMethod } from '../acting/acting';
import type { Application } from '../applications/model';
import { sameCentre } from '../applications/service';
import type { Applications } from '../applications/store';
import type { Clock } from '../calendar/clock';
import type { AuditTrail } from '../consent/audit-trail';
import type { Resolvers } from '../generated/resolvers-types';
import { hallId } from '../ids';
import { invalidInput } from '../invalid-input';
import type { SupergraphClient } from '../platform/supergraph-client';
import { openWindowVisit } from './open-visit';
import { type StaffSeen, staffRef } from './staff';
import type { WindowVisit, WindowVisits } from './visits';

type Ctx = SubgraphContext<unknown>;

export interface WindowResolverDeps {
  readonly client: SupergraphClient;
  readonly audit: AuditTrail;
  readonly visits: WindowVisits;
  readonly staff: StaffSeen;
  readonly apps: Applications;
  readonly clock: Clock;
}

const visitShape = (v: WindowVisit) => ({
  ...v,
  knownTo: v.knownTo.map((d) => d.toUpperCase()),
  openedAt: v.openedAt.toISOString(),
  expiresAt: v.expiresAt.toISOString(),
});

const applicationShape = (a: Application) => ({ ...a, __typename: 'Application' as const });

/** Window staff only, recorded as seen (whom applications may be handed over to). */
async function windowStaff(staff: StaffSeen, ctx: Ctx, what: string): Promise<Identity> {
  if (ctx.identity.role !== 'window-staff')
    throw subgraphError('FORBIDDEN', 'hall', `${what} is for window staff`);
  await staff.seen(ctx.identity);
  return ctx.identity;
}

/**
 * The window's resolvers (一窗受理, 首问负责): opening a walk-in's visit after checking their identity,
 * reading it back, the officers an application may be handed to, taking responsibility and handing over.
 */
export function windowResolvers({
  client,
  audit,
  visits,
  staff,
  apps,
  clock,
}: WindowResolverDeps): Resolvers {
  /** An application a window officer may act on (their centre's or of none yet), or NOT_FOUND. */
  const ofCentre = async (officer: Identity, applicationId: string): Promise<Application> => {
    const a = await apps.get(applicationId);
    if (!a || !sameCentre(officer, a))
      throw subgraphError('NOT_FOUND', 'hall', `no application ${applicationId} in your centre's queue`);
    return a;
  };

  return {
    Query: {
      windowVisit: async (_: unknown, { id }: { id: string }, ctx: Ctx) => {
        const officer = await windowStaff(staff, ctx, 'a window visit');
        const v = await visits.ofOfficer(hallId('id', id, 'a window visit'), officer.subject);
        return v ? visitShape(v) : null;
      },
      windowOfficers: async (_: unknown, __: unknown, ctx: Ctx) => {
        const officer = await windowStaff(staff, ctx, 'the list of window officers');
        return staff.officers(officer.centre ?? null);
      },
    },
    Mutation: {
      openWindowVisit: async (
        _: unknown,
        args: { applicantIdNumber: string; identityCheck: IdentityCheckMethod },
        ctx: Ctx,
      ) => {
        const officer = await windowStaff(staff, ctx, 'opening a window visit');
        const { visit, problems } = await openWindowVisit(
          officer,
          args.applicantIdNumber,
          args.identityCheck,
          {
            client,
            audit,
            visits,
            now: clock.now(),
          },
        );
        return { visit: visit ? visitShape(visit) : null, problems };
      },
      takeResponsibility: async (_: unknown, { applicationId }: { applicationId: string }, ctx: Ctx) => {
        const officer = await windowStaff(staff, ctx, 'taking responsibility for an application');
        const id = hallId('applicationId', applicationId, 'an application');
        const a = await ofCentre(officer, id);
        if (a.responsibleOfficer)
          throw invalidInput(
            `${a.responsibleOfficer.name} (${a.responsibleOfficer.subject}) is already responsible for application ${id}: they hand it over (handOverApplication)`,
            'applicationId',
            'responsibility.taken',
            `该申请已由${a.responsibleOfficer.name}负责，请由其移交`,
          );
        const taken = await apps.handOver(id, null, staffRef(officer), null, null, clock.now());
        if (!taken)
          throw invalidInput(
            `another officer took application ${id} meanwhile`,
            'applicationId',
            'responsibility.taken',
            '该申请刚刚已由其他工作人员负责',
          );
        return applicationShape(taken);
      },
      handOverApplication: async (
        _: unknown,
        args: { applicationId: string; toOfficer: string; reason?: string | null },
        ctx: Ctx,
      ) => {
        const officer = await windowStaff(staff, ctx, 'handing an application over');
        const id = hallId('applicationId', args.applicationId, 'an application');
        const a = await ofCentre(officer, id);
        const current = a.responsibleOfficer;
        if (current && current.subject !== officer.subject)
          throw subgraphError(
            'FORBIDDEN',
            'hall',
            `${current.name} (${current.subject}) is responsible for application ${id}: only they hand it over`,
          );
        const reason = args.reason?.trim() || null;
        if (reason && [...reason].length > 500)
          throw invalidInput(
            'a reason is at most 500 characters',
            'reason',
            'handover.reason',
            '移交原因最多500字',
          );
        const to = await staff.officer(args.toOfficer);
        if (
          !to ||
          !sameCentre({ ...officer, centre: officer.centre }, { centre: to.centre }) ||
          to.subject === officer.subject
        )
          throw invalidInput(
            `${args.toOfficer} is not a window officer of your centre the hall has seen (windowOfficers), other than you`,
            'toOfficer',
            'handover.unknownOfficer',
            '接收人不是本中心的窗口工作人员（或是您本人）',
          );
        const handed = await apps.handOver(
          id,
          current?.subject ?? null,
          to,
          current ?? staffRef(officer),
          reason,
          clock.now(),
        );
        if (!handed)
          throw invalidInput(
            `application ${id} changed hands meanwhile: read it again`,
            'applicationId',
            'handover.changed',
            '该申请的负责人刚刚已变更，请刷新后重试',
          );
        return applicationShape(handed);
      },
    },
    WindowVisit: {
      officer: (v: { officer: unknown }) => v.officer,
    },
  };
}
