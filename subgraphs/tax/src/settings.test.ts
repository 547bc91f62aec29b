import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentIdentityKeys } from '@onething/runtime/identity';
import { describe, expect, it } from 'vitest';
import { taxSubgraphSettings } from './settings';

const dir = mkdtempSync(join(tmpdir(), 'tax-settings-'));
const { jwksFile } = developmentIdentityKeys(dir);
const pair = generateKeyPairSync('ed25519');
const publicKeyFile = join(dir, 'tax-documents.pem');
writeFileSync(publicKeyFile, pair.publicKey.export({ format: 'pem', type: 'spki' }) as string);
const privateKeyFile = join(dir, 'tax-documents-private.pem');
writeFileSync(privateKeyFile, pair.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);

describe('taxSubgraphSettings', () => {
  it('talks to the stand-in with its development key in development', () => {
    expect(taxSubgraphSettings.load({ INTERNAL_IDENTITY_JWKS_FILE: jwksFile }).apiKey).toBe('tax-dev-key');
  });

  it('refuses the development API key in production, unset or given, naming TAX_API_KEY', () => {
    for (const env of [{}, { TAX_API_KEY: 'tax-dev-key' }])
      expect(() =>
        taxSubgraphSettings.load({ PROFILE: 'production', INTERNAL_IDENTITY_JWKS_FILE: jwksFile, ...env }),
      ).toThrow(
        /TAX_API_KEY=\((unset|hidden)\): .*development value "tax-dev-key".*set the API key the tax department issued/,
      );
  });

  it('refuses, in production, to check documents with the development key (DOCUMENT_PUBLIC_KEY_FILE unset)', () => {
    expect(() =>
      taxSubgraphSettings.load({
        PROFILE: 'production',
        INTERNAL_IDENTITY_JWKS_FILE: jwksFile,
        TAX_API_KEY: 'k3y-the-tax-bureau-issued',
      }),
    ).toThrow(/DOCUMENT_PUBLIC_KEY_FILE=\(unset\): .*set the public key the tax department publishes/);
  });

  it('starts in production with the key the department issued', () => {
    const config = taxSubgraphSettings.load({
      PROFILE: 'production',
      INTERNAL_IDENTITY_JWKS_FILE: jwksFile,
      TAX_API_KEY: 'k3y-the-tax-bureau-issued',
      DOCUMENT_PUBLIC_KEY_FILE: publicKeyFile,
    });
    expect(config).toMatchObject({ profile: 'production', apiKey: 'k3y-the-tax-bureau-issued' });
  });

  it('reads the document key at load: a missing file, or a private key, stops the start naming the setting', () => {
    const load = (file: string) => () =>
      taxSubgraphSettings.load({
        PROFILE: 'production',
        INTERNAL_IDENTITY_JWKS_FILE: jwksFile,
        TAX_API_KEY: 'k3y-the-tax-bureau-issued',
        DOCUMENT_PUBLIC_KEY_FILE: file,
      });
    expect(load(join(dir, 'nowhere.pem'))).toThrow(/DOCUMENT_PUBLIC_KEY_FILE.*cannot be read/);
    expect(load(privateKeyFile)).toThrow(
      /DOCUMENT_PUBLIC_KEY_FILE.*private key, which a subgraph must never hold/,
    );
  });
});
