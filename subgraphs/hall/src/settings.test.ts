import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentIdentityKeys } from '@onething/runtime/identity';
import { describe, expect, it } from 'vitest';
import { hallSettings } from './settings';

const { jwksFile, keyFile } = developmentIdentityKeys(mkdtempSync(join(tmpdir(), 'hall-settings-')));

describe('hallSettings', () => {
  it('signs in at the development identity provider with its development secret in development', () => {
    expect(hallSettings.load({ INTERNAL_IDENTITY_JWKS_FILE: jwksFile }).clientSecret).toBe('hall-dev-secret');
  });

  it('refuses the development client secret in production, unset or given, naming HALL_CLIENT_SECRET', () => {
    for (const env of [{}, { HALL_CLIENT_SECRET: 'hall-dev-secret' }])
      expect(() =>
        hallSettings.load({ PROFILE: 'production', INTERNAL_IDENTITY_JWKS_FILE: jwksFile, ...env }),
      ).toThrow(/HALL_CLIENT_SECRET=\((unset|hidden)\): .*development value "hall-dev-secret"/);
  });

  it('refuses a private key where the gateway’s public keys belong', () => {
    expect(() =>
      hallSettings.load({ INTERNAL_IDENTITY_JWKS_FILE: keyFile, HALL_CLIENT_SECRET: 'an-issued-s3cret' }),
    ).toThrow(
      /INTERNAL_IDENTITY_JWKS_FILE=".*": cannot be read as a JWKS: it is a PEM file holding a private key/,
    );
  });

  it('starts in production with the secret the identity provider issued', () => {
    expect(
      hallSettings.load({
        PROFILE: 'production',
        INTERNAL_IDENTITY_JWKS_FILE: jwksFile,
        HALL_CLIENT_SECRET: 'an-issued-s3cret',
      }).clientSecret,
    ).toBe('an-issued-s3cret');
  });
});
