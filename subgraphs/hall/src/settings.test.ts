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

  it('starts in production with the secret the identity provider issued and the departments’ callback secrets', () => {
    const config = hallSettings.load({
      PROFILE: 'production',
      INTERNAL_IDENTITY_JWKS_FILE: jwksFile,
      HALL_CLIENT_SECRET: 'an-issued-s3cret',
      CALLBACK_SECRETS: 'tax=tax-agreed-s3cret-0001,fund=fund-agreed-s3cret-0001',
      PAYMENT_CALLBACK_SECRET: 'payment-agreed-s3cret-01',
      SMS_ACCESS_KEY_SECRET: 'sms-issued-s3cret-0001',
      COURIER_APP_SECRET: 'courier-issued-s3cret-01',
      PUBLIC_BASE_URL: 'https://zwfw.example.gov.cn/',
    });
    expect(config.publicBaseUrl).toBe('https://zwfw.example.gov.cn');
    expect(config.paymentPayees.get('tax')).toBe('TAX-TREASURY');
    expect(config.clientSecret).toBe('an-issued-s3cret');
    expect([...config.callbackSecrets]).toEqual([
      ['tax', 'tax-agreed-s3cret-0001'],
      ['fund', 'fund-agreed-s3cret-0001'],
    ]);
  });

  it('refuses the development callback secrets in production, any one of them, naming CALLBACK_SECRETS', () => {
    for (const env of [{}, { CALLBACK_SECRETS: 'tax=tax-agreed-s3cret-0001,fund=fund-callback-dev-secret' }])
      expect(() =>
        hallSettings.load({
          PROFILE: 'production',
          INTERNAL_IDENTITY_JWKS_FILE: jwksFile,
          HALL_CLIENT_SECRET: 'an-issued-s3cret',
          ...env,
        }),
      ).toThrow(/CALLBACK_SECRETS=\((unset|hidden)\): .*development value/);
  });

  it('refuses in production receipts whose QR codes point at the local development gateway, naming PUBLIC_BASE_URL', () => {
    for (const env of [{}, { PUBLIC_BASE_URL: 'http://127.0.0.1:4000' }])
      expect(() =>
        hallSettings.load({
          PROFILE: 'production',
          INTERNAL_IDENTITY_JWKS_FILE: jwksFile,
          HALL_CLIENT_SECRET: 'an-issued-s3cret',
          CALLBACK_SECRETS: 'tax=tax-agreed-s3cret-0001,fund=fund-agreed-s3cret-0001',
          ...env,
        }),
      ).toThrow(/PUBLIC_BASE_URL=.*development value/);
  });

  it('refuses callback secrets that are not department=secret, naming each entry without its secret', () => {
    expect(() =>
      hallSettings.load({
        INTERNAL_IDENTITY_JWKS_FILE: jwksFile,
        CALLBACK_SECRETS: 'police=a-long-enough-secret,tax=short,tax=tax-agreed-s3cret-0001',
      }),
    ).toThrow(/"police=…" is not department=secret[\s\S]*"tax=…" is not department=secret/);
  });

  it('names every payee entry it cannot read', () => {
    expect(() =>
      hallSettings.load({
        INTERNAL_IDENTITY_JWKS_FILE: jwksFile,
        PAYMENT_PAYEES: 'tax=treasury,post=RE-FEE',
      }),
    ).toThrow(/"tax=treasury" is not department=PAYEE-CODE[\s\S]*"post=RE-FEE" is not department=PAYEE-CODE/);
  });
});
