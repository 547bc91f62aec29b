import type { Identity } from '@onething/runtime/identity';
import { checkValue, type FormProblem, problem } from '@onething/schema/forms';
import { subgraphError } from '@onething/subgraph-kit';
import type { Acting } from '../acting/acting';
import type { Clock } from '../calendar/clock';
import { type ClockReading, type ClockStop, stoppedWorkingDays } from '../calendar/legal-clock';
import {
  beijingDate,
  type SupervisionFlag,
  supervise,
  type WorkingDayCalendar,
} from '../calendar/working-days';
import type { BundleCatalogue } from '../catalogue/bundle-catalogue';
import { Drafts } from '../drafts/drafts';
import type { NotChecked } from '../forms/cross-checks';
import type { FormChecks } from '../forms/form-checks';
import { checkHandOut } from '../handout/address';
import type { HandOutMethod } from '../handout/model';
import { hallId } from '../ids';
import { enqueue, type JobQueue } from '../outbox/jobs';
import { paymentAmong } from '../payments/placement';
import type { UnitOfWork } from '../platform/unit-of-work';
import { type DeclareClockStopInput, declareClockStop } from './clock-stops';
import { type Application, type ApplicationStatus, FINAL, type Part } from './model';
import { partClock } from './part-clock';
import { partTransition } from './part-machine';
import { type ApplicationReads, freshReads } from './reads';
import type { Applications, QueueScope } from './store';

export interface Applicant {
  readonly idNumber: string;
  readonly name: string;
  readonly subject: string;
  readonly role: string;
  readonly enterprises: readonly string[];
}

export interface ApplicationInput {
  readonly bundleCode: string;
  readonly options: readonly string[];
  readonly values: readonly { key: string; value: string }[];
  readonly materials: readonly { id: string; uploadId: string }[];
  readonly prefillId?: string | null | undefined;
  readonly enterpriseUscc?: string | null | undefined;
  /** The draft the form was saved as: submitting ends it, in the same transaction. */
  readonly draftId?: string | null | undefined;
  /** How the results are handed out (default: collected at the window). */
  readonly handOut?: { method: HandOutMethod; address?: Record<string, string> | null } | null | undefined;
}

/** Which of an applicant's upload ids exist and are theirs. */
export type UploadCheck = (idNumber: string, uploadIds: readonly string[]) => Promise<ReadonlySet<string>>;

const FLAG_RANK: Record<SupervisionFlag, number> = { RED: 0, YELLOW: 1, GREEN: 2 };

/**
 * Applications: one submission (validated whole, stored with its dispatch work in one transaction),
 * corrections of what a department asked, retries by window staff, and e-supervision (ratings: ratings/).
 */
export class ApplicationService {
  constructor(
    private readonly deps: {
      readonly apps: Applications;
      readonly jobs: JobQueue;
      readonly uow: UnitOfWork;
      readonly hall: BundleCatalogue;
      /** The one check of a filled form, checkForm's too. */
      readonly forms: FormChecks;
      readonly uploads: UploadCheck;
      readonly calendar: WorkingDayCalendar;
      /** The hall's clock (a declared stop starts today). */
      readonly clock: Clock;
      readonly wake: () => void;
      readonly drafts: Drafts;
    },
  ) {}

  /** A part's legal clock at an instant. */
  clockOf(part: Part, asOf: Date): ClockReading {
    return partClock(this.deps.calendar, part, beijingDate(asOf));
  }

  /** The working days a stop of a part's clock does not count. */
  stoppedDays(stop: ClockStop): number {
    return stoppedWorkingDays(this.deps.calendar, stop);
  }

  /** A department's declared exclusion from a part's time limit (applications/clock-stops.ts). */
  declareClockStop(identity: Identity, partId: string, input: DeclareClockStopInput): Promise<Part> {
    return declareClockStop(this.deps, identity, partId, input);
  }

