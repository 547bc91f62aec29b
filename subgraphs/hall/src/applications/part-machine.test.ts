import { describe, expect, it } from 'vitest';
import { PART_STATUSES, type Part, type PartStatus } from './model';
import { type CaseStatus, type PartEvent, partTransition } from './part-machine';

const at = new Date('2026-03-02T02:00:00Z');

const partIn = (status: PartStatus, more: Partial<Part> = {}): Part => ({
  id: 'p-1',
  applicationId: 'a-1',
  seq: 0,
  itemCode: 'TAX-DEED-TAX',
  department: 'tax',
  after: [],
  promisedDays: 5,
  status,
  caseNumber: null,
  acceptedAt: null,
  statusAt: null,
  deadline: null,
  reason: null,
  correctionFields: [],
  result: {},
  attempts: 2,
  lastError: null,
  lastErrorCode: null,
  corrections: 0,
  deadLetteredAt: null,
  clockStops: [],
  ...more,
});

const answer = (status: CaseStatus): PartEvent => ({
  type: 'answer',
  case: {
    status,
    caseNumber: 'TAX-1',
    acceptedAt: at,
    statusAt: at,
    reason: status === 'REJECTED' ? '不符合条件' : null,
    correctionFields: status === 'CORRECTION_REQUESTED' ? ['property.area'] : [],
    result: status === 'APPROVED' ? { 'tax.voucher': 'V-1' } : {},
  },
  deadline: '2026-03-09',
  at,
});

const failure = (job: 'submit' | 'correct' | 'poll', retryable: boolean, exhausted: boolean): PartEvent => ({
  type: 'fail',
  job,
  code: retryable ? 'DEPARTMENT_UNAVAILABLE' : 'DEPARTMENT_REJECTED',
  message: retryable ? 'tax is down' : '不予受理',
  retryable,
  exhausted,
  at,
});

/** Every event the machine knows, each in the forms that lead to different statuses. */
const EVENTS = {
  send: { event: { type: 'send' } },
  'answer ACCEPTED': { event: answer('ACCEPTED') },
  'answer IN_REVIEW': { event: answer('IN_REVIEW') },
  'answer APPROVED': { event: answer('APPROVED') },
  'answer REJECTED': { event: answer('REJECTED') },
  'answer CORRECTION_REQUESTED': { event: answer('CORRECTION_REQUESTED') },
  'fail, will retry': { event: failure('submit', true, false) },
  'fail, refused': { event: failure('submit', false, false) },
  'fail, last attempt': { event: failure('correct', true, true) },
  'poll fails, refused and last attempt': { event: failure('poll', false, true) },
  correct: { event: { type: 'correct' } },
  'retry a failed correction': { event: { type: 'retry', failedJob: 'correct' } },
  'retry, case known': { event: { type: 'retry', failedJob: 'submit' }, part: { caseNumber: 'TAX-1' } },
  'retry, never accepted': { event: { type: 'retry', failedJob: undefined } },
  cancel: { event: { type: 'cancel', refusedItem: 'MARKET-ESTABLISH' } },
} satisfies Record<string, { event: PartEvent; part?: Partial<Part> }>;

type EventName = keyof typeof EVENTS;
const R = 'refused' as const;
const SAME = 'same' as const;

type Expected = PartStatus | typeof R | typeof SAME;
type Row = Record<EventName, Expected>;

/** A part not finished records whatever the department says of its case. */
const RECORDS_ANSWERS = {
  'answer ACCEPTED': 'ACCEPTED',
  'answer IN_REVIEW': 'IN_REVIEW',
  'answer APPROVED': 'APPROVED',
  'answer REJECTED': 'REJECTED',
  'answer CORRECTION_REQUESTED': 'CORRECTION_REQUESTED',
} satisfies Partial<Row>;

/** A part not finished counts a failed attempt, is refused, or dead-lettered; a read never ends it. */
const TAKES_FAILURES = {
  'fail, will retry': SAME,
  'fail, refused': 'REJECTED',
  'fail, last attempt': 'DEAD_LETTERED',
  'poll fails, refused and last attempt': SAME,
} satisfies Partial<Row>;

