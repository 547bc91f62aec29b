import { randomUUID } from 'node:crypto';
import type { Identity } from '@onething/runtime/identity';
import { subgraphError } from '@onething/subgraph-kit';
import type { Acting } from '../acting/acting';
import type { Part } from '../applications/model';
import { ofACentre, sameCentre } from '../applications/service';
import type { Applications } from '../applications/store';
import type { Clock } from '../calendar/clock';
import { beijingDate, type WorkingDayCalendar } from '../calendar/working-days';
import type { BundleCatalogue } from '../catalogue/bundle-catalogue';
import type { UnitOfWork } from '../platform/unit-of-work';
import type { StaffNoticeDraft } from '../supervision/staff-notices';
import { StaffNotices } from '../supervision/staff-notices';
import { staffRef } from '../window/staff';
import {
  type ApplicantView,
  type FollowUpEvent,
  type FollowUpStatus,
  followUpTransition,
  overdueDues,
} from './follow-up-machine';
import { BAD_LEVEL, RATING_LEVELS, RATING_REASON_CODES, type RatingReasonCode } from './reasons';
import { type FollowUp, type FollowUpOfRating, type Rating, type Ratings, WINDOW_DEPARTMENT } from './store';
import { checkRating, type RateServiceInput, type RatingProblem } from './validation';

/** The longest call-back note, rectification or applicant's comment, in characters. */
export const MAX_FOLLOW_UP_TEXT = 500;

/** How long a follow-up has, in working days from the bad rating (settings.ts says where each comes from). */
export interface FollowUpDays {
  readonly callBack: number;
  readonly rectify: number;
}

const invalid = (problems: readonly RatingProblem[]) =>
  subgraphError('INVALID_INPUT', 'hall', problems.map((p) => `${p.path}: ${p.message.en}`).join('; '), {
    problems,
  });

/** Reasons as stored: in the national list's order, whatever order they were ticked in. */
const inListOrder = (reasons: readonly RatingReasonCode[]) =>
  RATING_REASON_CODES.filter((code) => reasons.includes(code));

/** A level's name as the registry gives it (非常不满意…). */
function levelName(level: number): { zh: string; en: string } {
  const named = RATING_LEVELS.find((l) => l.level === level);
  return named ? { zh: named.zh, en: named.en } : { zh: String(level), en: String(level) };
}

