import type { Identity } from '@onething/runtime/identity';
import { describe, expect, it } from 'vitest';
import { sameCentre } from './service';

const officer = (centre?: string): Identity => ({
  subject: 'staff-window-01',
  role: 'window-staff',
  enterprises: [],
  departments: [],
  ...(centre ? { centre } : {}),
});

describe('sameCentre: which applications a window officer of a centre sees', () => {
  it('sees their centre’s and those of no centre yet; not another centre’s', () => {
    expect(sameCentre(officer('湖州市民之家'), { centre: '湖州市民之家' })).toBe(true);
    expect(sameCentre(officer('湖州市民之家'), { centre: null })).toBe(true);
    expect(sameCentre(officer('湖州市民之家'), { centre: '南浔区行政服务中心' })).toBe(false);
  });

  it('sees every application where centres are not configured (an officer without one)', () => {
    expect(sameCentre(officer(), { centre: '南浔区行政服务中心' })).toBe(true);
  });
});