  /** Checks the whole form (every problem in one answer); when it is right, stores it for dispatch. */
  async submit(
    acting: Acting,
    input: ApplicationInput,
    now = new Date(),
  ): Promise<{
    application?: Application;
    parts?: Part[];
    problems: FormProblem[];
    notChecked: readonly NotChecked[];
  }> {
    const { hall, apps, uploads } = this.deps;
    const applicant = { ...acting.applicant, officer: acting.officer, agent: acting.agent };
    const check = await this.deps.forms.check(applicant, {
      ...input,
      materials: input.materials.map((m) => m.id),
    });
    const { bundle, form } = check;
    if (!form) return { problems: [...check.problems], notChecked: [] };
    const problems = [...check.problems];
    const handOut = input.handOut ? checkHandOut(input.handOut) : null;
    if (handOut && 'problems' in handOut)
      for (const p of handOut.problems)
        problems.push(problem(p.path, p.rule, p.message.zh, p.message.en, []));
    if (input.enterpriseUscc && !applicant.enterprises.includes(input.enterpriseUscc))
      problems.push(
        problem(
          'enterpriseUscc',
          'enterprise.notActedFor',
          '您不是该企业的法定代表人或经办人，不能代其申请',
          'you do not act for this enterprise: apply as its legal representative or agent',
          [],
        ),
      );
    const theirs = await uploads(
      applicant.idNumber,
      input.materials.map((m) => m.uploadId),
    );
    for (const m of input.materials) {
      if (!theirs.has(m.uploadId)) {
        problems.push(
          problem(
            `materials.${m.id}`,
            'material.uploadUnknown',
            '找不到该上传的文件，请重新上传',
            'the uploaded file is not found among yours: upload it again',
            [],
          ),
        );
      }
    }
    const draftId = input.draftId ? hallId('draftId', input.draftId, 'a draft') : null;
    if (draftId && !(await this.deps.drafts.get(applicant.idNumber, draftId, now)))
      problems.push(
        problem(
          'draftId',
          'draft.unknown',
          '找不到该草稿（或已过期、已提交）',
          'no such draft of this applicant (or it has expired or was submitted)',
          [],
        ),
      );
    if (problems.length > 0) return { problems, notChecked: check.notChecked };

    const active = new Set(form.items);
    const { application, parts } = await apps.create({
      applicant,
      intake: {
        channel: acting.channel,
        officer: acting.officer,
        identityCheck: acting.identityCheck,
        agent: acting.agent,
        delegationId: acting.delegationId,
      },
      // 首问负责: the officer who takes it in at the window is responsible for it from the start.
      responsibleOfficer: acting.officer,
      within: draftId
        ? async (tx) => {
            if (!(await Drafts.end(tx, applicant.idNumber, draftId, now)))
              throw subgraphError(
                'NOT_FOUND',
                'hall',
                `draft ${draftId} ended meanwhile (submitted, discarded or expired)`,
              );
          }
        : undefined,
      enterpriseUscc: input.enterpriseUscc ?? null,
      bundleCode: bundle.code,
      options: [...input.options],
      values: input.values
        .filter((v) => v.value.trim() !== '')
        .map((v) => ({ key: v.key, value: v.value.trim() })),
      materials: [...input.materials],
      parts: bundle.items
        .filter((i) => active.has(i.code))
        .map((i) => {
          const item = hall.items.get(i.code)!;
          return {
            itemCode: i.code,
            department: item.department.toLowerCase(),
            after: i.after.filter((a) => active.has(a)),
            promisedDays: item.promisedLimitDays,
            legalDays: item.legalLimitDays,
          };
        }),
      payment: paymentAmong(bundle, active),
      handOut: handOut && !('problems' in handOut) ? handOut : null,
    });
    this.deps.wake();
    return { application, parts, problems: [], notChecked: check.notChecked };
  }

