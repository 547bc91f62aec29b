import { describe, expect, it } from 'vitest';
import { type ClockLedger, readClock } from './legal-clock';
import { WorkingDayCalendar } from './working-days';

const calendar = WorkingDayCalendar.official();

/** A part accepted on `startedOn` with `promisedDays`, and the stops given. */
const ledger = (startedOn: string | null, promisedDays: number, stops: ClockLedger['stops'] = []) => ({
  startedOn,
  promisedDays,
  stops,
});

describe('the legal clock of a part (限时办结)', () => {
  it('has not started before the department accepts the case', () => {
    expect(readClock(calendar, ledger(null, 5), '2026-03-02')).toMatchObject({
      state: 'NOT_STARTED',
      deadline: null,
    });
  });

  it('runs from acceptance on the official calendar: the Spring Festival skipped, its 调休 Saturday counted', () => {
    // Accepted Monday 9 February 2026: 10–13 February, then Saturday the 14th, a working day (调休).
    expect(readClock(calendar, ledger('2026-02-09', 5), '2026-02-10')).toMatchObject({
      state: 'RUNNING',
      deadline: '2026-02-14',
      suspendedWorkingDays: 0,
    });
  });

  it('stops while the applicant corrects, and moves the deadline by the working days stopped, across the holiday', () => {
    const asked = { reason: 'CORRECTION' as const, from: '2026-02-11', until: null, declaredDays: null };
    // Asked on Wednesday the 11th: the clock stands still, the deadline not yet moved, nothing overdue.
    const waiting = readClock(calendar, ledger('2026-02-09', 5, [asked]), '2026-02-20');
    expect(waiting).toMatchObject({ state: 'SUSPENDED', deadline: '2026-02-14', stoppedBy: asked });
    // Received on Wednesday the 25th: not counted are the 12th, 13th, 14th (调休), 24th and 25th — the
    // holiday of the 15th to the 23rd was no working day anyway. Five more working days: 24th to 28th.
    const back = readClock(
      calendar,
      ledger('2026-02-09', 5, [{ ...asked, until: '2026-02-25' }]),
      '2026-02-25',
    );
    expect(back).toMatchObject({ state: 'RUNNING', suspendedWorkingDays: 5, deadline: '2026-02-28' });
  });

  it('runs again once the correction is received, even read on a day before it by a slower clock', () => {
    // The department's clock ran ahead: it received the correction on the 25th, read on the 20th.
    const stop = {
      reason: 'CORRECTION' as const,
      from: '2026-02-11',
      until: '2026-02-25',
      declaredDays: null,
    };
    expect(readClock(calendar, ledger('2026-02-09', 5, [stop]), '2026-02-20').state).toBe('RUNNING');
  });

  it('counts a correction asked and answered the same day as no stop at all', () => {
    const stop = {
      reason: 'CORRECTION' as const,
      from: '2026-03-03',
      until: '2026-03-03',
      declaredDays: null,
    };
    expect(readClock(calendar, ledger('2026-03-02', 3, [stop]), '2026-03-03')).toMatchObject({
      state: 'RUNNING',
      suspendedWorkingDays: 0,
      deadline: '2026-03-05',
    });
  });

  it('adds exactly the working days a declared appraisal takes (第四十五条), across the Mid-Autumn and National Day holidays', () => {
    const appraisal = { reason: 'APPRAISAL' as const, from: '2026-09-24', until: null, declaredDays: 10 };
    // Accepted Monday 21 September with 5 days: 22–25 September… the 25th is 中秋: 22, 23, 24, 28, 29.
    expect(readClock(calendar, ledger('2026-09-21', 5), '2026-09-22').deadline).toBe('2026-09-29');
    // Ten working days more: 30 September, then 8, 9, 10 (调休 Saturday), 12, 13, 14, 15, 16, 19 October.
    const r = readClock(calendar, ledger('2026-09-21', 5, [appraisal]), '2026-10-09');
    expect(r).toMatchObject({ state: 'SUSPENDED', suspendedWorkingDays: 10, deadline: '2026-10-19' });
    // Its ten working days from the 24th end on 15 October; the clock runs again the day after.
    expect(readClock(calendar, ledger('2026-09-21', 5, [appraisal]), '2026-10-15').state).toBe('SUSPENDED');
    expect(readClock(calendar, ledger('2026-09-21', 5, [appraisal]), '2026-10-16').state).toBe('RUNNING');
  });

  it('sums every stop of a part', () => {
    const stops = [
      { reason: 'CORRECTION' as const, from: '2026-03-03', until: '2026-03-05', declaredDays: null },
      { reason: 'PUBLIC_NOTICE' as const, from: '2026-03-09', until: null, declaredDays: 3 },
    ];
    expect(readClock(calendar, ledger('2026-03-02', 5, stops), '2026-03-20')).toMatchObject({
      suspendedWorkingDays: 5,
      deadline: '2026-03-16',
    });
  });

  it('names the years the calendar does not know between the start and the deadline, never trusting weekends alone silently', () => {
    const r = readClock(calendar, ledger('2026-12-21', 15), '2026-12-22');
    expect(r.deadline! > '2027-01-01').toBe(true);
    expect(r.unknownYears).toEqual([2027]);
    expect(readClock(calendar, ledger('2026-03-02', 5), '2026-03-02').unknownYears).toEqual([]);
  });
});
