import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../calendar/working-days';
import { type CalendarYearInput, scheduleProblems } from './calendar-years';

const good: CalendarYearInput = {
  year: 2030,
  notice: '测试用 2030 年节假日安排',
  holidays: [
    { from: '2030-01-01', to: '2030-01-01', name: '元旦' },
    { from: '2030-10-01', to: '2030-10-07', name: '国庆节' },
  ],
  workdays: ['2030-09-29', '2030-10-12'],
};
const rules = (input: CalendarYearInput) =>
  scheduleProblems(input, WorkingDayCalendar.official()).map((p) => `${p.path} ${p.rule}`);

describe('a year of the calendar loaded at run time', () => {
  it('takes a year the release does not ship, whole', () => {
    expect(rules(good)).toEqual([]);
  });

  it('names every problem at once', () => {
    expect(
      rules({
        year: 2026,
        notice: ' ',
        holidays: [
          { from: '2026-10-01', to: '2026-09-30', name: '国庆节' },
          { from: '2026-02-30', to: '2026-03-01', name: '春节' },
          { from: '2027-01-01', to: '2027-01-01', name: '' },
        ],
        workdays: ['2026-10-14', '2026-10-14'],
      }),
    ).toEqual([
      'year calendar.shipped',
      'notice calendar.notice',
      'holidays.0 calendar.order',
      'holidays.1 calendar.date',
      'holidays.2 calendar.inYear',
      'holidays.2.name calendar.name',
      'workdays.0 calendar.workday',
      'workdays.1 calendar.workday',
      'workdays.1 calendar.twice',
    ]);
  });

  it('refuses holidays that overlap, run too long, or a make-up day inside a holiday', () => {
    expect(
      rules({
        ...good,
        holidays: [
          { from: '2030-10-01', to: '2030-10-07', name: '国庆节' },
          { from: '2030-10-05', to: '2030-10-08', name: '中秋节' },
          { from: '2030-07-01', to: '2030-07-20', name: '暑假' },
        ],
        workdays: ['2030-10-05'],
      }),
    ).toEqual([
      'holidays.2 calendar.length',
      'holidays.1 calendar.overlap',
      'workdays.0 calendar.workdayInHoliday',
    ]);
  });

  it('counts working days on the year once learnt, and never replaces a shipped year', () => {
    const calendar = WorkingDayCalendar.official();
    // 2030-09-30 is a Monday: by weekends alone the 5th working day after it is 2030-10-07.
    expect(calendar.covers(2030)).toBe(false);
    expect(calendar.addWorkingDays('2030-09-30', 5)).toBe('2030-10-07');
    expect(
      calendar.learn(2030, {
        notice: good.notice,
        holidays: good.holidays.map((h) => [h.from, h.to, h.name] as [string, string, string]),
        workdays: [...good.workdays],
      }),
    ).toBe(true);
    expect(calendar.covers(2030)).toBe(true);
    // Holidays 1–7 October; Saturday 12 October a working day.
    expect(calendar.addWorkingDays('2030-09-30', 5)).toBe('2030-10-12');
    expect(calendar.isWorkingDay('2030-10-12')).toBe(true);
    expect(calendar.years().find((y) => y.year === 2030)?.source).toBe('LOADED');
    expect(calendar.learn(2026, { notice: 'x', holidays: [], workdays: [] })).toBe(false);
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false);
  });
});
