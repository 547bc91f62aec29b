import type { Logger } from '@onething/runtime';
import { inSpan, isTracing, linksTo, type Span, SpanKind, tracer } from '@onething/runtime/tracing';
import type { DepartmentKey } from '@onething/schema';
import type { Part } from '../applications/model';
import { legalDeadline } from '../applications/part-clock';
import { partTransition, type Transition } from '../applications/part-machine';
import type { Applications } from '../applications/store';
import { beijingDate, type WorkingDayCalendar } from '../calendar/working-days';
import type { BundleCatalogue } from '../catalogue/bundle-catalogue';
import type { DocumentDesk } from '../documents/desk';
import type { HandOutDesk } from '../handout/desk';
import { jitteredBackoff } from '../outbox/backoff';
import { enqueue, type Job, type JobQueue } from '../outbox/jobs';
import { PaymentDesk } from '../payments/desk';
import { currentOrder } from '../payments/model';
import type { Payments } from '../payments/store';
import { finishOf, recordFinish } from '../performance/finish';
import type { Queryable, UnitOfWork } from '../platform/unit-of-work';
import { caseInput } from './case-input';
import { type CaseView, type DepartmentApi, DispatchError } from './department-api';
import { nextPollDelay } from './poll-backoff';

const tracing = tracer('hall');

/** A department's Retry-After is honoured up to this; longer answers fall back to our own backoff. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/**
 * What sending a submission or a correction proves: that the department accepted the case. Departments
 * answer a submission briefly — its case number, its status, not what a decision issued or asked for — so
 * a decision already taken when it answered (an instant approval, 秒批) is not taken from that answer: the
 * case is recorded as accepted and read back, and only the full reading releases the parts waiting for it.
 */
export function provenBySending(job: Pick<Job, 'kind'>, answer: CaseView): CaseView {
  if (job.kind === 'poll' || answer.status === 'ACCEPTED' || answer.status === 'IN_REVIEW') return answer;
  return { ...answer, status: 'ACCEPTED', reason: null, correctionFields: [], result: [] };
}

/**
 * The parts a part waits for, directly or through others: a result flows from any of them (the USCC
 * from the establishment reaches the invoice application, which waits for it through the new taxpayer).
 */
export function ancestorsOf(part: Pick<Part, 'after'>, all: readonly Part[]): Part[] {
  const byItem = new Map(all.map((p) => [p.itemCode, p]));
  const seen = new Set<string>();
  const visit = (codes: readonly string[]) => {
    for (const code of codes) {
      if (seen.has(code)) continue;
      seen.add(code);
      visit(byItem.get(code)?.after ?? []);
    }
  };
  visit(part.after);
  return all.filter((p) => seen.has(p.itemCode));
}

/**
 * How a job ended: recorded what the department said; will retry; gave up (dead letter); the department
 * refused it; another worker took it over meanwhile (its lease ran out), so nothing was recorded; or its
 * part had finished meanwhile, so the job was closed with nothing recorded.
 */
export type DispatchOutcome = 'recorded' | 'retry' | 'dead_lettered' | 'refused' | 'lease_lost' | 'stale';

export interface DispatchSettings {
  readonly intervalMs: number;
  readonly concurrency: number;
  readonly leaseMs: number;
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** The wait before resending a submission whose fate is unknown ({@link DispatchError.uncertain}). */
  readonly uncertainWaitMs: number;
  readonly pollIntervalMs: number;
  /** The longest wait between reads of a case that stays unchanged (poll-backoff.ts). */
  readonly pollMaxIntervalMs: number;
}

/**
 * Sends parts to their departments through the supergraph and follows their cases: a part goes when the
 * parts it waits for are approved, in parallel otherwise; failures are retried with jittered backoff
 * until the part is dead-lettered for window staff. Each job is claimed under a lease, and every call
 * carries the part's idempotency key, so a crash or a second hall process never makes a second case.
 */