  /** The applicant's correction (补正) of the fields a department named: checked, then re-sent for that part alone. */
  async correct(
    applicant: Applicant,
    applicationId: string,
    partId: string,
    values: readonly { key: string; value: string }[],
  ): Promise<{ application?: Application; problems: FormProblem[] }> {
    const { apps, hall, uow } = this.deps;
    const application = await this.own(applicant, applicationId);
    const part = (await apps.parts(application.id)).find((p) => p.id === partId);
    if (!part) throw subgraphError('NOT_FOUND', 'hall', `application ${applicationId} has no part ${partId}`);
    const corrected = partTransition(part, { type: 'correct' });
    if (!corrected.ok) {
      return {
        problems: [
          problem(
            'partId',
            'part.notWaitingForCorrection',
            `该事项当前状态为 ${part.status}，无需补正`,
            `the part is ${part.status}, not waiting for a correction`,
            [part.itemCode],
          ),
        ],
      };
    }
    const form = hall.form(hall.bundleOr(application.bundleCode), application.options);
    const fields = new Map(form.fields.map((f) => [f.key, f]));
    const problems: FormProblem[] = [];
    for (const key of part.correctionFields) {
      if (!values.some((v) => v.key === key && v.value.trim() !== '')) {
        const label = fields.get(key)?.label ?? { zh: key, en: key };
        problems.push(
          problem(key, 'correction.missing', `请补正${label.zh}`, `correct the ${label.en}`, [part.itemCode]),
        );
      }
    }
    for (const v of values) {
      const field = fields.get(v.key);
      if (!part.correctionFields.includes(v.key) || !field) {
        problems.push(
          problem(
            v.key,
            'correction.notAsked',
            '部门未要求补正该字段',
            'the department did not ask to correct this field',
            [part.itemCode],
          ),
        );
      } else problems.push(...checkValue(field, v.value));
    }
    if (problems.length > 0) return { problems };
    const now = new Date();
    const fixed = values.map((v) => ({ key: v.key, value: v.value.trim() }));
    await uow(async (tx) => {
      await apps.correctValues(tx, application.id, fixed);
      await apps.updatePart(tx, part.id, corrected.change, now);
      await enqueue(tx, part.id, 'correct', now, {
        fields: fixed,
        key: `${part.id}:correction:${part.corrections + 1}`,
      });
    });
    this.deps.wake();
    return { application: await apps.get(application.id), problems: [] };
  }

  /** Window staff send a dead-lettered part again, as it last failed. */
  async retry(identity: Identity, partId: string): Promise<Part> {
    const { apps, jobs, uow } = this.deps;
    if (identity.role !== 'window-staff')
      throw subgraphError('FORBIDDEN', 'hall', 'only window staff retry a dead-lettered part');
    const part = await apps.part(partId);
    // Another centre's application is not this officer's to retry (nor to see).
    const of = part ? await apps.get(part.applicationId) : undefined;
    if (!part || !of || !sameCentre(identity, of))
      throw subgraphError('NOT_FOUND', 'hall', `no part ${partId}`);
    const failed = part.status === 'DEAD_LETTERED' ? await jobs.lastFailed(part.id) : undefined;
    const retried = partTransition(part, { type: 'retry', failedJob: failed?.kind });
    if (!retried.ok)
      throw subgraphError('INVALID_INPUT', 'hall', `part ${partId} is ${part.status}, not dead-lettered`);
    const now = new Date();
    const updated = await uow(async (tx) => {
      const p = await apps.updatePart(tx, part.id, retried.change, now);
      await enqueue(
        tx,
        part.id,
        failed?.kind === 'correct' ? 'correct' : 'submit',
        now,
        failed?.payload ?? {},
        now,
      );
      return p;
    });
    this.deps.wake();
    return updated;
  }

  /** The applicant's own application, or NOT_FOUND (another's is not revealed). */
  async own(applicant: Pick<Applicant, 'idNumber'>, applicationId: string): Promise<Application> {
    const application = await this.deps.apps.get(applicationId);
    if (!application || application.applicantIdNumber !== applicant.idNumber)
      throw subgraphError('NOT_FOUND', 'hall', `no application ${applicationId} of yours`);
    return application;
  }

