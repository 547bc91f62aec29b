import { describe, expect, it, vi } from 'vitest';
import { beijingDate, supervise, WorkingDayCalendar } from './working-days';

const cal = WorkingDayCalendar.official();

describe('the official working-day calendar', () => {
  it.each([
    // 2024 (国办发明电〔2023〕7号)
    ['2024-02-10', false],
    ['2024-02-17', false],
    ['2024-02-04', true],
    ['2024-02-18', true],
    ['2024-04-07', true],
    ['2024-04-28', true],
    ['2024-05-11', true],
    ['2024-05-01', false],
    ['2024-06-10', false],
    ['2024-09-14', true],
    ['2024-09-16', false],
    ['2024-09-29', true],
    ['2024-10-12', true],
    ['2024-10-07', false],
    // 2025 (国办发明电〔2024〕12号)
    ['2025-01-01', false],
    ['2025-01-26', true],
    ['2025-01-28', false],
    ['2025-02-04', false],
    ['2025-02-08', true],
    ['2025-04-04', false],
    ['2025-04-27', true],
    ['2025-05-05', false],
    ['2025-06-02', false],
    ['2025-09-28', true],
    ['2025-10-08', false],
    ['2025-10-11', true],
    // 2026
    ['2026-01-02', false],
    ['2026-01-04', true],
    ['2026-02-14', true],
    ['2026-02-23', false],
    ['2026-02-28', true],
    ['2026-05-09', true],
    ['2026-06-19', false],
    ['2026-09-20', true],
    ['2026-09-25', false],
    ['2026-10-10', true],
    ['2026-10-07', false],
    // ordinary days
    ['2026-11-20', true],
    ['2026-11-21', false],
    ['2026-11-22', false],
    ['2026-11-23', true],
  ] as const)('%s is %s a working day', (date, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
  });

  it('counts a time limit from the day after acceptance, over holidays and weekends', () => {
    expect(cal.addWorkingDays('2026-11-20', 1)).toBe('2026-11-23'); // Friday + 1 → Monday
    expect(cal.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08'); // over National Day
    expect(cal.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24'); // Sat 14th is a working day, then Spring Festival
    expect(cal.addWorkingDays('2026-09-18', 2)).toBe('2026-09-21'); // Sun 20th is a working day
    expect(cal.addWorkingDays('2026-11-20', 0)).toBe('2026-11-20'); // 即办: the same day
    expect(cal.addWorkingDays('2026-11-23', 5)).toBe('2026-11-30');
  });

  it('counts working days between dates', () => {
    expect(cal.workingDaysBetween('2026-11-20', '2026-11-23')).toBe(1);
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-08')).toBe(1);
    expect(cal.workingDaysBetween('2026-11-23', '2026-11-20')).toBe(-1);
  });

  it('knows which years the State Council schedule covers', () => {
    expect(cal.covers(2026)).toBe(true);
    expect(cal.covers(2030)).toBe(false);
    expect(cal.isWorkingDay('2030-01-01')).toBe(true); // a Tuesday: weekends alone, until the notice is added
  });

  it('warns once per year it does not cover, naming the year, and never of a covered one', () => {
    const warnings: { year: number }[] = [];
    const watched = WorkingDayCalendar.official(undefined, {
      warn: (fields: object) => void warnings.push(fields as { year: number }),
    } as never);
    watched.addWorkingDays('2026-11-23', 5);
    watched.workingDaysBetween('2026-01-05', '2026-12-31');
    expect(warnings).toEqual([]);
    watched.addWorkingDays('2026-12-28', 10); // the deadline falls in 2027
    watched.isWorkingDay('2027-03-01');
    watched.workingDaysBetween('2027-01-04', '2028-01-03');
    expect(warnings.map((w) => w.year)).toEqual([2027, 2028]);
  });

  it('takes dates in Beijing time', () => {
    expect(beijingDate('2026-11-22T15:59:59Z')).toBe('2026-11-22');
    expect(beijingDate('2026-11-22T16:00:00Z')).toBe('2026-11-23');
  });
});

describe('e-supervision (电子监察)', () => {
  it('flags yellow with one working day left, red when overdue', () => {
    expect(supervise(cal, '2026-11-27', '2026-11-23')).toEqual({ flag: 'GREEN', workingDaysLeft: 4 });
    expect(supervise(cal, '2026-11-23', '2026-11-20')).toEqual({ flag: 'YELLOW', workingDaysLeft: 1 }); // Friday, due Monday
    expect(supervise(cal, '2026-11-23', '2026-11-23')).toEqual({ flag: 'YELLOW', workingDaysLeft: 0 });
    expect(supervise(cal, '2026-11-23', '2026-11-24')).toEqual({ flag: 'RED', workingDaysLeft: -1 });
    expect(supervise(cal, '2026-10-08', '2026-09-30')).toEqual({ flag: 'YELLOW', workingDaysLeft: 1 }); // the holiday does not count
  });
});

describe('working-day arithmetic over long spans (security finding 2: one far date froze the hall)', () => {
  // The day-by-day count the calendar's arithmetic must agree with.
  const DAY = 86_400_000;
  const next = (d: string, n = 1) =>
    new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
  const naiveBetween = (from: string, to: string) => {
    const [a, b, sign] = from <= to ? [from, to, 1] : [to, from, -1];
    let count = 0;
    for (let d = next(a); d <= b; d = next(d)) if (cal.isWorkingDay(d)) count++;
    return sign * count;
  };
  const naiveAdd = (date: string, n: number) => {
    let d = date;
    for (let left = n; left > 0; ) {
      d = next(d);
      if (cal.isWorkingDay(d)) left--;
    }
    return d;
  };

  it('agrees with counting day by day, across holidays, make-up working days and uncovered years', () => {
    const starts = [
      '2023-12-29',
      '2024-02-03',
      '2024-09-13',
      '2025-01-25',
      '2025-09-27',
      '2026-02-13',
      '2026-12-31',
    ];
    for (const from of starts) {
      for (const span of [0, 1, 2, 3, 6, 7, 8, 13, 30, 61, 200, 400, 900]) {
        const to = next(from, span);
        expect(cal.workingDaysBetween(from, to), `${from} → ${to}`).toBe(naiveBetween(from, to));
        expect(cal.workingDaysBetween(to, from), `${to} → ${from}`).toBe(naiveBetween(to, from));
      }
      for (const n of [0, 1, 2, 3, 4, 5, 6, 10, 15, 20, 30, 60, 250]) {
        expect(cal.addWorkingDays(from, n), `${from} + ${n}`).toBe(naiveAdd(from, n));
      }
    }
  });

  it('counts a span of centuries by weeks and the year schedules, not day by day', () => {
    const isWorkingDay = vi.spyOn(cal, 'isWorkingDay');
    const far = cal.workingDaysBetween('2026-11-20', '9999-12-31');
    const deadline = cal.addWorkingDays('2026-11-20', 1_000_000);
    expect(isWorkingDay.mock.calls.length).toBeLessThan(50);
    isWorkingDay.mockRestore();
    // Weekdays from 2026-11-21 to 9999-12-31, less the weekday holidays of 2026 still ahead (none).
    expect(far).toBe(
      naiveBetween('2026-11-20', '2030-11-20') + cal.workingDaysBetween('2030-11-20', '9999-12-31'),
    );
    expect(cal.workingDaysBetween('2026-11-20', deadline)).toBe(1_000_000);
    expect(cal.isWorkingDay(deadline)).toBe(true);
  });
});
