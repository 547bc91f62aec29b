import type { SimClock } from './clock';

/** Where a case is in a department's workflow. Each stand-in renders these in its own wire terms. */
export type CaseStatus = 'accepted' | 'in_review' | 'approved' | 'rejected' | 'correction_requested';

/** The decision on a case, made from its content by the department's rules. */
export interface Decision {
  readonly outcome: 'approved' | 'rejected' | 'correction_requested';
  /** Why, in the department's words (zh-CN). */
  readonly reason?: string;
  /** For a correction request (补正): the semantic keys of the fields to correct. */
  readonly correctionFields?: readonly string[];
  /** What an approval produces (e.g. `enterprise.uscc`, a certificate number), by semantic key. */
  readonly result?: Readonly<Record<string, string>>;
}

/** One step of a case's timeline; steps in the future are scheduled, not yet visible. */
export interface Phase {
  readonly status: CaseStatus;
  readonly at: number;
  readonly decision?: Decision;
}

/** What an applicant hands in for one item. */
export interface CaseSubmission {
  readonly itemCode: string;
  /** The caller's reference: an idempotency key, or the external reference (外部编号) of the registry. */
  readonly requestRef: string;
  readonly applicantId: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly materials: readonly string[];
  /** Where each material handed in is (an upload, a document's number, a department holding it), by id, where the protocol says. */
  readonly materialRefs?: Readonly<Record<string, string>>;
  readonly callbackUrl?: string;
}

export interface CaseRecord extends CaseSubmission {
  readonly caseNumber: string;
  readonly submittedAt: number;
  fields: Readonly<Record<string, unknown>>;
  readonly phases: Phase[];
  /** How many phases have been settled (their effects applied, listeners told). */
  settled: number;
}

/** What a case looks like at one moment of the stand-in's clock. */
export interface CaseView {
  readonly caseNumber: string;
  readonly itemCode: string;
  readonly requestRef: string;
  readonly applicantId: string;
  readonly status: CaseStatus;
  readonly statusAt: number;
  readonly submittedAt: number;
  readonly decision?: Decision;
  readonly history: readonly { status: CaseStatus; at: number }[];
  readonly fields: Readonly<Record<string, unknown>>;
  readonly materials: readonly string[];
  readonly materialRefs: Readonly<Record<string, string>>;
}

/** A department's rules for its cases. */
export interface CaseRules {
  /** Decides from the content; called at submission and after each correction. */
  decide(submission: CaseSubmission): Decision;
  /** Simulated time from acceptance (or correction) to the start of review and to the decision. */
  schedule(itemCode: string): { readonly reviewAfterMs: number; readonly decideAfterMs: number };
  /** The department's case number for the `seq`-th case. */
  caseNumber(seq: number, itemCode: string, at: number): string;
  /** Applied once when a case reaches a phase (e.g. register the new enterprise on approval). */
  onPhase?(record: CaseRecord, phase: Phase): void;
}

export type CaseListener = (record: CaseRecord, phase: Phase) => void;

