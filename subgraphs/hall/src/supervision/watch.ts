import type { Logger } from '@onething/runtime';
import type { ApplicationService } from '../applications/service';
import type { Applications } from '../applications/store';
import type { Clock } from '../calendar/clock';
import type { Database } from '../platform/database';
import type { UnitOfWork } from '../platform/unit-of-work';
import type { CalendarYears } from './calendar-years';
import { type StaffNoticeDraft, StaffNotices } from './staff-notices';

/**
 * E-supervision's watch (电子监察): every sweep, each open part whose running time is one working day or
 * less from its deadline (yellow) notifies its department's staff and the application's responsible
 * officer; one past it (red) notifies the centre's supervisors and the department. Once per part, flag,
 * audience and deadline: a deadline moved by a stopped clock is told of again when it comes near. Time
 * stopped for a correction or a declared exclusion does not count (the parts are not flagged then).
 * Each sweep first takes the calendar years another hall process loaded, and also watches what else is
 * given it (`alsoWatch`: bad ratings' follow-ups past their dues).
 */
export class SupervisionWatch {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;

  constructor(
    private readonly deps: {
      readonly db: Database;
      readonly uow: UnitOfWork;
      readonly apps: Applications;
      readonly service: ApplicationService;
      readonly calendarYears: CalendarYears;
      readonly clock: Clock;
      readonly intervalMs: number;
      readonly log: Logger;
      /**
       * Other deadlines the sweep watches, each answering how many notices it wrote: a bad rating's
       * follow-up past its call-back or rectification (ratings/service.ts `flagOverdue`).
       */
      readonly alsoWatch?: readonly (() => Promise<number>)[];
    },
  ) {}

  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.sweep().catch((err: unknown) => this.deps.log.error({ err }, 'supervision sweep failed'));
    };
    this.timer = setInterval(tick, this.deps.intervalMs);
    this.timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping?.catch(() => undefined);
  }

  /** One sweep (one at a time per process); answers how many notices were new. */
  sweep(): Promise<number> {
    this.sweeping ??= this.once().finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  private async once(): Promise<number> {
    await this.deps.calendarYears.refresh();
    let added = await this.timeLimits();
    for (const watch of this.deps.alsoWatch ?? []) added += await watch();
    return added;
  }

  /** Parts going yellow and red. */
  private async timeLimits(): Promise<number> {
    const { apps, service, clock, db } = this.deps;
    const now = clock.now();
    const flagged = (await apps.openParts(undefined)).flatMap((part) => {
      const s = service.supervision(part, now);
      return s && s.flag !== 'GREEN' ? [{ part, ...s }] : [];
    });
    if (flagged.length === 0) return 0;
    const ids = [...new Set(flagged.map((f) => f.part.applicationId))];
    const owners = new Map(
      (
        await db
          .selectFrom('applications')
          .select(['id', 'centre', 'responsible_subject'])
          .where('id', 'in', ids)
          .execute()
      ).map((r) => [r.id, r]),
    );
    const drafts: StaffNoticeDraft[] = [];
    for (const { part, flag, workingDaysLeft } of flagged) {
      const owner = owners.get(part.applicationId);
      const kind = flag === 'RED' ? 'PART_RED' : 'PART_YELLOW';
      const base = {
        partId: part.id,
        applicationId: part.applicationId,
        kind,
        occasion: part.deadline ?? '',
        params: {
          itemCode: part.itemCode,
          caseNumber: part.caseNumber,
          deadline: part.deadline,
          workingDaysLeft,
        },
      } as const;
      drafts.push({ ...base, audience: 'DEPARTMENT', audienceKey: part.department });
      if (flag === 'YELLOW' && owner?.responsible_subject)
        drafts.push({ ...base, audience: 'OFFICER', audienceKey: owner.responsible_subject });
      if (flag === 'RED') drafts.push({ ...base, audience: 'SUPERVISOR', audienceKey: owner?.centre ?? '' });
    }
    const added = await this.deps.uow((tx) => StaffNotices.add(tx, drafts, now));
    if (added > 0) this.deps.log.info({ added, flagged: flagged.length }, 'staff notified of time limits');
    return added;
  }
}