/** What the applicant, window staff and a refused predecessor can do, refused unless a row says. */
const REFUSES_THE_REST = {
  send: R,
  correct: R,
  'retry a failed correction': R,
  'retry, case known': R,
  'retry, never accepted': R,
  cancel: R,
} satisfies Partial<Row>;

const OPEN: Row = { ...RECORDS_ANSWERS, ...TAKES_FAILURES, ...REFUSES_THE_REST };
const FINISHED = Object.fromEntries(Object.keys(EVENTS).map((name) => [name, R])) as Row;

/**
 * From every status, every event: the status the part moves to, `same` when it stays where it is, or a
 * refusal. Typed by PartStatus and the events above: a new status or event does not compile until the
 * table says what it does, and the first test fails until it has a row.
 */
const TABLE: Record<PartStatus, Row> = {
  WAITING: { ...OPEN, send: 'DISPATCHING', cancel: 'CANCELLED' },
  DISPATCHING: OPEN,
  ACCEPTED: OPEN,
  IN_REVIEW: OPEN,
  CORRECTION_REQUESTED: { ...OPEN, correct: 'DISPATCHING' },
  // A department's callback about a dead-lettered part's case is read back and recorded.
  DEAD_LETTERED: {
    ...OPEN,
    'retry a failed correction': 'DISPATCHING',
    'retry, case known': 'ACCEPTED',
    'retry, never accepted': 'WAITING',
  },
  APPROVED: FINISHED,
  REJECTED: FINISHED,
  CANCELLED: FINISHED,
};

describe('the part state machine', () => {
  it('has a row for every status and a column for every event', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...PART_STATUSES].sort());
    for (const row of Object.values(TABLE))
      expect(Object.keys(row).sort()).toEqual(Object.keys(EVENTS).sort());
  });

  const cases = PART_STATUSES.flatMap((from) =>
    (Object.keys(EVENTS) as EventName[]).map((name) => [from, name, TABLE[from][name]] as const),
  );
  it.each(cases)('%s, on %s: %s', (from, name, expected) => {
    const { event, part } = EVENTS[name] as { event: PartEvent; part?: Partial<Part> };
    const moved = partTransition(partIn(from, part), event);
    if (expected === R) {
      expect(moved.ok).toBe(false);
      if (!moved.ok) expect(moved.refusal).toContain(from);
    } else {
      expect(moved).toMatchObject({ ok: true, to: expected === SAME ? from : expected });
      if (moved.ok) expect(moved.change.status).toBe(moved.to);
    }
  });
});

