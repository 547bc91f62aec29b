import { listLimit, type SubgraphContext, subgraphError } from '@onething/subgraph-kit';
import type { Part } from '../applications/model';
import type { Applications } from '../applications/store';
import type { WorkingDayCalendar } from '../calendar/working-days';
import type { BundleCatalogue } from '../catalogue/bundle-catalogue';
import type { Resolvers } from '../generated/resolvers-types';
import { hallId } from '../ids';
import type { CalendarYearInput, CalendarYearLoad, CalendarYears } from './calendar-years';
import type { StaffNotice, StaffNotices } from './staff-notices';
import type { Urge, Urges } from './urges';

type Ctx = SubgraphContext<Record<string, unknown>>;

const NOTICES = { max: 200 } as const;
const STAFF = new Set(['window-staff', 'department-staff', 'supervisor']);

export interface SupervisionResolverDeps {
  readonly apps: Applications;
  readonly catalogue: BundleCatalogue;
  readonly calendar: WorkingDayCalendar;
  readonly staffNotices: StaffNotices;
  readonly urges: Urges;
  readonly calendarYears: CalendarYears;
}

const urgeShape = (u: Urge) => ({
  id: u.id,
  message: u.message,
  urgedBy: u.urgedBy,
  urgedAt: u.urgedAt.toISOString(),
  answer: u.answer,
  answeredBy: u.answeredBy,
  answeredAt: u.answeredAt?.toISOString() ?? null,
});

/** What a staff notice says, with the item's name and the case's number. */
function noticeText(n: StaffNotice, itemName: { zh: string; en: string }): { zh: string; en: string } {
  const p = n.params;
  const caseZh = p.caseNumber ? `（办件号 ${p.caseNumber}）` : '';
  const caseEn = p.caseNumber ? ` (case ${p.caseNumber})` : '';
  switch (n.kind) {
    case 'PART_YELLOW':
      return {
        zh: `黄灯预警：“${itemName.zh}”${caseZh}将于 ${p.deadline} 到期，剩余 ${p.workingDaysLeft} 个工作日。`,
        en: `Yellow: ${itemName.en}${caseEn} is due on ${p.deadline}, ${p.workingDaysLeft} working day(s) left.`,
      };
    case 'PART_RED':
      return {
        zh: `红灯：“${itemName.zh}”${caseZh}已于 ${p.deadline} 超期，超期 ${-(p.workingDaysLeft ?? 0)} 个工作日。`,
        en: `Red: ${itemName.en}${caseEn} was due on ${p.deadline}, overdue by ${-(p.workingDaysLeft ?? 0)} working day(s).`,
      };
    case 'URGED':
      return {
        zh: `${p.by} 催办“${itemName.zh}”${caseZh}：${p.text}`,
        en: `${p.by} urges ${itemName.en}${caseEn}: ${p.text}`,
      };
    case 'URGE_ANSWERED':
      return {
        zh: `“${itemName.zh}”${caseZh}的催办已答复（${p.by}）：${p.text}`,
        en: `${p.by} answered the urge on ${itemName.en}${caseEn}: ${p.text}`,
      };
    case 'BAD_RATING': {
      const what =
        p.target === 'WINDOW'
          ? { zh: '窗口服务', en: 'the window’s service' }
          : { zh: `“${itemName.zh}”${caseZh}`, en: `${itemName.en}${caseEn}` };
      const said = p.text ? { zh: `：${p.text}`, en: `: ${p.text}` } : { zh: '', en: '' };
      return {
        zh: `差评：申请人对${what.zh}评价为“${p.levelName?.zh ?? p.level}”${said.zh}。请于 ${p.deadline} 前整改反馈，并先行回访。`,
        en: `Bad rating: the applicant rated ${what.en} ${p.levelName?.en.toLowerCase() ?? p.level}${said.en}. Call them back, and rectify by ${p.deadline}.`,
      };
    }
    case 'FOLLOW_UP_OVERDUE': {
      const what =
        p.target === 'WINDOW'
          ? { zh: '窗口服务', en: 'the window’s service' }
          : { zh: `“${itemName.zh}”${caseZh}`, en: `${itemName.en}${caseEn}` };
      return p.due === 'CALL_BACK'
        ? {
            zh: `差评回访超期：${what.zh}的差评应于 ${p.deadline} 前回访申请人，尚未回访。`,
            en: `Call-back overdue: the bad rating of ${what.en} was to be called back by ${p.deadline}.`,
          }
        : {
            zh: `差评整改超期：${what.zh}的差评应于 ${p.deadline} 前整改反馈，尚未整改。`,
            en: `Rectification overdue: the bad rating of ${what.en} was to be rectified by ${p.deadline}.`,
          };
    }
  }
}

