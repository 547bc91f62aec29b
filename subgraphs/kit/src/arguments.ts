import { subgraphError } from './errors';

/**
 * Checks of the arguments that decide how much work a field does — how many rows a list reads, which day
 * a time limit is judged on — so a request asks for a bounded amount, and a value out of range is refused
 * with one error naming the argument and what it may be, never clamped silently nor failed internally.
 */

/** The range of a list's `limit`/`first` argument. */
export interface LimitRange {
  readonly min?: number;
  readonly max: number;
}

/** How many rows a list may be asked for: `value` if a whole number in range, else LIMIT_OUT_OF_RANGE. */
export function listLimit(department: string, argument: string, value: number, range: LimitRange): number {
  const min = range.min ?? 1;
  if (!Number.isInteger(value) || value < min || value > range.max)
    throw subgraphError(
      'LIMIT_OUT_OF_RANGE',
      department,
      `${argument} is ${value}; it must be a whole number from ${min} to ${range.max}: ask for fewer, or page`,
      { argument, value, min, max: range.max },
    );
  return value;
}

/**
 * Instants a date argument may name: the years 2000 to 2099. Nothing the services keep predates 2000
 * (time limits run under the Administrative Licensing Law of 2003, 《中华人民共和国行政许可法》第四十二条),
 * and working days past the State Council's published years are counted by weekends alone, so no
 * farther instant means anything; it only makes the work of a request grow with the distance.
 */
export const INSTANT_RANGE = { from: '2000-01-01T00:00:00.000Z', to: '2099-12-31T23:59:59.999Z' } as const;

/** The instant of a date argument, `fallback` (now) when absent; DATE_OUT_OF_RANGE outside INSTANT_RANGE. */
export function instantArgument(
  department: string,
  argument: string,
  value: string | null | undefined,
  fallback: () => Date = () => new Date(),
): Date {
  if (value === null || value === undefined) return fallback();
  const at = new Date(value);
  const t = at.getTime();
  if (!(t >= Date.parse(INSTANT_RANGE.from) && t <= Date.parse(INSTANT_RANGE.to)))
    throw subgraphError(
      'DATE_OUT_OF_RANGE',
      department,
      `${argument} is ${value}; it must be from ${INSTANT_RANGE.from} to ${INSTANT_RANGE.to}`,
      { argument, value, from: INSTANT_RANGE.from, to: INSTANT_RANGE.to },
    );
  return at;
}
