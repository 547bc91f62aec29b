import { randomUUID } from 'node:crypto';
import { type Selectable, sql, type Transaction, type Updateable } from 'kysely';
import type { StaffRef } from '../acting/acting';
import type { HandOutMethod, PostalAddress } from '../handout/model';
import { HandOuts } from '../handout/store';
import { Uploads } from '../materials/uploads';
import { type NoticeParams, noticeOfStatus } from '../notices/kinds';
import { Notices } from '../notices/store';
import { enqueue } from '../outbox/jobs';
import { Payments } from '../payments/store';
import type { Database } from '../platform/database';
import type { ApplicationTable, HallDatabase, PartTable } from '../platform/schema';
import { type Queryable, type UnitOfWork, unitOfWork } from '../platform/unit-of-work';
import {
  type Application,
  applicationStatus,
  FINAL,
  type Handover,
  type Intake,
  type Part,
  type PartChange,
  type PartClockStop,
  type PartStatus,
} from './model';

const toPart = (r: Selectable<PartTable>): Part => ({
  id: r.id,
  applicationId: r.application_id,
  seq: r.seq,
  itemCode: r.item_code,
  department: r.department,
  after: r.after,
  promisedDays: r.promised_days,
  status: r.status as PartStatus,
  caseNumber: r.case_number,
  acceptedAt: r.accepted_at ? new Date(r.accepted_at) : null,
  statusAt: r.status_at ? new Date(r.status_at) : null,
  deadline: r.deadline,
  reason: r.reason,
  correctionFields: r.correction_fields,
  result: r.result,
  attempts: r.attempts,
  lastError: r.last_error,
  lastErrorCode: r.last_error_code,
  corrections: r.corrections,
  deadLetteredAt: r.dead_lettered_at ? new Date(r.dead_lettered_at) : null,
  clockStops: (r.clock_stops ?? []).map((s) => ({
    ...s,
    reason: s.reason as PartClockStop['reason'],
    at: new Date(s.at),
  })),
});

/**
 * Which applications a staff member's queue draws from: with a part at one of `departments` (every
 * department when undefined); of `centre` and of none yet when given; only those `responsible` names when
 * given. The service settles it from the staff member's identity (`ApplicationService.queueScope`).
 */
export interface QueueScope {
  readonly departments: readonly string[] | undefined;
  readonly centre: string | null;
  readonly responsible: string | null;
}

/** A part's change as its row's columns (the only place that knows them, with {@link toPart}). */
const partColumns = (change: PartChange): Updateable<PartTable> => {
  const row: Updateable<PartTable> = {};
  if (change.status !== undefined) row.status = change.status;
  if (change.caseNumber !== undefined) row.case_number = change.caseNumber;
  if (change.acceptedAt !== undefined) row.accepted_at = change.acceptedAt;
  if (change.statusAt !== undefined) row.status_at = change.statusAt;
  if (change.deadline !== undefined) row.deadline = change.deadline;
  if (change.reason !== undefined) row.reason = change.reason;
  if (change.correctionFields !== undefined) row.correction_fields = JSON.stringify(change.correctionFields);
  if (change.result !== undefined) row.result = JSON.stringify(change.result);
  if (change.attempts !== undefined) row.attempts = change.attempts;
  if (change.lastError !== undefined) row.last_error = change.lastError;
  if (change.lastErrorCode !== undefined) row.last_error_code = change.lastErrorCode;
  if (change.corrections !== undefined) row.corrections = change.corrections;
  if (change.deadLetteredAt !== undefined) row.dead_lettered_at = change.deadLetteredAt;
  if (change.clockStops !== undefined)
    row.clock_stops = JSON.stringify(change.clockStops.map((s) => ({ ...s, at: s.at.toISOString() })));
  return row;
};

