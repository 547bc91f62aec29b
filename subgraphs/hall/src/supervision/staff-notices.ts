import { randomUUID } from 'node:crypto';
import type { Identity } from '@onething/runtime/identity';
import type { Selectable } from 'kysely';
import type { Database } from '../platform/database';
import type { StaffNoticeTable } from '../platform/schema';
import type { Queryable } from '../platform/unit-of-work';

/**
 * What staff are told: a part going yellow (one working day left, 黄灯预警) or red (overdue, 红灯), an urge
 * (催办) sent to a department, and its answer; a bad rating (差评) to follow up, and a follow-up past a due.
 */
export type StaffNoticeKind =
  | 'PART_YELLOW'
  | 'PART_RED'
  | 'URGED'
  | 'URGE_ANSWERED'
  | 'BAD_RATING'
  | 'FOLLOW_UP_OVERDUE';

/**
 * Who a staff notice is for: the part's department (its staff), the application's responsible window
 * officer (首问负责), or the supervisors of the application's centre.
 */
export type StaffAudience = 'DEPARTMENT' | 'OFFICER' | 'SUPERVISOR';

export interface StaffNoticeParams {
  /** The item's code and the department's case number, as the notice names them. */
  readonly itemCode: string;
  readonly caseNumber: string | null;
  /** The deadline flagged (yellow, red). */
  readonly deadline?: string | null;
  readonly workingDaysLeft?: number;
  /** An urge's message or answer, and who wrote it. */
  readonly text?: string;
  readonly by?: string;
  readonly urgeId?: string;
  /** A bad rating's follow-up, what was rated (a part, the window) at which level, and the due missed. */
  readonly followUpId?: string;
  readonly target?: 'PART' | 'WINDOW';
  readonly level?: number;
  /** The level's name (非常不满意…), as the ratings' registry names it. */
  readonly levelName?: { readonly zh: string; readonly en: string };
  readonly due?: 'CALL_BACK' | 'RECTIFY';
}

export interface StaffNotice {
  readonly id: string;
  readonly partId: string;
  readonly applicationId: string;
  readonly kind: StaffNoticeKind;
  readonly audience: StaffAudience;
  readonly audienceKey: string;
  readonly params: StaffNoticeParams;
  readonly createdAt: Date;
}

/** One notice to be written: `occasion` makes it once (the deadline flagged, the urge's id). */
export interface StaffNoticeDraft {
  readonly partId: string;
  readonly applicationId: string;
  readonly kind: StaffNoticeKind;
  readonly audience: StaffAudience;
  readonly audienceKey: string;
  readonly occasion: string;
  readonly params: StaffNoticeParams;
}

const toNotice = (r: Selectable<StaffNoticeTable>): StaffNotice => ({
  id: r.id,
  partId: r.part_id,
  applicationId: r.application_id,
  kind: r.kind as StaffNoticeKind,
  audience: r.audience as StaffAudience,
  audienceKey: r.audience_key,
  params: r.params as unknown as StaffNoticeParams,
  createdAt: new Date(r.created_at),
});

/** The audiences a member of staff belongs to: their departments, themselves as an officer, their centre. */
export function audiencesOf(identity: Identity): { audience: StaffAudience; key: string }[] {
  switch (identity.role) {
    case 'department-staff':
      return identity.departments.map((key) => ({ audience: 'DEPARTMENT', key }));
    case 'window-staff':
      return [{ audience: 'OFFICER', key: identity.subject }];
    case 'supervisor':
      // An application no centre has taken yet (handed in online) is every centre's, as it is in the queue.
      return [
        { audience: 'SUPERVISOR', key: identity.centre ?? '' },
        { audience: 'SUPERVISOR', key: '' },
      ];
    default:
      return [];
  }
}

/**
 * Staff's notices. A notice is written once per part, kind, audience and occasion however many hall
 * processes sweep at once (a unique key; the second insert changes nothing), in the transaction of the
 * urge or answer it tells of.
 */
export class StaffNotices {
  constructor(private readonly db: Database) {}

  /** Writes the notices not yet written; answers how many were new. */
  static async add(tx: Queryable, drafts: readonly StaffNoticeDraft[], now: Date): Promise<number> {
    if (drafts.length === 0) return 0;
    const r = await tx
      .insertInto('staff_notices')
      .values(
        drafts.map((d) => ({
          id: randomUUID(),
          part_id: d.partId,
          application_id: d.applicationId,
          kind: d.kind,
          audience: d.audience,
          audience_key: d.audienceKey,
          occasion: d.occasion,
          params: JSON.stringify(d.params),
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['part_id', 'kind', 'audience', 'audience_key', 'occasion']).doNothing())
      .returning('id')
      .execute();
    return r.length;
  }

  /** The caller's notices, newest first: their departments', their own as an officer, their centre's. */
  async forStaff(identity: Identity, limit: number): Promise<StaffNotice[]> {
    const audiences = audiencesOf(identity);
    if (audiences.length === 0) return [];
    const rows = await this.db
      .selectFrom('staff_notices')
      .selectAll()
      .where((eb) =>
        eb.or(
          audiences.map((a) => eb.and([eb('audience', '=', a.audience), eb('audience_key', '=', a.key)])),
        ),
      )
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toNotice);
  }
}
