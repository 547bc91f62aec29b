import { describe, expect, it } from 'vitest';
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
