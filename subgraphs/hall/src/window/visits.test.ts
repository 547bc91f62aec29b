import { describe, expect, it } from 'vitest';
import { endOfBeijingDay } from './visits';

describe('endOfBeijingDay: a window visit ends with the Beijing day it was opened on', () => {
  it('is the next midnight in Beijing (UTC+8), whatever the UTC date', () => {
    expect(endOfBeijingDay(new Date('2026-12-04T01:00:00Z')).toISOString()).toBe('2026-12-04T16:00:00.000Z');
    // 23:30 Beijing on the 4th is still the 4th there.
    expect(endOfBeijingDay(new Date('2026-12-04T15:30:00Z')).toISOString()).toBe('2026-12-04T16:00:00.000Z');
    // 00:30 Beijing on the 5th: the 5th.
    expect(endOfBeijingDay(new Date('2026-12-04T16:30:00Z')).toISOString()).toBe('2026-12-05T16:00:00.000Z');
  });
});