/** The end of a Beijing date: a due met on its day is met. */
const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`);

/**
 * 好差评, 一事一评 (国办发〔2019〕51号): each department's part and the window's service rated once each, by
 * the applicant (or their agent, or at the window for a walk-in); every bad rating (差评) followed up in
 * the same transaction: its department's staff told, called back within a working day, rectified within
 * fifteen, the applicant's view of it asked; a follow-up past a due is told to the department and the
 * supervisors (`flagOverdue`, from the supervision sweep).
 */
export class RatingService {
  constructor(
    private readonly deps: {
      readonly apps: Applications;
      readonly ratings: Ratings;
      readonly uow: UnitOfWork;
      readonly calendar: WorkingDayCalendar;
      readonly catalogue: BundleCatalogue;
      readonly clock: Clock;
      readonly days: FollowUpDays;
    },
  ) {}

  /** A part's name as the applicant reads it. */
  private partName(p: Pick<Part, 'itemCode'>) {
    return this.deps.catalogue.items.get(p.itemCode)?.name ?? { zh: p.itemCode, en: p.itemCode };
  }

  /** Rates an application's finished parts and (once done) its window's service; every problem at once. */
  async rate(acting: Pick<Acting, 'applicant' | 'channel'>, applicationId: string, input: RateServiceInput) {
    const { apps, ratings, uow, clock } = this.deps;
    const application = await apps.get(applicationId);
    if (!application || application.applicantIdNumber !== acting.applicant.idNumber)
      throw subgraphError('NOT_FOUND', 'hall', `no application ${applicationId} of yours`);
    const parts = await apps.parts(application.id);
    const before = await ratings.ofApplication(application.id);
    const problems = checkRating(input, {
      status: application.status,
      parts: parts.map((p) => ({ id: p.id, status: p.status, name: this.partName(p) })),
      windowRated: before.some((r) => r.target === 'WINDOW'),
      partsRated: new Set(before.flatMap((r) => (r.partId ? [r.partId] : []))),
    });
    if (problems.length > 0) throw invalid(problems);

    const now = clock.now();
    const base = {
      applicationId: application.id,
      centre: application.centre,
      ratedAt: now,
      channel: acting.channel,
    };
    const given: Rating[] = [];
    if (input.window)
      given.push({
        ...base,
        id: randomUUID(),
        partId: null,
        target: 'WINDOW',
        department: null,
        itemCode: null,
        officerSubject: application.responsibleOfficer?.subject ?? null,
        level: input.window.level,
        reasons: input.window.level <= BAD_LEVEL ? inListOrder(input.window.reasons) : [],
        comment: input.window.comment?.trim() || null,
      });
    for (const g of input.parts) {
      const part = parts.find((p) => p.id === g.partId)!;
      given.push({
        ...base,
        id: randomUUID(),
        partId: part.id,
        target: 'PART',
        department: part.department,
        itemCode: part.itemCode,
        officerSubject: null,
        level: g.level,
        reasons: g.level <= BAD_LEVEL ? inListOrder(g.reasons) : [],
        comment: g.comment?.trim() || null,
      });
    }
    const followUps = given.filter((r) => r.level <= BAD_LEVEL).map((r) => this.open(r, now));
    const stored = await uow(async (tx) => {
      if (!(await ratings.add(tx, given, followUps))) return false;
      const drafts = followUps.map((f) => {
        const r = given.find((x) => x.id === f.ratingId)!;
        return this.notices(r, f, parts, 'BAD_RATING', f.id);
      });
      await StaffNotices.add(tx, drafts.flat(), now);
      return true;
    });
    // Rated meanwhile (twice at once): the unique index kept one, this one is refused as a second.
    if (!stored)
      throw invalid([
        {
          path: 'applicationId',
          rule: 'rating.already',
          message: { zh: '已评价', en: 'rated already meanwhile' },
        },
      ]);
    return application;
  }

  /** The follow-up a bad rating opens: its dues counted in working days from today (Beijing). */
  private open(r: Rating, now: Date): FollowUp {
    const today = beijingDate(now);
    const { calendar, days } = this.deps;
    return {
      id: randomUUID(),
      ratingId: r.id,
      department: r.department ?? WINDOW_DEPARTMENT,
      centre: r.centre,
      status: 'OPEN',
      openedAt: now,
      callBackDue: endOf(calendar.addWorkingDays(today, days.callBack)),
      rectifyDue: endOf(calendar.addWorkingDays(today, days.rectify)),
      calledBackAt: null,
      callBackNote: null,
      calledBackBy: null,
      rectifiedAt: null,
      rectification: null,
      rectifiedBy: null,
      applicantView: null,
      applicantComment: null,
      closedAt: null,
      closedBy: null,
    };
  }

  /**
   * The staff notices of a follow-up: a part's to its department's staff; the window's to the centre's
   * supervisors and its responsible officer; an overdue one to the supervisors as well. A window rating's
   * notice hangs on the application's first part (a notice is always about a part).
   */
  private notices(
    r: Rating,
    f: FollowUp,
    parts: readonly Part[],
    kind: 'BAD_RATING' | 'FOLLOW_UP_OVERDUE',
    occasion: string,
    due?: 'CALL_BACK' | 'RECTIFY',
  ): StaffNoticeDraft[] {
    const part = parts.find((p) => p.id === r.partId) ?? [...parts].sort((a, b) => a.seq - b.seq)[0];
    if (!part) return [];
    const base = {
      partId: part.id,
      applicationId: r.applicationId,
      kind,
      occasion,
      params: {
        itemCode: part.itemCode,
        caseNumber: r.target === 'PART' ? part.caseNumber : null,
        deadline: beijingDate(due === 'CALL_BACK' ? f.callBackDue : f.rectifyDue),
        text: r.comment ?? '',
        followUpId: f.id,
        target: r.target,
        level: r.level,
        levelName: levelName(r.level),
        ...(due ? { due } : {}),
      },
    } as const;
    const out: StaffNoticeDraft[] = [];
    if (r.target === 'PART') out.push({ ...base, audience: 'DEPARTMENT', audienceKey: f.department });
    else if (r.officerSubject) out.push({ ...base, audience: 'OFFICER', audienceKey: r.officerSubject });
    if (r.target === 'WINDOW' || kind === 'FOLLOW_UP_OVERDUE')
      out.push({ ...base, audience: 'SUPERVISOR', audienceKey: f.centre ?? '' });
    return out;
  }

  /** The window's rating of an application (the deprecated `Application.rating`). */
  /** An application's ratings, each with its follow-up (if bad). */
  async ofApplication(applicationId: string): Promise<{ rating: Rating; followUp: FollowUp | null }[]> {
    return (await this.ofApplications([applicationId])).get(applicationId) ?? [];
  }

  /** The ratings of many applications in two reads, each with its follow-up (if bad), by application. */
  async ofApplications(
    applicationIds: readonly string[],
  ): Promise<Map<string, { rating: Rating; followUp: FollowUp | null }[]>> {
    const byApplication = await this.deps.ratings.ofApplications(applicationIds);
    const followUps = await this.deps.ratings.followUpsOf(
      [...byApplication.values()].flat().map((r) => r.id),
    );
    return new Map(
      [...byApplication].map(([id, list]) => [
        id,
        list.map((rating) => ({ rating, followUp: followUps.get(rating.id) ?? null })),
      ]),
    );
  }

  /**
   * The follow-ups a member of staff sees: a department's staff their departments', the window staff
   * their centre's window follow-ups, the supervisors every follow-up of their centre.
   */
  async followUps(
    identity: Identity,
    filter: {
      status?: FollowUpStatus | null;
      department?: string | null;
      overdueOnly?: boolean | null;
      limit: number;
    },
  ): Promise<FollowUpOfRating[]> {
    const wanted = filter.department ? [filter.department] : undefined;
    const narrow = (mine: readonly string[]) => (wanted ? mine.filter((d) => wanted.includes(d)) : mine);
    let departments: readonly string[] | undefined;
    if (identity.role === 'department-staff') departments = narrow(identity.departments);
    else if (identity.role === 'window-staff') departments = narrow([WINDOW_DEPARTMENT]);
    else if (identity.role === 'supervisor') departments = wanted;
    else throw subgraphError('FORBIDDEN', 'hall', 'follow-ups of bad ratings are for staff');
    return this.deps.ratings.list({
      status: filter.status ?? null,
      departments,
      ...(ofACentre(identity) && identity.centre ? { centre: identity.centre } : {}),
      overdueAt: filter.overdueOnly ? this.deps.clock.now() : null,
      limit: filter.limit,
    });
  }

  /** Whether a member of staff sees a follow-up (see {@link followUps}). */
  sees(identity: Identity, f: FollowUp): boolean {
    if (identity.role === 'department-staff') return identity.departments.includes(f.department);
    if (identity.role === 'window-staff')
      return f.department === WINDOW_DEPARTMENT && sameCentre(identity, f);
    if (identity.role === 'supervisor') return sameCentre(identity, f);
    return false;
  }

  /** Whether a member of staff calls back and rectifies it: its department's staff; the window's, its centre's. */
  private handles(identity: Identity, f: FollowUp): boolean {
    if (f.department === WINDOW_DEPARTMENT) return ofACentre(identity) && sameCentre(identity, f);
    return identity.role === 'department-staff' && identity.departments.includes(f.department);
  }

  /** The follow-up a member of staff acts on: NOT_FOUND when they do not see it, FORBIDDEN when not theirs to do. */
  private async forStaff(identity: Identity, id: string, may: (f: FollowUp) => boolean, what: string) {
    const f = await this.deps.ratings.followUp(id);
    if (!f || !this.sees(identity, f))
      throw subgraphError('NOT_FOUND', 'hall', `no follow-up ${id} of yours`);
    if (!may(f)) throw subgraphError('FORBIDDEN', 'hall', what);
    return f;
  }

  /** 回访: the department (the window, for its own service) called the applicant back. */
  async recordCallBack(identity: Identity, id: string, note: string): Promise<FollowUpOfRating> {
    const f = await this.forStaff(
      identity,
      id,
      (x) => this.handles(identity, x),
      'a call-back is recorded by staff of the rated department (the window’s, by its centre’s window staff or supervisors)',
    );
    const text = this.text('note', note, 'followUp.note', '请写明回访情况');
    return this.apply(f, { type: 'callBack', note: text, by: staffRef(identity), at: this.deps.clock.now() });
  }

  /** 整改: what the department did about it. */
  async recordRectification(
    identity: Identity,
    id: string,
    rectification: string,
  ): Promise<FollowUpOfRating> {
    const f = await this.forStaff(
      identity,
      id,
      (x) => this.handles(identity, x),
      'a rectification is recorded by staff of the rated department (the window’s, by its centre’s window staff or supervisors)',
    );
    const text = this.text('rectification', rectification, 'followUp.rectification', '请写明整改措施');
    return this.apply(f, {
      type: 'rectify',
      rectification: text,
      by: staffRef(identity),
      at: this.deps.clock.now(),
    });
  }

  /** The bundle of the application a follow-up's rating is of (an agent's delegation is judged by it). */
  async bundleOfFollowUp(id: string): Promise<string | null> {
    const f = await this.deps.ratings.followUp(id);
    return (f && (await this.deps.apps.get(f.rating.applicationId))?.bundleCode) ?? null;
  }

  /** The applicant says whether the rectification satisfies them; either closes it (not satisfied is kept). */
  async answer(
    applicant: { idNumber: string },
    id: string,
    view: ApplicantView,
    comment: string | null,
  ): Promise<FollowUpOfRating> {
    const f = await this.deps.ratings.followUp(id);
    const application = f && (await this.deps.apps.get(f.rating.applicationId));
    if (!f || !application || application.applicantIdNumber !== applicant.idNumber)
      throw subgraphError('NOT_FOUND', 'hall', `no follow-up ${id} of your ratings`);
    const c = comment?.trim() ?? '';
    const problems: RatingProblem[] = [];
    if (view === 'NOT_SATISFIED' && c === '')
      problems.push({
        path: 'comment',
        rule: 'followUp.comment',
        message: { zh: '不满意时请写明原因', en: 'say why the rectification does not satisfy you' },
      });
    if ([...c].length > MAX_FOLLOW_UP_TEXT)
      problems.push({
        path: 'comment',
        rule: 'followUp.comment',
        message: { zh: `最多 ${MAX_FOLLOW_UP_TEXT} 字`, en: `at most ${MAX_FOLLOW_UP_TEXT} characters` },
      });
    if (problems.length > 0) throw invalid(problems);
    return this.apply(f, { type: 'answer', view, comment: c || null, at: this.deps.clock.now() });
  }

  /** A supervisor closes a rectified follow-up the applicant did not answer by its rectification's due. */
  async close(identity: Identity, id: string): Promise<FollowUpOfRating> {
    const f = await this.forStaff(
      identity,
      id,
      () => identity.role === 'supervisor',
      'a follow-up the applicant did not answer is closed by the centre’s supervisors',
    );
    return this.apply(f, { type: 'close', by: staffRef(identity), at: this.deps.clock.now() });
  }

  private text(path: string, value: string, rule: string, zh: string): string {
    const v = value.trim();
    if (v.length === 0 || [...v].length > MAX_FOLLOW_UP_TEXT)
      throw invalid([
        {
          path,
          rule,
          message: {
            zh: `${zh}（1 至 ${MAX_FOLLOW_UP_TEXT} 字）`,
            en: `write 1 to ${MAX_FOLLOW_UP_TEXT} characters`,
          },
        },
      ]);
    return v;
  }

  /** Carries an event of the machine out, refusing it named by the state it finds (then or meanwhile). */
  private async apply(f: FollowUpOfRating, event: FollowUpEvent): Promise<FollowUpOfRating> {
    const t = followUpTransition(f, event);
    const refuse = (rule: string, message: { zh: string; en: string }) =>
      invalid([{ path: 'followUpId', rule, message }]);
    if (!t.ok) throw refuse(t.rule, t.message);
    const changed = await this.deps.uow((tx) => this.deps.ratings.change(tx, f.id, f.status, t.change));
    if (!changed) {
      const now = (await this.deps.ratings.followUp(f.id))!;
      const again = followUpTransition(now, event);
      throw refuse(
        again.ok ? 'followUp.state' : again.rule,
        again.ok ? { zh: '已变更', en: 'changed meanwhile' } : again.message,
      );
    }
    return { ...changed, rating: f.rating };
  }

  /**
   * Tells staff of each follow-up past a due not met (its call-back, its rectification): the department
   * and the centre's supervisors (the window's: the supervisors and its officer), once per follow-up and
   * due however many hall processes sweep. Answers how many notices were new.
   */
  async flagOverdue(): Promise<number> {
    const now = this.deps.clock.now();
    const late = await this.deps.ratings.list({ overdueAt: now, limit: 10_000 });
    if (late.length === 0) return 0;
    const partsOf = await this.deps.apps.partsOf([...new Set(late.map((f) => f.rating.applicationId))]);
    const drafts = late.flatMap((f) =>
      overdueDues(f, now).flatMap((due) =>
        this.notices(
          f.rating,
          f,
          partsOf.get(f.rating.applicationId) ?? [],
          'FOLLOW_UP_OVERDUE',
          `${f.id}:${due}`,
          due,
        ),
      ),
    );
    return this.deps.uow((tx) => StaffNotices.add(tx, drafts, now));
  }

  /** The hall's now (a follow-up's `overdue`). */
  now(): Date {
    return this.deps.clock.now();
  }

  /** A follow-up a member of staff sees (a staff notice's), else undefined. */
  async followUpFor(identity: Identity, id: string): Promise<FollowUpOfRating | undefined> {
    const f = await this.deps.ratings.followUp(id);
    return f && this.sees(identity, f) ? f : undefined;
  }

  /** Satisfaction (好差评) with the parts, per item or per department: ratings, average, each level's count. */
  async satisfaction(by: 'ITEM' | 'DEPARTMENT') {
    const groups = new Map<
      string,
      { key: string; department: string; itemCode: string | null; levels: number[] }
    >();
    for (const r of await this.deps.ratings.partRatings()) {
      const key = by === 'ITEM' ? r.itemCode : r.department;
      const g = groups.get(key) ?? {
        key,
        department: r.department,
        itemCode: by === 'ITEM' ? r.itemCode : null,
        levels: [0, 0, 0, 0, 0],
      };
      g.levels[r.level - 1]!++;
      groups.set(key, g);
    }
    return [...groups.values()].map((g) => {
      const ratings = g.levels.reduce((a, b) => a + b, 0);
      const average = g.levels.reduce((sum, n, i) => sum + n * (i + 1), 0) / ratings;
      return { ...g, ratings, average: Math.round(average * 100) / 100 };
    });
  }
}