export class Dispatcher {
  private timer: NodeJS.Timeout | undefined;
  private readonly running = new Set<Promise<void>>();
  private ticking = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly deps: {
      readonly apps: Applications;
      readonly jobs: JobQueue;
      readonly uow: UnitOfWork;
      readonly hall: BundleCatalogue;
      readonly api: DepartmentApi;
      readonly calendar: WorkingDayCalendar;
      readonly settings: DispatchSettings;
      readonly log: Logger;
      /** Told how each job ended (for metrics). */
      readonly onOutcome?: (kind: Job['kind'], outcome: DispatchOutcome) => void;
      /** The applications' payments and the cashier that works them (bundles with a payment step). */
      readonly payments?: { readonly store: Payments; readonly desk: PaymentDesk };
      /** The output window: posting the results and following the waybill. */
      readonly handOut?: HandOutDesk;
      /** Brings in the documents an approval issued (我的证照). */
      readonly documents?: DocumentDesk;
    },
  ) {
    if (deps.payments) deps.payments.desk.releaseHeld = (tx, id, now) => this.release(tx, id, now, null);
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), this.deps.settings.intervalMs);
    this.timer.unref();
    this.wake();
  }

  /** Lets the jobs in flight finish; claims nothing more. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([...this.running]);
  }

  /** Looks for due jobs now (after a submission, a callback). */
  wake(): void {
    if (this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = true;
    void this.tick()
      .catch((err: unknown) => this.deps.log.error({ err }, 'dispatcher could not claim work'))
      .finally(() => {
        this.ticking = false;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async tick(): Promise<void> {
    const free = this.deps.settings.concurrency - this.running.size;
    const jobs = await this.deps.jobs.claim(free, this.deps.settings.leaseMs);
    for (const job of jobs) {
      const run = this.run(job)
        .catch((err: unknown) =>
          this.deps.log.error({ err, job: job.id }, 'dispatch job failed unexpectedly'),
        )
        .finally(() => {
          this.running.delete(run);
          if (!this.stopped) this.wake();
        });
      this.running.add(run);
    }
  }

  /**
   * The wait before the next try: jittered exponential backoff, but never sooner than the department (or
   * the adapter's open circuit breaker) asked — a try that is bound to be refused would spend an attempt.
   */
  private backoff(attempts: number): number {
    return jitteredBackoff(attempts, this.deps.settings.backoffBaseMs, this.deps.settings.backoffMaxMs);
  }

  /** How long a case read `quiet` times without news waits for its next read (poll-backoff.ts). */
  private quietWait(quiet: number, now: Date, deadline: string | null): number {
    const { pollIntervalMs, pollMaxIntervalMs } = this.deps.settings;
    return nextPollDelay({
      quiet,
      intervalMs: pollIntervalMs,
      maxIntervalMs: pollMaxIntervalMs,
      now,
      deadline,
    });
  }

  private run(job: Job): Promise<void> {
    if (!isTracing()) return this.runJob(job);
    // A trace of its own per job (whatever request woke the dispatcher), linked to the request that made
    // the work: the submission, the correction, the retry by window staff — kept with the job, so the link
    // holds whichever hall process runs it, and after a restart.
    return inSpan(
      tracing,
      `dispatch ${job.kind}`,
      {
        kind: SpanKind.CONSUMER,
        root: true,
        links: linksTo(job.traceParent),
        attributes: {
          'onething.job.id': job.id,
          'onething.job.kind': job.kind,
          'onething.job.attempt': job.attempts + 1,
          'onething.part': job.partId,
        },
      },
      (span) => this.runJob(job, span),
    );
  }

  private async runJob(job: Job, span?: Span): Promise<void> {
    const { apps, hall, api, uow } = this.deps;
    const part = await apps.part(job.partId);
    const application = part && (await apps.get(part.applicationId));
    if (!part || !application) return;
    const department = part.department as DepartmentKey;
    span?.setAttributes({
      'onething.application': application.id,
      'onething.item': part.itemCode,
      'onething.department': department,
    });
    const actingFor = { idNumber: application.applicantIdNumber, enterprises: application.enterprises };
    const log = this.deps.log.child({
      application: application.id,
      part: part.id,
      item: part.itemCode,
      job: job.kind,
    });
    if (job.kind === 'post') {
      if (!this.deps.handOut) return;
      this.deps.onOutcome?.(job.kind, await this.deps.handOut.run(job, part, application));
      return;
    }
    if (job.kind === 'documents') {
      if (!this.deps.documents) return;
      this.deps.onOutcome?.(job.kind, await this.deps.documents.run(job, part, application));
      return;
    }
    if (job.kind === 'pay' || job.kind === 'refund') {
      if (!this.deps.payments) return;
      this.deps.onOutcome?.(job.kind, await this.deps.payments.desk.run(job, part, application));
      return;
    }
    try {
      let view: CaseView;
      if (job.kind === 'submit') {
        if (part.caseNumber) view = await api.get(department, part.caseNumber, actingFor);
        else {
          const item = hall.items.get(part.itemCode);
          if (!item)
            throw new DispatchError(
              false,
              'ITEM_UNKNOWN',
              `the departments no longer publish item ${part.itemCode}`,
            );
          const before = ancestorsOf(part, await apps.parts(application.id));
          const payment = await this.deps.payments?.store.get(application.id);
          if (PaymentDesk.holds(payment, part.itemCode)) {
            // Sent before its payment settled (a retry from an older release): it waits for the payment.
            await uow((tx) => this.deps.jobs.complete(tx, job.id));
            this.deps.onOutcome?.(job.kind, 'stale');
            return;
          }
          const paid =
            payment?.status === 'PAID' && payment.holds.includes(part.itemCode)
              ? { proof: payment.proof, orderNumber: currentOrder(payment)!.orderNumber }
              : null;
          const sent = partTransition(part, { type: 'send' });
          if (sent.ok) await uow((tx) => apps.updatePart(tx, part.id, sent.change));
          const held = this.deps.documents ? await this.deps.documents.heldFor(item, application) : undefined;
          view = await api.submit(
            department,
            caseInput(item, application, part, before, paid, held),
            actingFor,
          );
          log.info({ caseNumber: view.caseNumber }, 'dispatched');
        }
      } else if (job.kind === 'correct') {
        const { fields, key } = job.payload as { fields: { key: string; value: string }[]; key: string };
        view = await api.correct(department, part.caseNumber!, key, fields, actingFor);
        log.info({ caseNumber: view.caseNumber }, 'correction sent');
      } else {
        view = await api.get(department, part.caseNumber!, actingFor);
      }
      const outcome = await this.record(job, view);
      span?.setAttributes({ 'onething.dispatch.outcome': outcome, 'onething.case.status': view.status });
      this.deps.onOutcome?.(job.kind, outcome);
    } catch (e) {
      const err =
        e instanceof DispatchError ? e : new DispatchError(true, 'UNEXPECTED', (e as Error).message);
      const outcome = await this.failed(job, err);
      span?.setAttributes({ 'onething.dispatch.outcome': outcome, 'onething.error_code': err.code });
      this.deps.onOutcome?.(job.kind, outcome);
      log.warn(
        { code: err.code, attempts: job.attempts + 1, retryable: err.retryable, outcome },
        err.message,
      );
    }
  }

  /** Records what the department said, and what follows from it, if this worker still holds the job. */
  private async record(job: Job, answered: CaseView): Promise<DispatchOutcome> {
    const { apps, jobs, uow, calendar } = this.deps;
    const now = new Date();
    const view = provenBySending(job, answered);
    const acceptedAt = new Date(view.acceptedAt);
    return uow(async (tx): Promise<DispatchOutcome> => {
      if (!(await jobs.holds(tx, job.id))) return 'lease_lost';
      const part = (await apps.part(job.partId, tx))!;
      const answer = partTransition(part, {
        type: 'answer',
        case: {
          status: view.status,
          caseNumber: view.caseNumber,
          acceptedAt,
          statusAt: new Date(view.statusAt),
          reason: view.reason,
          correctionFields: view.correctionFields,
          result: Object.fromEntries(view.result.map((r) => [r.key, r.value])),
        },
        deadline: calendar.addWorkingDays(beijingDate(acceptedAt), part.promisedDays),
        at: now,
      });
      if (!answer.ok) {
        await jobs.complete(tx, job.id, now);
        return 'stale';
      }
      // A stop of the clock that ended moves the deadline by the working days it stopped.
      const change = answer.change.clockStops
        ? { ...answer.change, deadline: legalDeadline(calendar, { ...part, ...answer.change }) }
        : answer.change;
      const updated = await apps.updatePart(tx, part.id, change, now);
      const following = view.status === 'ACCEPTED' || view.status === 'IN_REVIEW';
      // A decision reported in the answer to a submission is read back at once, with what it issued; a
      // case still being decided is read again later, the later the longer it stays unchanged.
      const quiet =
        job.kind === 'poll' &&
        updated.status === part.status &&
        updated.statusAt?.getTime() === part.statusAt?.getTime()
          ? Number(job.payload.quiet ?? 0) + 1
          : 0;
      const pollAt =
        view === answered ? new Date(now.getTime() + this.quietWait(quiet, now, updated.deadline)) : now;
      if (job.kind === 'poll' && following) await jobs.reschedule(tx, job.id, pollAt, undefined, { quiet });
      else {
        await jobs.complete(tx, job.id, now);
        if (following) await enqueue(tx, part.id, 'poll', pollAt, {}, now, job.traceParent);
      }
      await this.follow(tx, updated, answer, now, job.traceParent);
      if ((updated.status === 'APPROVED' || updated.status === 'REJECTED') && updated.status !== part.status)
        await recordFinish(tx, part.id, finishOf(calendar, updated, now));
      if (updated.status === 'APPROVED' && part.status !== 'APPROVED')
        await this.deps.documents?.approved(tx, updated, now, job.traceParent);
      return 'recorded';
    });
  }

  /**
   * Carries out what follows a part's move for the parts waiting for it: they go now, or go with it. The
   * jobs it makes keep the trace context of the job that made them (the submission's, through its parts).
   */
  private async follow(
    tx: Queryable,
    part: Part,
    moved: Transition,
    now: Date,
    traceParent: string | null,
  ): Promise<void> {
    if (!moved.ok) return;
    if (moved.then.includes('releaseFollowers')) await this.release(tx, part.applicationId, now, traceParent);
    if (moved.then.includes('cancelFollowers')) {
      await this.cancelDependents(tx, part.applicationId, part.itemCode, now);
      // A refused application owes back the fees it did not use, or pays nothing more.
      await this.deps.payments?.desk.afterPartsMoved(
        tx,
        await this.deps.apps.parts(part.applicationId, tx),
        now,
      );
    }
  }

  /**
   * Parts whose every predecessor is approved can go now — but not those the application's payment holds
   * back until it is paid (a payment whose assessments are all approved falls due here).
   */
  private async release(
    tx: Queryable,
    applicationId: string,
    now: Date,
    traceParent: string | null,
  ): Promise<void> {
    const parts = await this.deps.apps.parts(applicationId, tx);
    const payment = await this.deps.payments?.desk.afterPartsMoved(tx, parts, now);
    const approved = new Set(parts.filter((p) => p.status === 'APPROVED').map((p) => p.itemCode));
    for (const p of parts) {
      if (p.status !== 'WAITING' || !p.after.every((c) => approved.has(c))) continue;
      if (PaymentDesk.holds(payment, p.itemCode)) continue;
      // A part that waits for nothing went at submission, unless the payment held it back until now.
      if (p.after.length > 0 || payment?.holds.includes(p.itemCode))
        await enqueue(tx, p.id, 'submit', now, {}, now, traceParent);
    }
  }

  /** A refused part takes the parts waiting for it with it: they can no longer be applied for. */
  private async cancelDependents(
    tx: Queryable,
    applicationId: string,
    refused: string,
    now: Date,
  ): Promise<void> {
    const parts = await this.deps.apps.parts(applicationId, tx);
    const gone = new Set([refused]);
    for (let changed = true; changed; ) {
      changed = false;
      for (const p of parts) {
        if (!gone.has(p.itemCode) && p.after.some((c) => gone.has(c))) {
          gone.add(p.itemCode);
          changed = true;
          const cancelled = partTransition(p, { type: 'cancel', refusedItem: refused });
          if (cancelled.ok) await this.deps.apps.updatePart(tx, p.id, cancelled.change, now);
        }
      }
    }
  }

  private async failed(job: Job, err: DispatchError): Promise<DispatchOutcome> {
    const { apps, jobs, uow, settings } = this.deps;
    const now = new Date();
    const problem = `${err.code}: ${err.message}`;
    return uow(async (tx): Promise<DispatchOutcome> => {
      if (!(await jobs.holds(tx, job.id))) return 'lease_lost';
      const part = (await apps.part(job.partId, tx))!;
      const attempts = job.attempts + 1;
      const failure = partTransition(part, {
        type: 'fail',
        job: job.kind,
        code: err.code,
        message: err.message,
        retryable: err.retryable,
        exhausted: attempts >= settings.maxAttempts,
        at: now,
      });
      if (!failure.ok) {
        await jobs.fail(tx, job.id, problem, now);
        return 'stale';
      }
      const updated = await apps.updatePart(tx, part.id, failure.change, now);
      if (updated.status === 'REJECTED' && part.status !== 'REJECTED')
        await recordFinish(tx, part.id, finishOf(this.deps.calendar, updated, now));
      await this.follow(tx, updated, failure, now, job.traceParent);
      if (failure.then.includes('giveUpJob')) {
        await jobs.fail(tx, job.id, problem, now);
        return failure.to === 'REJECTED' ? 'refused' : 'dead_lettered';
      }
      // A submission that may have reached the department (its subgraph died or went silent while sending
      // it) waits until the department has surely made the case, if it was making one: the resend starts
      // with a look-up by reference, which finds the case only once it is made (two cases otherwise).
      const settle =
        job.kind === 'submit' && !part.caseNumber && err.uncertain ? settings.uncertainWaitMs : 0;
      // A read that failed learnt nothing new of the case: it counts as a quiet read, so a department that
      // is down (or a breaker that is open) is not asked more often than one that answers "unchanged".
      const quiet = job.kind === 'poll' ? Number(job.payload.quiet ?? 0) + 1 : undefined;
      const quietWait = quiet === undefined ? 0 : this.quietWait(quiet, now, updated.deadline);
      await jobs.reschedule(
        tx,
        job.id,
        new Date(
          now.getTime() +
            Math.max(
              this.backoff(attempts),
              settle,
              quietWait,
              Math.min(err.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS),
            ),
        ),
        problem,
        quiet === undefined ? undefined : { ...job.payload, quiet },
      );
      return 'retry';
    });
  }
}
