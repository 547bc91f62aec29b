import type { Selectable } from 'kysely';
import type { StaffRef } from '../acting/acting';
import type { Database } from '../platform/database';
import type { RatingFollowUpTable, RatingTable } from '../platform/schema';
import type { Queryable } from '../platform/unit-of-work';
import type { ApplicantView, FollowUpChange, FollowUpStatus } from './follow-up-machine';
import type { RatingReasonCode } from './reasons';

/** A rating (好差评) of one target of an application: a department's part, or the window's service. */
export interface Rating {
  readonly id: string;
  readonly applicationId: string;
  /** The part rated; null for the window's service. */
  readonly partId: string | null;
  readonly target: 'PART' | 'WINDOW';
  /** The part's department key; null for the window. */
  readonly department: string | null;
  readonly itemCode: string | null;
  /** The window: the application's responsible officer's subject, when it has one. */
  readonly officerSubject: string | null;
  readonly centre: string | null;
  readonly level: number;
  readonly reasons: readonly RatingReasonCode[];
  readonly comment: string | null;
  readonly channel: 'ONLINE' | 'WINDOW';
  readonly ratedAt: Date;
}

/** The department a window rating's follow-up is assigned to. */
export const WINDOW_DEPARTMENT = 'window';

/** The follow-up of a bad rating (差评): called back, rectified, answered by the applicant. */
export interface FollowUp {
  readonly id: string;
  readonly ratingId: string;
  /** The part's department key, or `window`. */
  readonly department: string;
  readonly centre: string | null;
  readonly status: FollowUpStatus;
  readonly openedAt: Date;
  readonly callBackDue: Date;
  readonly rectifyDue: Date;
  readonly calledBackAt: Date | null;
  readonly callBackNote: string | null;
  readonly calledBackBy: StaffRef | null;
  readonly rectifiedAt: Date | null;
  readonly rectification: string | null;
  readonly rectifiedBy: StaffRef | null;
  readonly applicantView: ApplicantView | null;
  readonly applicantComment: string | null;
  readonly closedAt: Date | null;
  readonly closedBy: StaffRef | null;
}

/** A follow-up with the rating it follows. */
export interface FollowUpOfRating extends FollowUp {
  readonly rating: Rating;
}

const date = (d: Date | string | null) => (d ? new Date(d) : null);

const toRating = (r: Selectable<RatingTable>): Rating => ({
  id: r.id,
  applicationId: r.application_id,
  partId: r.part_id,
  target: r.target as Rating['target'],
  department: r.department,
  itemCode: r.item_code,
  officerSubject: r.officer_subject,
  centre: r.centre,
  level: r.level,
  reasons: r.reasons as RatingReasonCode[],
  comment: r.comment,
  channel: r.channel as Rating['channel'],
  ratedAt: new Date(r.rated_at),
});

const toFollowUp = (r: Selectable<RatingFollowUpTable>): FollowUp => ({
  id: r.id,
  ratingId: r.rating_id,
  department: r.department,
  centre: r.centre,
  status: r.status as FollowUpStatus,
  openedAt: new Date(r.opened_at),
  callBackDue: new Date(r.call_back_due),
  rectifyDue: new Date(r.rectify_due),
  calledBackAt: date(r.called_back_at),
  callBackNote: r.call_back_note,
  calledBackBy: r.called_back_by as StaffRef | null,
  rectifiedAt: date(r.rectified_at),
  rectification: r.rectification,
  rectifiedBy: r.rectified_by as StaffRef | null,
  applicantView: r.applicant_view as ApplicantView | null,
  applicantComment: r.applicant_comment,
  closedAt: date(r.closed_at),
  closedBy: r.closed_by as StaffRef | null,
});

const json = (v: unknown) => (v === undefined ? undefined : v === null ? null : JSON.stringify(v));

/** What the staff's list of follow-ups is narrowed by. */
export interface FollowUpFilter {
  readonly status?: FollowUpStatus | null;
  /** Department keys (`tax`, `window`); undefined: every one. */
  readonly departments?: readonly string[];
  /** A centre's (and those of no centre); undefined: every centre. */
  readonly centre?: string;
  /** Past a due not met at this instant. */
  readonly overdueAt?: Date | null;
  readonly limit: number;
}

/**
 * Ratings and their follow-ups: the one module that knows their tables' columns (it takes and answers
 * domain values), and the one that writes them.
 */
export class Ratings {
  constructor(private readonly db: Database) {}

