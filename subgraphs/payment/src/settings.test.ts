import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentIdentityKeys } from '@onething/runtime/identity';
import { describe, expect, it } from 'vitest';
import { paymentSubgraphSettings } from './settings';

const { jwksFile } = developmentIdentityKeys(mkdtempSync(join(tmpdir(), 'payment-settings-')));

describe('paymentSubgraphSettings', () => {
  it('uses the development keys the stand-in makes, and relays nowhere, in development', () => {
    const config = paymentSubgraphSettings.load({ INTERNAL_IDENTITY_JWKS_FILE: jwksFile });
    expect(config.callerKeyFile).toBe(join('data', 'payment', 'caller-onething-hall-private.pem'));
    expect(config.systemUrl).toBe('http://127.0.0.1:4105');
    expect(config.relayUrl).toBeUndefined();
  });

  it('refuses the development keys and relay secret in production, naming each', () => {
    expect(() =>
      paymentSubgraphSettings.load({ PROFILE: 'production', INTERNAL_IDENTITY_JWKS_FILE: jwksFile }),
    ).toThrow(/PAYMENT_CALLER_KEY_FILE[\s\S]*PAYMENT_PLATFORM_PUBLIC_KEY_FILE[\s\S]*PAYMENT_RELAY_SECRET/);
  });
});
