import { ConfigError } from '@onething/runtime';
import { describe, expect, it } from 'vitest';
import { standInSettings } from './settings';

describe('standInSettings', () => {
  const tax = standInSettings('tax', 4101, {});

  it('runs without configuration in development', () => {
    expect(tax.load({})).toMatchObject({ profile: 'development', port: 4101, adminPort: 4111 });
  });

  it('never runs in the production profile: a stand-in is not a department’s system', () => {
    expect(() => tax.load({ PROFILE: 'production' })).toThrow(ConfigError);
    expect(() => tax.load({ PROFILE: 'production' })).toThrow(
      /legacy-tax is a development tool and never runs in production: .*SYSTEM_URL/,
    );
  });
});
