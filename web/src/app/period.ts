/**
 * Periods of the dashboard in Beijing dates (the hall counts its figures in Asia/Shanghai, UTC+8 all year):
 * the quick picks a supervisor reaches for, and the length of a trend's points for a period.
 */

export interface Period {
  readonly from: string;
  readonly to: string;
}

export type QuickPick = 'month' | 'lastMonth' | 'quarter' | 'year';
export const QUICK_PICKS: readonly QuickPick[] = ['month', 'lastMonth', 'quarter', 'year'];

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (date: string) => new Date(`${date}T00:00:00Z`);

/** The Beijing date at an instant. */
export const beijingDate = (at: Date = new Date()): string => iso(new Date(at.getTime() + 8 * 3_600_000));

/**
 * A quick pick's period on the Beijing date `today`: this month, quarter and year run to today (the
 * figures of days to come would count open parts as overdue before their time); last month is whole.
 */
export function quickPeriod(pick: QuickPick, today: string): Period {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 1;
  const first = (year: number, month: number) => iso(new Date(Date.UTC(year, month, 1)));
  switch (pick) {
    case 'month':
      return { from: first(y, m), to: today };
    case 'lastMonth':
      return { from: first(y, m - 1), to: iso(new Date(Date.UTC(y, m, 1) - DAY)) };
    case 'quarter':
      return { from: first(y, m - (m % 3)), to: today };
    case 'year':
      return { from: first(y, 0), to: today };
  }
}

/** Days in a period, both ends included (0 when it runs backwards). */
export const periodDays = (p: Period): number =>
  Math.max(0, Math.round((utc(p.to).getTime() - utc(p.from).getTime()) / DAY) + 1);

export type TrendInterval = 'DAY' | 'WEEK' | 'MONTH';

/** A trend's points: a day each up to a month, a week each up to four months, else a month each. */
export function intervalFor(p: Period): TrendInterval {
  const days = periodDays(p);
  return days <= 31 ? 'DAY' : days <= 120 ? 'WEEK' : 'MONTH';
}

/**
 * The first day of every point of a period, as the hall starts them (a week from Monday, a month from its
 * first), so days without a decision show as zero rather than be left out of the axis.
 */
export function pointStarts(p: Period, interval: TrendInterval): string[] {
  if (periodDays(p) === 0) return [];
  let at = utc(p.from);
  if (interval === 'WEEK') at = new Date(at.getTime() - ((at.getUTCDay() + 6) % 7) * DAY);
  if (interval === 'MONTH') at = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const end = utc(p.to).getTime();
  const out: string[] = [];
  while (at.getTime() <= end) {
    out.push(iso(at));
    at =
      interval === 'DAY'
        ? new Date(at.getTime() + DAY)
        : interval === 'WEEK'
          ? new Date(at.getTime() + 7 * DAY)
          : new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  }
  return out;
}
