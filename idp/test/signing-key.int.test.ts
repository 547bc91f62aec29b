import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@onething/runtime';
import { exportPKCS8, exportSPKI, generateKeyPair, importSPKI, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevIdp } from '../src/server';
import { startIdp, testOptions } from './support';

const dir = mkdtempSync(join(tmpdir(), 'dev-idp-key-'));

describe('SIGNING_KEY_FILE', () => {
  let keyFile: string;
  let publicPem: string;
  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    keyFile = join(dir, 'dev-idp.key');
    writeFileSync(keyFile, await exportPKCS8(privateKey));
    publicPem = await exportSPKI(publicKey);
  });

  it('signs with the key from the file, so its public key verifies the tokens', async () => {
    const t = await startIdp({ signingKeyFile: keyFile });
    try {
      const { body } = await t.form({ grant_type: 'persona', persona: 'citizen' });
      const { payload } = await jwtVerify(body.access_token, await importSPKI(publicPem, 'RS256'), {
        issuer: t.url,
        audience: 'test-audience',
      });
      expect(payload.persona).toBe('citizen');
      await expect(t.verify(body.access_token)).resolves.toBeDefined();
    } finally {
      await t.idp.close();
    }
  });

  it('keeps the key and kid across a restart, so tokens issued before it still verify', async () => {
    const first = await startIdp({ signingKeyFile: keyFile, issuer: 'http://idp.test' });
    const { body } = await first.form({ grant_type: 'persona', persona: 'seller' });
    const kid = (await first.call('GET', '/.well-known/jwks.json')).body.keys[0].kid;
    await first.idp.close();
    const second = await startIdp({ signingKeyFile: keyFile, issuer: 'http://idp.test' });
    try {
      expect((await second.call('GET', '/.well-known/jwks.json')).body.keys[0].kid).toBe(kid);
      await expect(second.verify(body.access_token)).resolves.toBeDefined();
    } finally {
      await second.idp.close();
    }
  });

  it('generates a different key at each start when no file is given', async () => {
    const a = await startIdp();
    const b = await startIdp();
    try {
      const token = (await a.form({ grant_type: 'persona', persona: 'citizen' })).body.access_token;
      await expect(b.verify(token)).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
    } finally {
      await a.idp.close();
      await b.idp.close();
    }
  });

  it('refuses to start on a file that is not a PKCS#8 RSA key, saying how to make one', () => {
    const pkcs1 = join(dir, 'pkcs1.pem');
    writeFileSync(
      pkcs1,
      generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }),
    );
    const log = createLogger('dev-idp-test', 'silent');
    expect(() => createDevIdp(testOptions({ signingKeyFile: pkcs1 }), log)).toThrow(
      /SIGNING_KEY_FILE=.*openssl pkcs8/,
    );
    expect(() => createDevIdp(testOptions({ signingKeyFile: join(dir, 'absent.key') }), log)).toThrow(
      /ENOENT.*openssl genpkey/,
    );
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));
