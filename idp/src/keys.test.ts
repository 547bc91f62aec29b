import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSigningKey, readSigningKey } from './keys';

const dir = mkdtempSync(join(tmpdir(), 'dev-idp-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, pem: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, pem);
  return file;
}

describe('signing keys', () => {
  it('publishes the public half only, with its RFC 7638 thumbprint as kid', async () => {
    const key = generateSigningKey();
    expect(Object.keys(key.jwk).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(key.jwk.kid).toBe(await calculateJwkThumbprint({ kty: 'RSA', n: key.jwk.n, e: key.jwk.e }));
    expect(key.privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('reads a PKCS#8 RSA key, giving the same kid as the key it holds', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const file = write('good.key', privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const read = readSigningKey(file);
    expect(read.source).toBe(file);
    expect(readSigningKey(file).jwk.kid).toBe(read.jwk.kid);
  });

  it('refuses what is not a usable key, saying how to make or convert one', () => {
    const rsa = (bits: number, type: 'pkcs1' | 'pkcs8') =>
      generateKeyPairSync('rsa', { modulusLength: bits }).privateKey.export({ type, format: 'pem' });
    const cases: [string, string | Buffer, RegExp][] = [
      ['pkcs1.pem', rsa(2048, 'pkcs1'), /PKCS#1.*openssl pkcs8 -topk8/],
      ['small.pem', rsa(1024, 'pkcs8'), /1024-bit RSA key; RS256 needs at least 2048/],
      [
        'ec.pem',
        generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
          type: 'pkcs8',
          format: 'pem',
        }),
        /is a ec key, but tokens are signed RS256/,
      ],
      [
        'cert.pem',
        '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
        /not a PKCS#8 PEM private key/,
      ],
      [
        'broken.pem',
        '-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n',
        /cannot be parsed/,
      ],
    ];
    for (const [name, pem, why] of cases) {
      const file = write(name, pem);
      expect(() => readSigningKey(file), name).toThrow(why);
      expect(() => readSigningKey(file), name).toThrow(
        /^dev-idp: the configuration is not valid:\n {2}- SIGNING_KEY_FILE=/,
      );
    }
    expect(() => readSigningKey(join(dir, 'absent.key'))).toThrow(
      /cannot be read \(ENOENT\).*openssl genpkey/,
    );
  });
});
