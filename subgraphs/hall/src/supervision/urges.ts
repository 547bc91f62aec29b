import { randomUUID } from 'node:crypto';
import type { Identity } from '@onething/runtime/identity';
import { subgraphError } from '@onething/subgraph-kit';
import type { Selectable } from 'kysely';
import type { StaffRef } from '../acting/acting';
import { FINAL, type Part } from '../applications/model';
import { sameCentre } from '../applications/service';
import type { Applications } from '../applications/store';
import type { Clock } from '../calendar/clock';
import type { Database } from '../platform/database';
import type { UrgeTable } from '../platform/schema';
import type { UnitOfWork } from '../platform/unit-of-work';
import { staffRef } from '../window/staff';
import { type StaffAudience, type StaffNoticeDraft, StaffNotices } from './staff-notices';

/** An urge (催办) on a part, and its department's answer once given. */
export interface Urge {
  readonly id: string;
  readonly partId: string;
  readonly message: string;
  readonly urgedBy: StaffRef;
  readonly urgedAt: Date;
  readonly answer: string | null;
  readonly answeredBy: StaffRef | null;
  readonly answeredAt: Date | null;
}

/** The longest message or answer, in characters. */
export const MAX_URGE_TEXT = 500;

const toUrge = (r: Selectable<UrgeTable>): Urge => ({
  id: r.id,
  partId: r.part_id,
  message: r.message,
  urgedBy: r.urged_by as StaffRef,
  urgedAt: new Date(r.urged_at),
  answer: r.answer,
  answeredBy: (r.answered_by as StaffRef | null) ?? null,
  answeredAt: r.answered_at ? new Date(r.answered_at) : null,
});

function text(path: string, value: string, zh: string): string {
  const v = value.trim();
  if (v.length === 0 || [...v].length > MAX_URGE_TEXT)
    throw subgraphError('INVALID_INPUT', 'hall', `${path}: write 1 to ${MAX_URGE_TEXT} characters`, {
      problems: [
        {
          path,
          rule: `urge.${path}`,
          message: { zh: `${zh}，最多 ${MAX_URGE_TEXT} 字`, en: `write 1 to ${MAX_URGE_TEXT} characters` },
        },
      ],
    });
  return v;
}

/**
 * 催办: a supervisor urges a department on a part of their centre not yet decided, with a message; the
 * department's staff are told at once, and answer it once, which the supervisors are told of. Both stay on
 * the part (`urges`), for staff.
 */
export class Urges {
  constructor(
    private readonly deps: {
      readonly db: Database;
      readonly uow: UnitOfWork;
      readonly apps: Applications;
      readonly clock: Clock;
    },
  ) {}

  async urge(identity: Identity, partId: string, message: string): Promise<Urge> {
    if (identity.role !== 'supervisor')
      throw subgraphError('FORBIDDEN', 'hall', 'urges (催办) are sent by the centre’s supervisors');
    const part = await this.deps.apps.part(partId);
    const application = part && (await this.deps.apps.get(part.applicationId));
    // Another centre's part is not revealed.
    if (!part || !application || !sameCentre(identity, application))
      throw subgraphError('NOT_FOUND', 'hall', `no part ${partId} of your centre`);
    const body = text('message', message, '请写明催办事项');
    if (FINAL.has(part.status))
      throw subgraphError(
        'INVALID_INPUT',
        'hall',
        `the part is ${part.status}: there is nothing left to urge`,
        {
          problems: [
            {
              path: 'partId',
              rule: 'urge.final',
              message: {
                zh: '该事项已办结，无需催办',
                en: `the part is ${part.status}: there is nothing left to urge`,
              },
            },
          ],
        },
      );
    const now = this.deps.clock.now();
    const urge: Urge = {
      id: randomUUID(),
      partId,
      message: body,
      urgedBy: staffRef(identity),
      urgedAt: now,
      answer: null,
      answeredBy: null,
      answeredAt: null,
    };
    await this.deps.uow(async (tx) => {
      await tx
        .insertInto('urges')
        .values({
          id: urge.id,
          part_id: partId,
          message: body,
          urged_by: JSON.stringify(urge.urgedBy),
          urged_at: now,
        })
        .execute();
      await StaffNotices.add(
        tx,
        [this.notice(part, 'URGED', 'DEPARTMENT', part.department, urge.id, body, urge.urgedBy.name)],
        now,
      );
    });
    return urge;
  }

  async answer(identity: Identity, urgeId: string, answer: string): Promise<Urge> {
    if (identity.role !== 'department-staff')
      throw subgraphError('FORBIDDEN', 'hall', 'an urge is answered by staff of the part’s department');
    const found = await this.get(urgeId);
    const part = found && (await this.deps.apps.part(found.partId));
    if (!found || !part || !identity.departments.includes(part.department))
      throw subgraphError('NOT_FOUND', 'hall', `no urge ${urgeId} to your department`);
    const body = text('answer', answer, '请写明答复');
    const now = this.deps.clock.now();
    const by = staffRef(identity);
    const application = await this.deps.apps.get(part.applicationId);
    return this.deps.uow(async (tx) => {
      // Answered once: a second answer, or two at once, changes nothing.
      const row = await tx
        .updateTable('urges')
        .set({ answer: body, answered_by: JSON.stringify(by), answered_at: now })
        .where('id', '=', urgeId)
        .where('answer', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!row)
        throw subgraphError('INVALID_INPUT', 'hall', 'the urge was answered already', {
          problems: [
            {
              path: 'urgeId',
              rule: 'urge.answered',
              message: { zh: '该催办已答复', en: 'the urge was answered already' },
            },
          ],
        });
      await StaffNotices.add(
        tx,
        [this.notice(part, 'URGE_ANSWERED', 'SUPERVISOR', application?.centre ?? '', urgeId, body, by.name)],
        now,
      );
      return toUrge(row);
    });
  }

  async get(id: string): Promise<Urge | undefined> {
    const r = await this.deps.db.selectFrom('urges').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toUrge(r) : undefined;
  }

  /** A part's urges, oldest first. */
  async ofPart(partId: string): Promise<Urge[]> {
    const rows = await this.deps.db
      .selectFrom('urges')
      .selectAll()
      .where('part_id', '=', partId)
      .orderBy('urged_at')
      .orderBy('id')
      .execute();
    return rows.map(toUrge);
  }

  /** The notice of an urge or its answer, once per urge (its id the occasion). */
  private notice(
    part: Part,
    kind: 'URGED' | 'URGE_ANSWERED',
    audience: StaffAudience,
    audienceKey: string,
    urgeId: string,
    text: string,
    by: string,
  ): StaffNoticeDraft {
    return {
      partId: part.id,
      applicationId: part.applicationId,
      kind,
      audience,
      audienceKey,
      occasion: urgeId,
      params: { itemCode: part.itemCode, caseNumber: part.caseNumber, text, by, urgeId },
    };
  }
}
