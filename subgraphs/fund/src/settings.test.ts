import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentIdentityKeys } from '@onething/runtime/identity';
import { describe, expect, it } from 'vitest';
import { fundSubgraphSettings } from './settings';

const dir = mkdtempSync(join(tmpdir(), 'fund-settings-'));
const { jwksFile } = developmentIdentityKeys(dir);
const publicKeyFile = join(dir, 'fund-documents.pem');
writeFileSync(
  publicKeyFile,
  generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }) as string,
);

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
        DOCUMENT_PUBLIC_KEY_FILE: publicKeyFile,
      }).appSecret,
    ).toBe('an-issued-s3cret');
  });
});
