import { describe, expect, it } from 'vitest';
import { fundAdapterSettings } from './settings';

describe('fundAdapterSettings', () => {
  it('refuses the development app secret in production, and only there', () => {
    expect(fundAdapterSettings.load({}).appSecret).toBe('fund-dev-secret');
    expect(() => fundAdapterSettings.load({ PROFILE: 'production' })).toThrow(
      /FUND_APP_SECRET=\(unset\): .*development value "fund-dev-secret"/,
    );
    expect(
      fundAdapterSettings.load({ PROFILE: 'production', FUND_APP_SECRET: 'an-issued-s3cret' }).appSecret,
    ).toBe('an-issued-s3cret');
  });
});
