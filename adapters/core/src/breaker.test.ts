import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelayMs } from './backoff';
import { CircuitBreaker } from './breaker';

describe('circuit breaker', () => {
  const settings = { windowSize: 10, minimumCalls: 4, failureRatio: 0.5, openMs: 1000 };

  it('opens when half the recent calls failed, lets one trial through after openMs, closes on success', () => {
    let now = 0;
    const states: string[] = [];
    const b = new CircuitBreaker(
      settings,
      (s) => states.push(s),
      () => now,
    );
    for (const ok of [true, false, true, false]) {
      expect(b.tryAcquire()).toBe(true);
      b.record(ok);
    }
    expect(b.current).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    now += 999;
    expect(b.tryAcquire()).toBe(false);
    now += 1;
    expect(b.tryAcquire()).toBe(true); // the trial
    expect(b.tryAcquire()).toBe(false); // only one at a time
    b.record(true);
    expect(b.current).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });

  it('opens again when the trial fails', () => {
    let now = 0;
    const b = new CircuitBreaker(
      settings,
      () => {},
      () => now,
    );
    for (let i = 0; i < 4; i++) b.record(false);
    now += 1000;
    expect(b.tryAcquire()).toBe(true);
    b.record(false);
    expect(b.current).toBe('open');
    expect(b.retryInMs()).toBe(1000);
  });

  it('does not open on a few failures among many successes', () => {
    const b = new CircuitBreaker(settings);
    for (let i = 0; i < 8; i++) b.record(i % 4 !== 0);
    expect(b.current).toBe('closed');
  });
});

describe('backoff', () => {
  const s = { retries: 3, baseDelayMs: 100, maxDelayMs: 250, maxRetryAfterMs: 5000 };

  it('grows exponentially under a cap, with full jitter', () => {
    expect(retryDelayMs(1, s, undefined, () => 0.999)).toBe(99);
    expect(retryDelayMs(2, s, undefined, () => 0.999)).toBe(199);
    expect(retryDelayMs(5, s, undefined, () => 0.999)).toBe(249);
    expect(retryDelayMs(3, s, undefined, () => 0)).toBe(0);
  });

  it('waits at least what Retry-After asks', () => {
    expect(retryDelayMs(1, s, 2000, () => 0.5)).toBe(2000);
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
