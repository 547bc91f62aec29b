import { describe, expect, it } from 'vitest';
import { p90Of } from './figures';
import { addDays, carveMonths, lastOfMonth, splitPeriod } from './rollup';

describe('the days of a period, summed or read from the tables', () => {
  const march = { from: '2026-03-01', to: '2026-03-31' };

  it('reads every day from the tables before anything is summed', () => {
    expect(splitPeriod(march, { readyThrough: null, dirty: new Set() })).toEqual({
      summed: [],
      live: [march],
    });
  });

  it('reads the days summed from their sums and the rest of the period from the tables, in one run each', () => {
    expect(splitPeriod(march, { readyThrough: '2026-03-15', dirty: new Set() })).toEqual({
      summed: [{ from: '2026-03-01', to: '2026-03-15' }],
      live: [{ from: '2026-03-16', to: '2026-03-31' }],
    });
  });

  it('reads a day changed since it was summed from the tables, between runs of sums', () => {
    expect(
      splitPeriod(march, {
        readyThrough: '2026-04-30',
        dirty: new Set(['2026-03-02', '2026-03-03', '2026-03-20']),
      }),
    ).toEqual({
      summed: [
        { from: '2026-03-01', to: '2026-03-01' },
        { from: '2026-03-04', to: '2026-03-19' },
        { from: '2026-03-21', to: '2026-03-31' },
      ],
      live: [
        { from: '2026-03-02', to: '2026-03-03' },
        { from: '2026-03-20', to: '2026-03-20' },
      ],
    });
  });

  it('counts days across months and years', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('whole months of the days summed', () => {
  it('reads the whole calendar months inside a run from the months, the days at its ends from the days', () => {
    expect(carveMonths([{ from: '2026-01-15', to: '2026-04-10' }])).toEqual({
      months: [{ from: '2026-02-01', to: '2026-03-01' }],
      days: [
        { from: '2026-01-15', to: '2026-01-31' },
        { from: '2026-04-01', to: '2026-04-10' },
      ],
    });
  });

  it('reads a run that is one whole month from the months alone, and one within a month from its days', () => {
    expect(carveMonths([{ from: '2026-02-01', to: '2026-02-28' }])).toEqual({
      months: [{ from: '2026-02-01', to: '2026-02-01' }],
      days: [],
    });
    expect(carveMonths([{ from: '2026-03-02', to: '2026-03-30' }])).toEqual({
      months: [],
      days: [{ from: '2026-03-02', to: '2026-03-30' }],
    });
  });

  it('knows the last day of each month, February of a leap year too', () => {
    expect(['2026-01-09', '2026-02-01', '2028-02-10', '2026-04-30', '2026-12-31'].map(lastOfMonth)).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2028-02-29',
      '2026-04-30',
      '2026-12-31',
    ]);
  });
});

describe('the 90th percentile of a histogram of working days', () => {
  /** percentile_cont(0.9) over the values themselves. */
  const direct = (values: number[]) => {
    const v = [...values].sort((a, b) => a - b);
    const pos = 0.9 * (v.length - 1);
    const lo = Math.floor(pos);
    return v[lo]! + (v[Math.min(lo + 1, v.length - 1)]! - v[lo]!) * (pos - lo);
  };
  const histogram = (values: number[]) => {
    const h = new Map<number, number>();
    for (const x of values) h.set(x, (h.get(x) ?? 0) + 1);
    return h;
  };

  it('is none for no parts', () => {
    expect(p90Of(new Map())).toBeNull();
  });

  it('is what percentile_cont(0.9) gives over the values, interpolating between ranks', () => {
    for (const values of [
      [5],
      [1, 2],
      [0, 0, 0, 20],
      [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5],
      [...Array(37).keys()].map((i) => (i * 7) % 13),
    ])
      expect(p90Of(histogram(values))).toBeCloseTo(direct(values), 9);
  });
});