const toApplication = (r: Selectable<ApplicationTable>): Application => ({
  id: r.id,
  applicantIdNumber: r.applicant_id_number,
  applicantName: r.applicant_name,
  applicantSubject: r.applicant_subject,
  enterprises: r.enterprises,
  enterpriseUscc: r.enterprise_uscc,
  bundleCode: r.bundle_code,
  options: r.options,
  values: r.values,
  materials: r.materials,
  status: r.status as Application['status'],
  submittedAt: new Date(r.submitted_at),
  completedAt: r.completed_at ? new Date(r.completed_at) : null,
  intake: {
    channel: r.channel === 'WINDOW' ? 'WINDOW' : 'ONLINE',
    officer: r.intake_officer ?? null,
    identityCheck: (r.identity_check as Intake['identityCheck']) ?? null,
    agent: r.agent ?? null,
    delegationId: r.delegation_id ?? null,
  },
  responsibleOfficer: r.responsible_officer ?? null,
  centre: r.centre ?? null,
});

export interface NewApplication {
  readonly applicant: { idNumber: string; name: string; subject: string; enterprises: readonly string[] };
  readonly enterpriseUscc: string | null;
  readonly bundleCode: string;
  readonly options: readonly string[];
  readonly values: readonly { key: string; value: string }[];
  readonly materials: readonly { id: string; uploadId: string }[];
  /** How it is handed in (default: online, by the applicant). */
  readonly intake?: Intake;
  /** The responsible officer from the start (the window officer who takes it in). */
  readonly responsibleOfficer?: StaffRef | null;
  /** Work of the same transaction (ending the draft the form was saved as). */
  readonly within?: (tx: Transaction<HallDatabase>) => Promise<void>;
  readonly parts: readonly {
    itemCode: string;
    department: string;
    after: readonly string[];
    promisedDays: number;
    /** The item's legal limit in working days (the performance figures' speed-up against it). */
    legalDays?: number;
  }[];
  /**
   * Where the bundle's payment sits among these parts (its `payment`, narrowed to the items chosen), when
   * it holds back any of them: the held parts are not sent until it is paid.
   */
  readonly payment?: { waitsFor: readonly string[]; holds: readonly string[]; proof: string } | null;
  /** How the results are handed out (default: collected at the window). */
  readonly handOut?: { method: HandOutMethod; address: PostalAddress | null } | null;
}

/** Applications and their parts; every change of a part recomputes its application's status. */
export class Applications {
  private readonly inTransaction: UnitOfWork;

  constructor(private readonly db: Database) {
    this.inTransaction = unitOfWork(db);
  }