function yearShape(y: ReturnType<WorkingDayCalendar['years']>[number], load: CalendarYearLoad | undefined) {
  return {
    year: y.year,
    notice: y.notice,
    source: y.source,
    holidays: y.schedule.holidays.map(([from, to, name]) => ({ from, to, name })),
    workdays: [...y.schedule.workdays],
    loadedBy: y.source === 'LOADED' ? (load?.loadedBy ?? null) : null,
    loadedAt: y.source === 'LOADED' ? (load?.loadedAt.toISOString() ?? null) : null,
  };
}

/** E-supervision for staff: their notices, urges (催办) and answers, and the calendar's years. */
export function supervisionResolvers(deps: SupervisionResolverDeps): Resolvers {
  const { apps, catalogue, calendar, staffNotices, urges, calendarYears } = deps;
  const staffOnly = (ctx: Ctx, what: string) => {
    if (!STAFF.has(ctx.identity.role)) throw subgraphError('FORBIDDEN', 'hall', `${what} are for staff`);
  };
  const itemName = (code: string) => catalogue.items.get(code)?.name ?? { zh: code, en: code };
  const years = async () => {
    const loads = await calendarYears.loads();
    return calendar.years().map((y) =>
      yearShape(
        y,
        loads.find((l) => l.year === y.year),
      ),
    );
  };
  return {
    Query: {
      staffNotices: async (_: unknown, args: { limit: number }, ctx: Ctx) => {
        staffOnly(ctx, 'staff notices');
        const list = await staffNotices.forStaff(
          ctx.identity,
          listLimit('hall', 'limit', args.limit, NOTICES),
        );
        // Every notice's part in one read, not one a notice.
        const partsOf = await apps.partsOf([...new Set(list.map((n) => n.applicationId))]);
        const parts = new Map([...partsOf.values()].flat().map((p) => [p.id, p]));
        return list.map((n) => ({
          id: n.id,
          kind: n.kind,
          audience: n.audience,
          applicationId: n.applicationId,
          part: { ...parts.get(n.partId)!, __typename: 'ApplicationPart' as const },
          urgeId: n.params.urgeId ?? null,
          followUpId: n.params.followUpId ?? null,
          text: noticeText(n, itemName(n.params.itemCode)),
          deadline: n.params.deadline ?? null,
          workingDaysLeft: n.params.workingDaysLeft ?? null,
          createdAt: n.createdAt.toISOString(),
        }));
      },
      calendarYears: async (_: unknown, __: unknown, ctx: Ctx) => {
        staffOnly(ctx, 'the calendar’s years');
        return years();
      },
    },
    Mutation: {
      urgePart: async (_: unknown, args: { partId: string; message: string }, ctx: Ctx) =>
        urgeShape(
          await urges.urge(
            ctx.identity,
            hallId('partId', args.partId, 'a part of an application'),
            args.message,
          ),
        ),
      answerUrge: async (_: unknown, args: { urgeId: string; answer: string }, ctx: Ctx) =>
        urgeShape(await urges.answer(ctx.identity, hallId('urgeId', args.urgeId, 'an urge'), args.answer)),
      loadCalendarYear: async (_: unknown, { input }: { input: CalendarYearInput }, ctx: Ctx) => {
        const { load, deadlinesMoved } = await calendarYears.load(ctx.identity, input);
        const year = calendar.years().find((y) => y.year === load.year)!;
        return { year: yearShape(year, load), deadlinesMoved };
      },
    },
    StaffNotice: {
      urge: async (n: { urgeId: string | null }) => {
        const u = n.urgeId ? await urges.get(n.urgeId) : undefined;
        return u ? urgeShape(u) : null;
      },
    },
    ApplicationPart: {
      urges: async (p: Part, _: unknown, ctx: Ctx) => {
        const who = ctx.identity;
        const sees =
          who.role === 'supervisor' ||
          who.role === 'window-staff' ||
          (who.role === 'department-staff' && who.departments.includes(p.department));
        return sees ? (await urges.ofPart(p.id)).map(urgeShape) : [];
      },
    },
  } as Resolvers;
}
