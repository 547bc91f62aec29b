import { describe, expect, it } from 'vitest';
import { beijingDate, intervalFor, pointStarts, quickPeriod } from './period';

describe('the dashboard’s periods', () => {
  it('takes the Beijing date, eight hours ahead of UTC', () => {
    expect(beijingDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(beijingDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('runs this month, quarter and year to today, and last month whole', () => {
    expect(quickPeriod('month', '2026-03-15')).toEqual({ from: '2026-03-01', to: '2026-03-15' });
    expect(quickPeriod('lastMonth', '2026-03-15')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(quickPeriod('lastMonth', '2026-01-10')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(quickPeriod('quarter', '2026-05-20')).toEqual({ from: '2026-04-01', to: '2026-05-20' });
    expect(quickPeriod('year', '2026-05-20')).toEqual({ from: '2026-01-01', to: '2026-05-20' });
  });

  it('points by day up to 31 days, by week up to 120, else by month', () => {
    expect(intervalFor({ from: '2026-01-01', to: '2026-01-31' })).toBe('DAY');
    expect(intervalFor({ from: '2026-01-01', to: '2026-02-01' })).toBe('WEEK');
    expect(intervalFor({ from: '2026-01-01', to: '2026-04-30' })).toBe('WEEK');
    expect(intervalFor({ from: '2026-01-01', to: '2026-05-01' })).toBe('MONTH');
  });

  it('starts weeks on Monday and months on their first, covering the whole period', () => {
    expect(pointStarts({ from: '2026-12-30', to: '2027-01-02' }, 'DAY')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
    // 2026-12-02 is a Wednesday.
    expect(pointStarts({ from: '2026-12-02', to: '2026-12-21' }, 'WEEK')).toEqual([
      '2026-11-30',
      '2026-12-07',
      '2026-12-14',
      '2026-12-21',
    ]);
    expect(pointStarts({ from: '2026-11-15', to: '2027-01-01' }, 'MONTH')).toEqual([
      '2026-11-01',
      '2026-12-01',
      '2027-01-01',
    ]);
    expect(pointStarts({ from: '2026-02-01', to: '2026-01-01' }, 'DAY')).toEqual([]);
  });
});