  /**
   * Stores ratings and the follow-ups of the bad ones, in the caller's transaction. False when a target
   * was rated meanwhile (the unique index: a part once, the window once): the caller rolls back.
   */
  async add(tx: Queryable, ratings: readonly Rating[], followUps: readonly FollowUp[]): Promise<boolean> {
    if (ratings.length === 0) return true;
    const stored = await tx
      .insertInto('ratings')
      .values(
        ratings.map((r) => ({
          id: r.id,
          application_id: r.applicationId,
          part_id: r.partId,
          target: r.target,
          department: r.department,
          item_code: r.itemCode,
          officer_subject: r.officerSubject,
          centre: r.centre,
          level: r.level,
          reasons: JSON.stringify(r.reasons),
          comment: r.comment,
          channel: r.channel,
          rated_at: r.ratedAt,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .execute();
    if (stored.length !== ratings.length) return false;
    if (followUps.length > 0)
      await tx
        .insertInto('rating_follow_ups')
        .values(
          followUps.map((f) => ({
            id: f.id,
            rating_id: f.ratingId,
            department: f.department,
            centre: f.centre,
            status: f.status,
            opened_at: f.openedAt,
            call_back_due: f.callBackDue,
            rectify_due: f.rectifyDue,
          })),
        )
        .execute();
    return true;
  }

  /** An application's ratings: the window's first, then its parts' in the bundle's order. */
  async ofApplication(applicationId: string): Promise<Rating[]> {
    return (await this.ofApplications([applicationId])).get(applicationId) ?? [];
  }

  /** The ratings of many applications in one read, by application: the window's first, then by part. */
  async ofApplications(applicationIds: readonly string[]): Promise<Map<string, Rating[]>> {
    const out = new Map<string, Rating[]>(applicationIds.map((id) => [id, []]));
    if (applicationIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('ratings')
      .leftJoin('parts', 'parts.id', 'ratings.part_id')
      .selectAll('ratings')
      .where('ratings.application_id', 'in', [...applicationIds])
      .orderBy('ratings.target', 'desc')
      .orderBy('parts.seq')
      .execute();
    for (const r of rows) out.get(r.application_id)?.push(toRating(r));
    return out;
  }

  /** The follow-ups of ratings, by rating id. */
  async followUpsOf(ratingIds: readonly string[]): Promise<Map<string, FollowUp>> {
    if (ratingIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('rating_follow_ups')
      .selectAll()
      .where('rating_id', 'in', ratingIds)
      .execute();
    return new Map(rows.map((r) => [r.rating_id, toFollowUp(r)]));
  }

  /** A follow-up with its rating. */
  async followUp(id: string, tx: Queryable = this.db): Promise<FollowUpOfRating | undefined> {
    const f = await tx.selectFrom('rating_follow_ups').selectAll().where('id', '=', id).executeTakeFirst();
    if (!f) return undefined;
    const r = await tx
      .selectFrom('ratings')
      .selectAll()
      .where('id', '=', f.rating_id)
      .executeTakeFirstOrThrow();
    return { ...toFollowUp(f), rating: toRating(r) };
  }

  /**
   * Carries out a transition of the follow-up machine, if the follow-up is still in the state it was
   * judged in (two staff at once: the second changes nothing and is answered undefined).
   */
  async change(
    tx: Queryable,
    id: string,
    from: FollowUpStatus,
    c: FollowUpChange,
  ): Promise<FollowUp | undefined> {
    const row = await tx
      .updateTable('rating_follow_ups')
      .set({
        status: c.status,
        called_back_at: c.calledBackAt,
        call_back_note: c.callBackNote,
        called_back_by: json(c.calledBackBy),
        rectified_at: c.rectifiedAt,
        rectification: c.rectification,
        rectified_by: json(c.rectifiedBy),
        applicant_view: c.applicantView,
        applicant_comment: c.applicantComment,
        closed_at: c.closedAt,
        closed_by: json(c.closedBy),
      })
      .where('id', '=', id)
      .where('status', '=', from)
      .returningAll()
      .executeTakeFirst();
    return row ? toFollowUp(row) : undefined;
  }

  /** Follow-ups with their ratings, newest first, narrowed as staff see them. */
  async list(filter: FollowUpFilter): Promise<FollowUpOfRating[]> {
    let q = this.db
      .selectFrom('rating_follow_ups as f')
      .innerJoin('ratings as r', 'r.id', 'f.rating_id')
      .selectAll('f')
      .select([
        'r.application_id as r_application_id',
        'r.part_id as r_part_id',
        'r.target as r_target',
        'r.department as r_department',
        'r.item_code as r_item_code',
        'r.officer_subject as r_officer_subject',
        'r.centre as r_centre',
        'r.level as r_level',
        'r.reasons as r_reasons',
        'r.comment as r_comment',
        'r.channel as r_channel',
        'r.rated_at as r_rated_at',
      ]);
    if (filter.status) q = q.where('f.status', '=', filter.status);
    if (filter.departments) {
      if (filter.departments.length === 0) return [];
      q = q.where('f.department', 'in', filter.departments);
    }
    const centre = filter.centre;
    if (centre !== undefined)
      q = q.where((eb) => eb.or([eb('f.centre', '=', centre), eb('f.centre', 'is', null)]));
    const at = filter.overdueAt;
    if (at)
      q = q.where((eb) =>
        eb.or([
          eb.and([eb('f.status', '=', 'OPEN'), eb('f.call_back_due', '<', at)]),
          eb.and([eb('f.status', 'in', ['OPEN', 'CALLED_BACK']), eb('f.rectify_due', '<', at)]),
        ]),
      );
    const rows = await q.orderBy('f.opened_at', 'desc').orderBy('f.id').limit(filter.limit).execute();
    return rows.map((row) => ({
      ...toFollowUp(row),
      rating: toRating({
        id: row.rating_id,
        application_id: row.r_application_id,
        part_id: row.r_part_id,
        target: row.r_target,
        department: row.r_department,
        item_code: row.r_item_code,
        officer_subject: row.r_officer_subject,
        centre: row.r_centre,
        level: row.r_level,
        reasons: row.r_reasons,
        comment: row.r_comment,
        channel: row.r_channel,
        rated_at: row.r_rated_at,
      }),
    }));
  }

  /** The parts' ratings with their items and departments, for satisfaction reports. */
  async partRatings(): Promise<{ itemCode: string; department: string; level: number }[]> {
    const rows = await this.db
      .selectFrom('ratings')
      .select(['item_code', 'department', 'level'])
      .where('target', '=', 'PART')
      .execute();
    return rows.map((r) => ({ itemCode: r.item_code ?? '', department: r.department ?? '', level: r.level }));
  }
}
