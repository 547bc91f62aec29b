import { randomUUID } from 'node:crypto';
import type { Identity } from '@onething/runtime/identity';
import { subgraphError } from '@onething/subgraph-kit';
import type { Selectable } from 'kysely';
import type { IdentityCheckMethod, StaffRef, VisitLookup } from '../acting/acting';
import type { Applicant } from '../applications/service';
import { beijingDate } from '../calendar/working-days';
import type { Database } from '../platform/database';
import type { WindowVisitTable } from '../platform/schema';

/** A walk-in's visit to a window (一窗受理), opened by an officer after checking who the applicant is. */
export interface WindowVisit {
  readonly id: string;
  readonly applicantIdNumber: string;
  readonly applicantName: string;
  /** Departments holding the person (lower case). */
  readonly knownTo: readonly string[];
  /** Active enterprises the market register says they represent. */
  readonly enterprises: readonly string[];
  readonly identityCheck: IdentityCheckMethod;
  readonly officer: StaffRef;
  readonly openedAt: Date;
  readonly expiresAt: Date;
}

const toVisit = (r: Selectable<WindowVisitTable>): WindowVisit => ({
  id: r.id,
  applicantIdNumber: r.applicant_id_number,
  applicantName: r.applicant_name,
  knownTo: r.known_to,
  enterprises: r.enterprises,
  identityCheck: r.identity_check as IdentityCheckMethod,
  officer: r.officer,
  openedAt: new Date(r.opened_at),
  expiresAt: new Date(r.expires_at),
});

const DAY_MS = 86_400_000;

/**
 * When a visit opened at `now` ends: with the Beijing day it was opened on (the next midnight in
 * Asia/Shanghai, UTC+8 all year). A walk-in who comes back another day is checked again.
 */
export function endOfBeijingDay(now: Date): Date {
  return new Date(Date.parse(`${beijingDate(now)}T00:00:00+08:00`) + DAY_MS);
}

/** The walk-in of a visit as the hall's applications name them (their subject is their ID number). */
export const visitApplicant = (v: WindowVisit): Applicant => ({
  idNumber: v.applicantIdNumber,
  name: v.applicantName,
  subject: v.applicantIdNumber,
  role: 'applicant',
  enterprises: v.enterprises,
});

/** Window visits: opened by an officer, theirs alone to act in, until the end of the Beijing day. */
export class WindowVisits implements VisitLookup {
  constructor(private readonly db: Database) {}

  async open(visit: Omit<WindowVisit, 'id' | 'openedAt' | 'expiresAt'>, now: Date): Promise<WindowVisit> {
    const row = await this.db
      .insertInto('window_visits')
      .values({
        id: randomUUID(),
        applicant_id_number: visit.applicantIdNumber,
        applicant_name: visit.applicantName,
        known_to: JSON.stringify(visit.knownTo),
        enterprises: JSON.stringify(visit.enterprises),
        identity_check: visit.identityCheck,
        officer: JSON.stringify(visit.officer),
        officer_subject: visit.officer.subject,
        opened_at: now,
        expires_at: endOfBeijingDay(now),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toVisit(row);
  }

  /** A visit the officer opened (expired or not); undefined when unknown or another's. */
  async ofOfficer(id: string, officerSubject: string): Promise<WindowVisit | undefined> {
    const row = await this.db
      .selectFrom('window_visits')
      .selectAll()
      .where('id', '=', id)
      .where('officer_subject', '=', officerSubject)
      .executeTakeFirst();
    return row ? toVisit(row) : undefined;
  }

  async visitFor(visitId: string, officer: Identity, now: Date) {
    const visit =
      officer.role === 'window-staff' ? await this.ofOfficer(visitId, officer.subject) : undefined;
    if (!visit) throw subgraphError('NOT_FOUND', 'hall', `no window visit ${visitId} that you opened`);
    if (visit.expiresAt.getTime() <= now.getTime())
      throw subgraphError(
        'VISIT_EXPIRED',
        'hall',
        `window visit ${visitId} ended at ${visit.expiresAt.toISOString()} (the end of its Beijing day): check the applicant's identity again and open a new visit`,
        { expiredAt: visit.expiresAt.toISOString() },
      );
    return { applicant: visitApplicant(visit), officer: visit.officer, identityCheck: visit.identityCheck };
  }
}