  /**
   * Stores an application, one part per item, and the dispatch work of the parts that wait for nothing —
   * in one transaction (the outbox): either all of it is there to be dispatched, or none.
   */
  async create(
    input: NewApplication,
    now = new Date(),
  ): Promise<{ application: Application; parts: Part[] }> {
    return this.inTransaction(async (tx) => {
      const id = randomUUID();
      const row = await tx
        .insertInto('applications')
        .values({
          id,
          applicant_id_number: input.applicant.idNumber,
          applicant_name: input.applicant.name,
          applicant_subject: input.applicant.subject,
          enterprises: JSON.stringify(input.applicant.enterprises),
          enterprise_uscc: input.enterpriseUscc,
          bundle_code: input.bundleCode,
          options: JSON.stringify(input.options),
          values: JSON.stringify(input.values),
          materials: JSON.stringify(input.materials),
          status: 'SUBMITTED',
          submitted_at: now,
          updated_at: now,
          channel: input.intake?.channel ?? 'ONLINE',
          intake_officer: input.intake?.officer ? JSON.stringify(input.intake.officer) : null,
          identity_check: input.intake?.identityCheck ?? null,
          agent: input.intake?.agent ? JSON.stringify(input.intake.agent) : null,
          delegation_id: input.intake?.delegationId ?? null,
          responsible_officer: input.responsibleOfficer ? JSON.stringify(input.responsibleOfficer) : null,
          responsible_subject: input.responsibleOfficer?.subject ?? null,
          centre: input.responsibleOfficer?.centre ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (input.responsibleOfficer)
        await tx
          .insertInto('handovers')
          .values({
            application_id: id,
            from_officer: null,
            to_officer: JSON.stringify(input.responsibleOfficer),
            reason: null,
            at: now,
          })
          .execute();
      await input.within?.(tx);
      await Uploads.markHandedIn(
        tx,
        input.materials.map((m) => m.uploadId),
        now,
      );
      const parts = await tx
        .insertInto('parts')
        .values(
          input.parts.map((p, seq) => ({
            id: randomUUID(),
            application_id: id,
            seq,
            item_code: p.itemCode,
            department: p.department,
            after: JSON.stringify(p.after),
            promised_days: p.promisedDays,
            legal_days: p.legalDays ?? null,
            submitted_at: now,
            status: 'WAITING',
            correction_fields: '[]',
            result: '{}',
            updated_at: now,
          })),
        )
        .returningAll()
        .execute();
      await HandOuts.create(tx, id, input.handOut?.method ?? 'COLLECT', input.handOut?.address ?? null, now);
      const payment = input.payment;
      if (payment) {
        const anchor = parts.find((p) => payment.holds.includes(p.item_code))!;
        const due = payment.waitsFor.length === 0;
        await Payments.create(
          tx,
          {
            applicationId: id,
            anchorPartId: anchor.id,
            waitsFor: payment.waitsFor,
            holds: payment.holds,
            proof: payment.proof,
            status: due ? 'ORDERING' : 'NOT_DUE',
          },
          now,
        );
        if (due) await enqueue(tx, anchor.id, 'pay', now, {}, now);
      }
      for (const p of parts.filter((p) => p.after.length === 0 && !payment?.holds.includes(p.item_code)))
        await enqueue(tx, p.id, 'submit', now, {}, now);
      if (payment?.waitsFor.length === 0) await this.refreshStatus(tx, id, now);
      return { application: toApplication(row), parts: parts.map(toPart) };
    });
  }

  async get(id: string): Promise<Application | undefined> {
    const r = await this.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toApplication(r) : undefined;
  }

  async parts(applicationId: string, tx: Queryable = this.db): Promise<Part[]> {
    const rows = await tx
      .selectFrom('parts')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('seq')
      .execute();
    return rows.map(toPart);
  }

  /** The parts of many applications in one read (the window's queue ranks hundreds): by application, in order. */
  async partsOf(applicationIds: readonly string[]): Promise<Map<string, Part[]>> {
    const out = new Map<string, Part[]>(applicationIds.map((id) => [id, []]));
    if (applicationIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('parts')
      .selectAll()
      .where('application_id', 'in', [...applicationIds])
      .orderBy('seq')
      .execute();
    for (const r of rows) out.get(r.application_id)?.push(toPart(r));
    return out;
  }

  async part(id: string, tx: Queryable = this.db): Promise<Part | undefined> {
    const r = await tx.selectFrom('parts').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toPart(r) : undefined;
  }

  async partByCase(department: string, caseNumber: string): Promise<Part | undefined> {
    const r = await this.db
      .selectFrom('parts')
      .selectAll()
      .where('department', '=', department)
      .where('case_number', '=', caseNumber)
      .executeTakeFirst();
    return r ? toPart(r) : undefined;
  }

  async ofApplicant(idNumber: string, limit = 100): Promise<Application[]> {
    const rows = await this.db
      .selectFrom('applications')
      .selectAll()
      .where('applicant_id_number', '=', idNumber)
      .orderBy('submitted_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toApplication);
  }

  /** The centre of each of these applications (null: none yet). */
  async centresOf(applicationIds: readonly string[]): Promise<Map<string, string | null>> {
    if (applicationIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('applications')
      .select(['id', 'centre'])
      .where('id', 'in', [...applicationIds])
      .execute();
    return new Map(rows.map((r) => [r.id, r.centre]));
  }

  /** Applications an agent handed in under their delegations, newest first. */
  async ofAgent(agentIdNumber: string, limit = 100): Promise<Application[]> {
    const rows = await this.db
      .selectFrom('applications')
      .selectAll()
      .where(sql<boolean>`agent->>'idNumber' = ${agentIdNumber}`)
      .orderBy('submitted_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toApplication);
  }

  /**
   * Makes `to` an application's responsible officer, recording the handover; only when the officer is
   * still `expectedFrom` (null: none yet), so two officers taking one application at once do not both win.
   */
  async handOver(
    applicationId: string,
    expectedFrom: string | null,
    to: StaffRef,
    from: StaffRef | null,
    reason: string | null,
    now = new Date(),
  ): Promise<Application | undefined> {
    return this.inTransaction(async (tx) => {
      let q = tx
        .updateTable('applications')
        .set({
          responsible_officer: JSON.stringify(to),
          responsible_subject: to.subject,
          centre: to.centre,
          updated_at: now,
        })
        .where('id', '=', applicationId);
      q =
        expectedFrom === null
          ? q.where('responsible_subject', 'is', null)
          : q.where('responsible_subject', '=', expectedFrom);
      const row = await q.returningAll().executeTakeFirst();
      if (!row) return undefined;
      await tx
        .insertInto('handovers')
        .values({
          application_id: applicationId,
          from_officer: from ? JSON.stringify(from) : null,
          to_officer: JSON.stringify(to),
          reason,
          at: now,
        })
        .execute();
      return toApplication(row);
    });
  }

  /** An application's handovers, oldest first. */
  async handovers(applicationId: string): Promise<Handover[]> {
    const rows = await this.db
      .selectFrom('handovers')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({
      from: r.from_officer ?? null,
      to: r.to_officer,
      reason: r.reason,
      at: new Date(r.at),
    }));
  }

  /**
   * The applications of a queue's scope: with a part at one of `departments` (all when undefined); of one
   * centre (and those of no centre yet) when `centre` is given; only those `responsible` names when given.
   * The one place the condition is written: the queue lists them, its live stream fingerprints them.
   */
  private inScope(scope: QueueScope) {
    let q = this.db.selectFrom('applications');
    const { departments, centre, responsible } = scope;
    if (centre) q = q.where((eb) => eb.or([eb('centre', '=', centre), eb('centre', 'is', null)]));
    if (responsible) q = q.where('responsible_subject', '=', responsible);
    if (departments) {
      q = q.where('id', 'in', (eb) =>
        eb
          .selectFrom('parts')
          .select('application_id')
          .where('department', 'in', departments.length ? [...departments] : ['']),
      );
    }
    return q;
  }

  /** The applications of a queue's scope (see {@link inScope}), newest first. */
  async involving(scope: QueueScope, limit: number): Promise<Application[]> {
    return (await this.inScope(scope).selectAll().orderBy('submitted_at', 'desc').limit(limit).execute()).map(
      toApplication,
    );
  }

  /**
   * What a queue of this scope shows, as one fingerprint read in one statement, no row leaving the store:
   * how many applications, their last change, and an order-free sum of each one's id, status, responsible
   * officer and last change (a change whose time is not the newest, from another process's clock, still
   * shows). A part's every change also changes its application's row ({@link updatePart} refreshes its
   * status in its transaction), so the applications' rows stand for their parts too.
   */
  async queueFingerprint(scope: QueueScope): Promise<string> {
    const r = await this.inScope(scope)
      .select(
        sql<string>`md5(concat_ws('|', count(*), max(updated_at)::text,
          sum(hashtext(id || status || coalesce(responsible_subject, '') || updated_at::text))))`.as('v'),
      )
      .executeTakeFirstOrThrow();
    return r.v;
  }

  /** Parts not yet final, at the departments given (all when undefined), with a deadline. */
  async openParts(departments: readonly string[] | undefined): Promise<Part[]> {
    let q = this.db
      .selectFrom('parts')
      .selectAll()
      .where('status', 'not in', [...FINAL])
      .where('deadline', 'is not', null);
    if (departments) q = q.where('department', 'in', departments.length ? [...departments] : ['']);
    return (await q.execute()).map(toPart);
  }

  /** How many parts are dead-lettered, by department (metrics). */
  async deadLetteredCounts(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('parts')
      .select((eb) => ['department', eb.fn.countAll<string | number>().as('parts')])
      .where('status', '=', 'DEAD_LETTERED')
      .groupBy('department')
      .execute();
    return new Map(rows.map((r) => [r.department, Number(r.parts)]));
  }

  async deadLettered(departments: readonly string[] | undefined): Promise<Part[]> {
    let q = this.db.selectFrom('parts').selectAll().where('status', '=', 'DEAD_LETTERED');
    if (departments) q = q.where('department', 'in', departments.length ? [...departments] : ['']);
    return (await q.orderBy('dead_lettered_at', 'desc').execute()).map(toPart);
  }

  /** Changes a part and recomputes its application's status, in the caller's transaction. */
  async updatePart(tx: Queryable, id: string, change: PartChange, now = new Date()): Promise<Part> {
    const row = await tx
      .updateTable('parts')
      .set({ ...partColumns(change), updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.refreshStatus(tx, row.application_id, now);
    return toPart(row);
  }

  /** What follows every part approved, in its transaction: the results' hand-out (set by the hall). */
  onCompleted: (tx: Queryable, applicationId: string, now: Date) => Promise<void> = async () => {};

  /** The names notices use for bundles (set by the hall once its catalogue is loaded). */
  bundleNames: (code: string) => { zh: string; en: string } = (code) => ({ zh: code, en: code });

  /** What a notice of an application says: its bundle's name and the start of its number. */
  noticeParams(applicationId: string, bundleCode: string): NoticeParams {
    const name = this.bundleNames(bundleCode);
    return { bundle: name.zh, bundleEn: name.en, ref: applicationId.slice(0, 8) };
  }

  /** Recomputes an application's status from its parts and its payment (in the transaction that moved them). */
  async refreshStatus(tx: Queryable, applicationId: string, now = new Date()): Promise<void> {
    const parts = await this.parts(applicationId, tx);
    const payment = await tx
      .selectFrom('payments')
      .select('status')
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
    const handOut = await tx
      .selectFrom('hand_outs')
      .select('status')
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
    const status = applicationStatus(parts, payment?.status, handOut?.status);
    // What the applicant is told of the change, in its transaction: once per change of status.
    const before = await tx
      .selectFrom('applications')
      .select(['status', 'bundle_code', 'applicant_id_number', 'values'])
      .where('id', '=', applicationId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const kind = noticeOfStatus(before.status, status);
    if (kind)
      await Notices.add(
        tx,
        { id: applicationId, applicantIdNumber: before.applicant_id_number, values: before.values },
        kind,
        this.noticeParams(applicationId, before.bundle_code),
        now,
      );
    await tx
      .updateTable('applications')
      .set({
        status,
        updated_at: now,
        completed_at:
          status === 'COMPLETED' || status === 'DELIVERED' ? sql`coalesce(completed_at, ${now})` : null,
      })
      .where('id', '=', applicationId)
      .execute();
    // After the status is written: what follows reads it (and may move it on, e.g. results handed out).
    if (status === 'COMPLETED' && before.status !== 'COMPLETED')
      await this.onCompleted(tx, applicationId, now);
  }

  /** Records the applicant's corrected values (the named fields replaced). */
  async correctValues(
    tx: Queryable,
    applicationId: string,
    values: readonly { key: string; value: string }[],
  ): Promise<void> {
    const app = await tx
      .selectFrom('applications')
      .select('values')
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow();
    const changed = new Map(values.map((v) => [v.key, v.value]));
    const merged = [...app.values.filter((v) => !changed.has(v.key)), ...values];
    await tx
      .updateTable('applications')
      .set({ values: JSON.stringify(merged) })
      .where('id', '=', applicationId)
      .execute();
  }
}