  /**
   * Who may see an application: its applicant (and the agent who handed it in), window staff and
   * supervisors of its centre, and staff of a department it involves.
   */
  async visible(
    identity: Identity,
    applicationId: string,
    read: ApplicationReads = freshReads(this.deps.apps),
  ): Promise<Application | undefined> {
    const application = await read.application(applicationId);
    if (!application) return undefined;
    if (identity.role === 'applicant' && identity.idNumber === application.applicantIdNumber)
      return application;
    // The agent who handed it in follows it (代办).
    if (identity.role === 'applicant' && identity.idNumber === application.intake.agent?.idNumber)
      return application;
    if (ofACentre(identity)) return sameCentre(identity, application) ? application : undefined;
    if (identity.role === 'department-staff') {
      const parts = await read.parts(application.id);
      if (parts.some((p) => identity.departments.includes(p.department))) return application;
    }
    return undefined;
  }

  /**
   * E-supervision of a part on a given day: only running time counts, so a part whose clock is stopped
   * (waiting for the applicant's correction, an appraisal its department declared) is not flagged.
   */
  supervision(part: Part, asOf: Date): { flag: SupervisionFlag; workingDaysLeft: number } | null {
    if (!part.deadline || FINAL.has(part.status)) return null;
    const today = beijingDate(asOf);
    if (partClock(this.deps.calendar, part, today).state === 'SUSPENDED') return null;
    return supervise(this.deps.calendar, part.deadline, today);
  }

  /** Staff's departments (undefined: every department, for window staff and supervisors); FORBIDDEN otherwise. */
  scope(identity: Identity, department?: string | null): readonly string[] | undefined {
    if (ofACentre(identity)) return department ? [department] : undefined;
    if (identity.role === 'department-staff')
      return department ? identity.departments.filter((d) => d === department) : identity.departments;
    throw subgraphError('FORBIDDEN', 'hall', 'the queue and e-supervision are for staff');
  }

  /**
   * Which applications a staff member's queue draws from, by their scope: a department's staff their
   * departments' (or the one `department` of them), window officers and supervisors their centre's (and
   * those of no centre yet); `mine` narrows to the window officer's own. FORBIDDEN to anyone but staff.
   */
  queueScope(identity: Identity, department?: string | null, mine = false): QueueScope {
    return {
      departments: this.scope(identity, department),
      centre: ofACentre(identity) ? (identity.centre ?? null) : null,
      responsible: mine ? mineOf(identity) : null,
    };
  }

  /** What a queue of `scope` shows, as a fingerprint read from the store (its live stream's event id). */
  queueFingerprint(scope: QueueScope): Promise<string> {
    return this.deps.apps.queueFingerprint(scope);
  }

  /**
   * The window's queue, narrowed by status and by a search the window officer types (an application or
   * case number, an ID number, a name): applications with flagged parts first (red, then yellow), then dead letters, then newest. */
  async queue(
    identity: Identity,
    department: string | null | undefined,
    asOf: Date,
    limit: number,
    filter: QueueFilter = {},
  ): Promise<Application[]> {
    const involving = await this.deps.apps.involving(
      this.queueScope(identity, department, filter.mine ?? false),
      1_000,
    );
    // One read for every application's parts: a read each held the hall for seconds under aliases.
    const partsOf = await this.deps.apps.partsOf(involving.map((a) => a.id));
    const text = filter.search?.trim().toLowerCase();
    const rank = new Map<string, number>();
    const apps: Application[] = [];
    for (const a of involving) {
      if (filter.status && a.status !== filter.status) continue;
      const parts = partsOf.get(a.id) ?? [];
      if (text && !matchesSearch(a, parts, text)) continue;
      apps.push(a);
      const flags = parts
        .map((p) => this.supervision(p, asOf)?.flag)
        .filter((f): f is SupervisionFlag => !!f);
      const worst = Math.min(...flags.map((f) => FLAG_RANK[f]), 3);
      rank.set(a.id, worst < 2 ? worst : parts.some((p) => p.status === 'DEAD_LETTERED') ? 2 : 3);
    }
    return apps
      .sort((x, y) => rank.get(x.id)! - rank.get(y.id)! || y.submittedAt.getTime() - x.submittedAt.getTime())
      .slice(0, limit);
  }

