import { describe, expect, it } from 'vitest';
import { MobileRateLimiter } from './limits';

const MIN = 60_000;
const HOUR = 60 * MIN;
const t0 = Date.UTC(2026, 11, 1, 2);

describe('per-number rate limits (1 a minute, 5 an hour, 10 a day)', () => {
  it('allows one text a minute, and says when the next may go', () => {
    const l = new MobileRateLimiter();
    expect(l.check('13912345678', t0)).toBeUndefined();
    l.record('13912345678', t0);
    expect(l.check('13912345678', t0 + 20_000)).toEqual({
      code: 'Limit.Minute',
      limit: 1,
      retryAfterMs: 40_000,
    });
    expect(l.check('13812345678', t0 + 20_000)).toBeUndefined(); // another number is not held back
    expect(l.check('13912345678', t0 + MIN)).toBeUndefined();
  });

  it('allows five an hour', () => {
    const l = new MobileRateLimiter();
    for (let i = 0; i < 5; i++) l.record('13912345678', t0 + i * 2 * MIN);
    expect(l.check('13912345678', t0 + 10 * MIN)).toEqual({
      code: 'Limit.Hour',
      limit: 5,
      retryAfterMs: 50 * MIN,
    });
    expect(l.check('13912345678', t0 + HOUR)).toBeUndefined();
  });

  it('allows ten a day', () => {
    const l = new MobileRateLimiter();
    for (let i = 0; i < 10; i++) l.record('13912345678', t0 + i * 2 * HOUR);
    const breach = l.check('13912345678', t0 + 20 * HOUR);
    expect(breach).toMatchObject({ code: 'Limit.Day', limit: 10 });
    expect(breach!.retryAfterMs).toBe(4 * HOUR);
    expect(l.check('13912345678', t0 + 24 * HOUR)).toBeUndefined();
  });

  it('names the window that holds the number back longest when several are full', () => {
    const l = new MobileRateLimiter();
    for (let i = 0; i < 5; i++) l.record('13912345678', t0 + i * MIN);
    expect(l.check('13912345678', t0 + 4 * MIN + 1)).toMatchObject({
      code: 'Limit.Hour',
      retryAfterMs: HOUR - 4 * MIN - 1,
    });
  });

  it('takes other limits, as the platform configures them', () => {
    const l = new MobileRateLimiter({ perMinute: 3, perHour: 5, perDay: 10 });
    l.record('13912345678', t0);
    l.record('13912345678', t0 + 1);
    expect(l.check('13912345678', t0 + 2)).toBeUndefined();
  });
});
