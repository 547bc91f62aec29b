import { describe, expect, it } from 'vitest';
import { nextPollDelay } from './poll-backoff';

const S = 1000;
const H = 3_600_000;
const base = {
  intervalMs: 2 * S,
  maxIntervalMs: 6 * H,
  now: new Date('2026-06-01T10:00:00+08:00'),
  deadline: null,
};

describe('when a case still being decided is read again', () => {
  it('reads a case that just changed at the shortest interval', () => {
    expect(nextPollDelay({ ...base, quiet: 0 })).toBe(2 * S);
  });

  it('doubles the wait with each read that finds it unchanged, up to the longest', () => {
    expect([1, 2, 3, 10].map((quiet) => nextPollDelay({ ...base, quiet }))).toEqual([
      4 * S,
      8 * S,
      16 * S,
      2048 * S,
    ]);
    expect(nextPollDelay({ ...base, quiet: 14 })).toBe(6 * H);
    expect(nextPollDelay({ ...base, quiet: 1000 })).toBe(6 * H);
  });

  it('never waits past half the time left to the deadline, nor less than the shortest interval', () => {
    // The deadline is the end of 1 June (Beijing): 6 hours left at 18:00.
    expect(
      nextPollDelay({
        ...base,
        quiet: 50,
        deadline: '2026-06-01',
        now: new Date('2026-06-01T18:00:00+08:00'),
      }),
    ).toBe(3 * H);
    expect(
      nextPollDelay({
        ...base,
        quiet: 50,
        deadline: '2026-06-01',
        now: new Date('2026-06-01T23:59:59+08:00'),
      }),
    ).toBe(2 * S);
    // Far from it, the longest wait stands.
    expect(nextPollDelay({ ...base, quiet: 50, deadline: '2026-06-30' })).toBe(6 * H);
  });

  it('backs off as usual once the deadline has passed (the part is flagged red; its decision still comes)', () => {
    expect(nextPollDelay({ ...base, quiet: 50, deadline: '2026-05-20' })).toBe(6 * H);
  });

  it('takes a longest wait set below the shortest as the shortest', () => {
    expect(nextPollDelay({ ...base, quiet: 5, maxIntervalMs: 500 })).toBe(2 * S);
  });
});