  /** Parts flagged yellow or red on a day, by department. */
  async flagged(
    identity: Identity,
    department: string | null | undefined,
    asOf: Date,
  ): Promise<{ part: Part; flag: SupervisionFlag; workingDaysLeft: number }[]> {
    const parts = await this.ofCentre(
      identity,
      await this.deps.apps.openParts(this.scope(identity, department)),
    );
    // A part whose clock is stopped has no flag (null), like one not yet accepted.
    return parts
      .flatMap((part) => {
        const s = this.supervision(part, asOf);
        return s && s.flag !== 'GREEN' ? [{ part, ...s }] : [];
      })
      .sort((a, b) => FLAG_RANK[a.flag] - FLAG_RANK[b.flag] || a.workingDaysLeft - b.workingDaysLeft);
  }

  /** E-supervision across every department on a day: parts flagged yellow and red, by department (metrics). */
  async flagCounts(asOf: Date): Promise<{ department: string; flag: SupervisionFlag; parts: number }[]> {
    const counts = new Map<string, { department: string; flag: SupervisionFlag; parts: number }>();
    for (const part of await this.deps.apps.openParts(undefined)) {
      const flag = this.supervision(part, asOf)?.flag;
      if (!flag || flag === 'GREEN') continue;
      const key = `${part.department}:${flag}`;
      const c = counts.get(key) ?? { department: part.department, flag, parts: 0 };
      c.parts++;
      counts.set(key, c);
    }
    return [...counts.values()];
  }

  async deadLettered(identity: Identity, department: string | null | undefined): Promise<Part[]> {
    return this.ofCentre(identity, await this.deps.apps.deadLettered(this.scope(identity, department)));
  }

  /** The parts a window officer of a centre sees: those of their centre's applications or of none yet. */
  private async ofCentre(identity: Identity, parts: Part[]): Promise<Part[]> {
    if (!ofACentre(identity) || !identity.centre || parts.length === 0) return parts;
    const centres = await this.deps.apps.centresOf([...new Set(parts.map((p) => p.applicationId))]);
    return parts.filter((p) => sameCentre(identity, { centre: centres.get(p.applicationId) ?? null }));
  }
}

/** What the window's queue is narrowed by. */
export interface QueueFilter {
  readonly status?: ApplicationStatus | null;
  /** Lower-cased, trimmed: see {@link matchesSearch}. */
  readonly search?: string | null;
  /** Only those the calling window officer is responsible for. */
  readonly mine?: boolean | null;
}

/** The staff id `mine` narrows to: a window officer's own; FORBIDDEN for anyone else. */
function mineOf(identity: Identity): string {
  if (identity.role !== 'window-staff')
    throw subgraphError(
      'FORBIDDEN',
      'hall',
      'mine is for window officers: the applications they are responsible for',
    );
  return identity.subject;
}

/**
 * Staff who work for a centre and see every department's parts of its applications: its window officers
 * and its supervisors (a department's staff see their department's, whatever the centre).
 */
export function ofACentre(identity: Identity): boolean {
  return identity.role === 'window-staff' || identity.role === 'supervisor';
}

/**
 * Whether a window officer may see an application of a centre: with centres configured, an officer sees
 * their own centre's and those of no centre yet (an application's centre is its responsible officer's).
 */
export function sameCentre(identity: Identity, application: Pick<Application, 'centre'>): boolean {
  return !identity.centre || !application.centre || identity.centre === application.centre;
}

/**
 * Whether an application matches what a window officer typed: the start of its number, a department's
 * case number, the applicant's ID number (any case of the check character), or part of their name.
 */
export function matchesSearch(a: Application, parts: readonly Part[], text: string): boolean {
  return (
    a.id.toLowerCase().startsWith(text) ||
    a.applicantIdNumber.toLowerCase() === text ||
    a.applicantName.toLowerCase().includes(text) ||
    parts.some((p) => p.caseNumber?.toLowerCase() === text)
  );
}