export class CaseError extends Error {
  constructor(
    readonly code: 'CASE_NOT_FOUND' | 'CASE_NOT_CORRECTABLE',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The cases a department has received, advancing on its clock: accepted at submission, in review after
 * the rules' delay, decided later. The status is derived from the clock, so moving the clock moves every
 * case; effects of a phase (and callbacks) happen once, when {@link settle} first sees it due.
 */
export class CaseStore {
  private readonly byNumber = new Map<string, CaseRecord>();
  private readonly byRef = new Map<string, CaseRecord[]>();
  private readonly listeners: CaseListener[] = [];
  /** Cases with phases not yet settled, so settling costs the open cases, not every case ever. */
  private readonly unsettled = new Set<CaseRecord>();
  private seq = 0;

  constructor(
    private readonly clock: SimClock,
    private readonly rules: CaseRules,
  ) {}

  private onTheSpot = false;

  /**
   * Whether new cases are decided the moment they are accepted (即办: handled on the spot), so the answer
   * to a submission already carries the decision; otherwise they follow the rules' schedule.
   */
  get decidesOnTheSpot(): boolean {
    return this.onTheSpot;
  }

  set decidesOnTheSpot(on: boolean) {
    this.onTheSpot = on;
  }

  /** Records a new case. Stores never deduplicate here: idempotency is the protocol's business. */
  submit(submission: CaseSubmission): CaseRecord {
    const now = this.clock.now();
    const { reviewAfterMs, decideAfterMs } = this.onTheSpot
      ? { reviewAfterMs: 0, decideAfterMs: 0 }
      : this.rules.schedule(submission.itemCode);
    const decision = this.rules.decide(submission);
    const decidedAt = this.onTheSpot ? now : now + Math.max(decideAfterMs, reviewAfterMs + 1);
    const record: CaseRecord = {
      ...submission,
      caseNumber: this.rules.caseNumber(++this.seq, submission.itemCode, now),
      submittedAt: now,
      phases: [
        { status: 'accepted', at: now },
        { status: 'in_review', at: now + reviewAfterMs },
        { status: decision.outcome, at: decidedAt, decision },
      ],
      settled: 0,
    };
    this.byNumber.set(record.caseNumber, record);
    const list = this.byRef.get(submission.requestRef) ?? [];
    list.push(record);
    this.byRef.set(submission.requestRef, list);
    this.unsettled.add(record);
    this.settle();
    return record;
  }

  get(caseNumber: string): CaseRecord | undefined {
    this.settle();
    return this.byNumber.get(caseNumber);
  }

  /** Every case submitted under a reference (more than one only where the protocol is not idempotent). */
  findByRef(requestRef: string): CaseRecord[] {
    this.settle();
    return this.byRef.get(requestRef) ?? [];
  }

  list(filter: { applicantId?: string; itemCode?: string } = {}): CaseRecord[] {
    this.settle();
    return [...this.byNumber.values()].filter(
      (c) =>
        (!filter.applicantId || c.applicantId === filter.applicantId) &&
        (!filter.itemCode || c.itemCode === filter.itemCode),
    );
  }

  get size(): number {
    return this.byNumber.size;
  }

  /** The case as it stands on the clock now. */
  view(record: CaseRecord): CaseView {
    const now = this.clock.now();
    const past = record.phases.filter((p) => p.at <= now);
    const current = past[past.length - 1]!;
    const decided = [...past].reverse().find((p) => p.decision);
    return {
      caseNumber: record.caseNumber,
      itemCode: record.itemCode,
      requestRef: record.requestRef,
      applicantId: record.applicantId,
      status: current.status,
      statusAt: current.at,
      submittedAt: record.submittedAt,
      ...(decided?.decision && decided === current ? { decision: decided.decision } : {}),
      history: past.map((p) => ({ status: p.status, at: p.at })),
      fields: record.fields,
      materials: record.materials,
      materialRefs: record.materialRefs ?? {},
    };
  }

  /** The applicant's correction (补正): only while a correction is requested; review starts again. */
  correct(caseNumber: string, fields: Readonly<Record<string, unknown>>): CaseRecord {
    const record = this.get(caseNumber);
    if (!record) throw new CaseError('CASE_NOT_FOUND', `no case ${caseNumber}`);
    const status = this.view(record).status;
    if (status !== 'correction_requested') {
      throw new CaseError(
        'CASE_NOT_CORRECTABLE',
        `case ${caseNumber} is ${status}, not waiting for a correction`,
      );
    }
    const now = this.clock.now();
    record.fields = { ...record.fields, ...fields };
    const decision = this.rules.decide(record);
    const { reviewAfterMs, decideAfterMs } = this.rules.schedule(record.itemCode);
    record.phases.push(
      { status: 'in_review', at: now },
      { status: decision.outcome, at: now + Math.max(decideAfterMs - reviewAfterMs, 1), decision },
    );
    this.unsettled.add(record);
    this.settle();
    return record;
  }

  /** Decides a case now, whatever its rules would say (the admin port's override, for tests and demos). */
  force(caseNumber: string, decision: Decision): CaseRecord {
    const record = this.byNumber.get(caseNumber);
    if (!record) throw new CaseError('CASE_NOT_FOUND', `no case ${caseNumber}`);
    const now = this.clock.now();
    const keep = record.phases.filter((p) => p.at <= now);
    if (!keep.some((p) => p.status === 'in_review')) keep.push({ status: 'in_review', at: now });
    keep.push({ status: decision.outcome, at: now, decision });
    record.phases.splice(0, record.phases.length, ...keep);
    record.settled = Math.min(record.settled, keep.length - 1);
    this.unsettled.add(record);
    this.settle();
    return record;
  }

  onPhase(listener: CaseListener): void {
    this.listeners.push(listener);
  }

  /**
   * Applies every phase that has come due since the last call, in time order across all cases (one
   * decision may depend on another's effect, e.g. a mortgage on a transfer): effects first, then
   * listeners, which see the phase as the effects left it (a rule may revise a decision when it comes due).
   */
  settle(): void {
    const now = this.clock.now();
    const due: { record: CaseRecord; index: number; at: number }[] = [];
    for (const record of this.unsettled) {
      for (let i = record.settled; i < record.phases.length && record.phases[i]!.at <= now; i++) {
        due.push({ record, index: i, at: record.phases[i]!.at });
      }
    }
    due.sort((a, b) => a.at - b.at);
    for (const { record, index } of due) {
      if (record.settled !== index) continue; // an effect rewrote this case's phases
      this.rules.onPhase?.(record, record.phases[index]!);
      record.settled = index + 1;
      const phase = record.phases[index]!;
      for (const listener of this.listeners) listener(record, phase);
    }
    for (const record of this.unsettled)
      if (record.settled >= record.phases.length) this.unsettled.delete(record);
  }
}

const HOUR = 3_600_000;

/**
 * The schedule every stand-in uses unless it has reason not to: review starts half an hour after
 * acceptance, and the decision comes after four simulated hours per promised working day (at least one
 * day's worth), comfortably inside the promised limit.
 */
export function scheduleFromItems(
  items: readonly { readonly code: string; readonly promisedLimitDays: number }[],
): CaseRules['schedule'] {
  const days = new Map(items.map((i) => [i.code, i.promisedLimitDays]));
  return (itemCode) => ({
    reviewAfterMs: HOUR / 2,
    decideAfterMs: Math.max(1, days.get(itemCode) ?? 1) * 4 * HOUR,
  });
}