describe('what a transition changes on the part, and what follows', () => {
  const apply = (part: Part, event: PartEvent) => {
    const moved = partTransition(part, event);
    if (!moved.ok) throw new Error(moved.refusal);
    return moved;
  };

  it('records the department’s case and clears the last problem; an approval releases the followers', () => {
    const moved = apply(
      partIn('DISPATCHING', { lastError: 'DEPARTMENT_TIMEOUT: slow', lastErrorCode: 'DEPARTMENT_TIMEOUT' }),
      answer('APPROVED'),
    );
    expect(moved.change).toEqual({
      status: 'APPROVED',
      caseNumber: 'TAX-1',
      acceptedAt: at,
      statusAt: at,
      deadline: '2026-03-09',
      reason: null,
      correctionFields: [],
      result: { 'tax.voucher': 'V-1' },
      lastError: null,
      lastErrorCode: null,
    });
    expect(moved.then).toEqual(['releaseFollowers']);
  });

  it('keeps the deadline counted from the first acceptance', () => {
    const moved = apply(partIn('IN_REVIEW', { deadline: '2026-03-05' }), answer('CORRECTION_REQUESTED'));
    expect(moved.change).toMatchObject({ deadline: '2026-03-05', correctionFields: ['property.area'] });
    expect(moved.then).toEqual([]);
  });

  describe('its legal clock', () => {
    const later = new Date('2026-03-05T03:00:00Z');
    const asked = {
      reason: 'CORRECTION' as const,
      from: '2026-03-02',
      until: null,
      declaredDays: null,
      by: { kind: 'department' as const, department: 'tax' },
      note: null,
      at,
    };
    const answered = (status: CaseStatus, statusAt: Date): PartEvent => {
      const e = answer(status) as Extract<PartEvent, { type: 'answer' }>;
      return { ...e, case: { ...e.case, statusAt } };
    };

    it('stops when the department asks for a correction, from the day it asked by its clock', () => {
      const moved = apply(partIn('IN_REVIEW'), answer('CORRECTION_REQUESTED'));
      expect(moved.change.clockStops).toEqual([asked]);
    });

    it('stays stopped, not stopped twice, when the same request is read again', () => {
      const moved = apply(
        partIn('CORRECTION_REQUESTED', { clockStops: [asked] }),
        answer('CORRECTION_REQUESTED'),
      );
      expect(moved.change.clockStops).toBeUndefined();
    });

    it('runs again from the day the department received the correction', () => {
      const moved = apply(partIn('DISPATCHING', { clockStops: [asked] }), answered('IN_REVIEW', later));
      expect(moved.change.clockStops).toEqual([{ ...asked, until: '2026-03-05' }]);
    });

    it('is left alone by answers while running, and by a declared stop in force', () => {
      expect(apply(partIn('ACCEPTED'), answer('IN_REVIEW')).change.clockStops).toBeUndefined();
      const declared = { ...asked, reason: 'APPRAISAL' as const, declaredDays: 5 };
      expect(
        apply(partIn('IN_REVIEW', { clockStops: [declared] }), answered('APPROVED', later)).change.clockStops,
      ).toBeUndefined();
    });
  });

  it('takes the followers with a refusal, by the department or by its answer to a submission', () => {
    expect(apply(partIn('IN_REVIEW'), answer('REJECTED')).then).toEqual(['cancelFollowers']);
    const refused = apply(partIn('DISPATCHING'), failure('submit', false, false));
    expect(refused.change).toEqual({
      status: 'REJECTED',
      reason: '不予受理',
      lastError: 'DEPARTMENT_REJECTED: 不予受理',
      lastErrorCode: 'DEPARTMENT_REJECTED',
    });
    expect(refused.then).toEqual(['cancelFollowers', 'giveUpJob']);
  });

  it('counts a failed attempt and tries the job again, a read whatever went wrong', () => {
    for (const event of [failure('submit', true, false), failure('poll', false, true)]) {
      const moved = apply(partIn('ACCEPTED'), event);
      expect(moved.change).toMatchObject({ status: 'ACCEPTED', attempts: 3 });
      expect(moved.then).toEqual(['tryJobAgain']);
    }
  });

  it('dead-letters a part whose last attempt failed, for window staff, and gives up the job', () => {
    const moved = apply(partIn('DISPATCHING'), failure('correct', true, true));
    expect(moved.change).toEqual({
      status: 'DEAD_LETTERED',
      deadLetteredAt: at,
      attempts: 3,
      lastError: 'DEPARTMENT_UNAVAILABLE: tax is down',
      lastErrorCode: 'DEPARTMENT_UNAVAILABLE',
    });
    expect(moved.then).toEqual(['giveUpJob']);
  });

  it('counts a correction and clears the department’s reason', () => {
    const moved = apply(partIn('CORRECTION_REQUESTED', { corrections: 1, reason: '面积有误' }), {
      type: 'correct',
    });
    expect(moved.change).toEqual({ status: 'DISPATCHING', corrections: 2, reason: null });
  });

  it('takes a retried part out of the dead letters', () => {
    expect(
      apply(partIn('DEAD_LETTERED', { deadLetteredAt: at }), { type: 'retry', failedJob: 'submit' }).change,
    ).toEqual({
      status: 'WAITING',
      deadLetteredAt: null,
    });
  });

  it('says which part was refused when it cancels a follower', () => {
    expect(apply(partIn('WAITING'), { type: 'cancel', refusedItem: 'MARKET-ESTABLISH' }).change).toEqual({
      status: 'CANCELLED',
      reason: 'MARKET-ESTABLISH 不予办理，本事项随之终止',
    });
  });
});
