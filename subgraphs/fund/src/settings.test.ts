import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentIdentityKeys } from '@onething/runtime/identity';
import { describe, expect, it } from 'vitest';
import { fundSubgraphSettings } from './settings';

const { jwksFile } = developmentIdentityKeys(mkdtempSync(join(tmpdir(), 'fund-settings-')));

describe('fundSubgraphSettings', () => {
  it('signs with the stand-in’s development secret in development', () => {
    expect(fundSubgraphSettings.load({ INTERNAL_IDENTITY_JWKS_FILE: jwksFile }).appSecret).toBe(
      'fund-dev-secret',
    );
  });

  it('refuses the development app secret in production, unset or given, naming FUND_APP_SECRET', () => {
    for (const env of [{}, { FUND_APP_SECRET: 'fund-dev-secret' }])
      expect(() =>
        fundSubgraphSettings.load({ PROFILE: 'production', INTERNAL_IDENTITY_JWKS_FILE: jwksFile, ...env }),
      ).toThrow(
        /FUND_APP_SECRET=\((unset|hidden)\): .*development value "fund-dev-secret".*the fund centre issued/,
      );
  });

  it('starts in production with the secret the fund centre issued', () => {
    expect(
      fundSubgraphSettings.load({
        PROFILE: 'production',
        INTERNAL_IDENTITY_JWKS_FILE: jwksFile,
        FUND_APP_SECRET: 'an-issued-s3cret',
        DOCUMENT_PUBLIC_KEY_FILE: '/etc/onething/fund-documents.pem',
      }).appSecret,
    ).toBe('an-issued-s3cret');
  });
});
