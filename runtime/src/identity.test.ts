import { createHmac, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  ANONYMOUS,
  cachedIdentityVerifier,
  generateIdentityKey,
  type Identity,
  identityKeySet,
  identityKeySetFile,
  identitySigningKey,
  jwksOf,
  signIdentity,
  verifyIdentity,
} from './identity';

const gateway = generateIdentityKey();
const keys = identityKeySet(jwksOf([gateway.key]));
const citizen: Identity = {
  subject: '11010519491231002X',
  role: 'applicant',
  idNumber: '11010519491231002X',
  enterprises: ['91350100M000100Y43'],
  departments: [],
};
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const claims = (idt: unknown) => ({
  iss: 'onething-gateway',
  aud: 'onething-subgraphs',
  iat: Math.floor(Date.now() / 1000),
  exp: Math.floor(Date.now() / 1000) + 60,
  idt,
});

describe('internal identity header', () => {
  it('round-trips an identity signed with the gateway’s private key, verified with its public key', async () => {
    expect(await verifyIdentity(await signIdentity(citizen, gateway.key), keys)).toEqual(citizen);
    expect(await verifyIdentity(await signIdentity(ANONYMOUS, gateway.key), keys)).toEqual(ANONYMOUS);
  });

  it('names the key it was signed with, and subgraphs hold no private key', async () => {
    const header = await signIdentity(citizen, gateway.key);
    const protectedHeader = JSON.parse(Buffer.from(header.split('.')[0]!, 'base64url').toString());
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: gateway.key.kid });
    expect(JSON.stringify(jwksOf([gateway.key]))).not.toContain('"d"');
    expect(() => identityKeySet({ keys: [gateway.key.privateKey.export({ format: 'jwk' })] })).toThrow(
      /holds a private key/,
    );
  });

  it('refuses a missing header, another private key, an expired header and a forged one', async () => {
    await expect(verifyIdentity(undefined, keys)).rejects.toThrow(/missing x-onething-identity/);
    const other = generateIdentityKey();
    await expect(verifyIdentity(await signIdentity(citizen, other.key), keys)).rejects.toThrow(/invalid/);
    // Another key claiming the gateway's key id.
    const impostor = { ...other.key, kid: gateway.key.kid };
    await expect(verifyIdentity(await signIdentity(citizen, impostor), keys)).rejects.toThrow(/invalid/);
    const expired = await new SignJWT({ idt: citizen })
      .setProtectedHeader({ alg: 'EdDSA', kid: gateway.key.kid })
      .setIssuer('onething-gateway')
      .setAudience('onething-subgraphs')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(gateway.key.privateKey);
    await expect(verifyIdentity(expired, keys)).rejects.toThrow(/exp/);
    const [h, , s] = (await signIdentity(citizen, gateway.key)).split('.');
    const forged = `${h}.${b64(claims({ ...citizen, role: 'department-staff' }))}.${s}`;
    await expect(verifyIdentity(forged, keys)).rejects.toThrow(/invalid/);
  });

  it('refuses a header signed with a shared secret (HS256), even one naming the gateway’s key id', async () => {
    for (const secret of ['a-test-secret-that-is-long-enough-32b', gateway.key.kid]) {
      const input = `${b64({ alg: 'HS256', kid: gateway.key.kid })}.${b64(claims(citizen))}`;
      const header = `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
      await expect(verifyIdentity(header, keys)).rejects.toThrow(/invalid/);
    }
  });

  it('refuses a malformed identity even when signed with the right key, saying what is wrong', async () => {
    const sign = (idt: unknown) =>
      new SignJWT({ idt: idt as Record<string, unknown> })
        .setProtectedHeader({ alg: 'EdDSA', kid: gateway.key.kid })
        .setIssuer('onething-gateway')
        .setAudience('onething-subgraphs')
        .setExpirationTime('60s')
        .sign(gateway.key.privateKey);
    const malformed: [unknown, RegExp][] = [
      [{ ...citizen, enterprises: 'notalist' }, /enterprises/],
      [{ ...citizen, enterprises: ['not-a-uscc'] }, /enterprises\.0.*unified social credit code/],
      [{ ...citizen, idNumber: '110105194912310021' }, /idNumber.*resident ID number/],
      [{ ...citizen, role: 'superuser' }, /role/],
      [{ ...citizen, subject: 42 }, /subject/],
      [{ ...citizen, departments: [{ id: 'tax' }] }, /departments\.0/],
      [{ ...citizen, idNumber: undefined }, /an applicant carries idNumber/],
      [{ ...citizen, actingFor: { idNumber: citizen.idNumber, enterprises: [] } }, /only a service acts for/],
      [
        { subject: 'hall', role: 'service', enterprises: [], departments: [], actingFor: { idNumber: 'x' } },
        /actingFor\.idNumber|actingFor\.enterprises/,
      ],
      [{ ...ANONYMOUS, enterprises: citizen.enterprises }, /anonymous carries nothing/],
      [undefined, /carries no identity|identity/],
    ];
    for (const [idt, why] of malformed) {
      const refusal = verifyIdentity(await sign(idt), keys);
      await expect(refusal, JSON.stringify(idt)).rejects.toThrow(/malformed identity|carries no identity/);
      await expect(verifyIdentity(await sign(idt), keys), JSON.stringify(idt)).rejects.toThrow(why);
    }
  });

  it('accepts a service acting for an applicant, and department staff', async () => {
    const hall: Identity = {
      subject: 'hall',
      role: 'service',
      enterprises: [],
      departments: [],
      actingFor: { idNumber: citizen.idNumber!, enterprises: citizen.enterprises },
    };
    const staff: Identity = {
      subject: 'staff-tax-01',
      role: 'department-staff',
      enterprises: [],
      departments: ['tax'],
    };
    for (const who of [hall, staff])
      expect(await verifyIdentity(await signIdentity(who, gateway.key), keys)).toEqual(who);
  });

  it('caches verified headers but still refuses bad ones', async () => {
    const verify = cachedIdentityVerifier(keys);
    const token = await signIdentity(citizen, gateway.key);
    expect(await verify(token)).toEqual(citizen);
    expect(await verify(token)).toEqual(citizen);
    await expect(verify(`${token}x`)).rejects.toThrow();
  });
});

describe('identity keys', () => {
  it('take an Ed25519 private key only, naming the key id by its thumbprint', () => {
    const pem = gateway.privateKeyPem;
    expect(identitySigningKey(pem).kid).toBe(gateway.key.kid);
    expect(gateway.key.kid).toMatch(/^[\w-]{43}$/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    expect(() => identitySigningKey(rsa as string)).toThrow(/rsa.*Ed25519/);
    expect(() => identitySigningKey('not a key')).toThrow(/PKCS#8 PEM/);
  });

  it('refuse a key set whose key id is not its thumbprint, or that holds no Ed25519 key', () => {
    const [jwk] = jwksOf([gateway.key]).keys;
    expect(() => identityKeySet({ keys: [{ ...jwk, kid: 'made-up' }] })).toThrow(/kid "made-up".*thumbprint/);
    expect(() => identityKeySet({ keys: [] })).toThrow(/no key/);
    expect(() => identityKeySet('nothing')).toThrow(/a JWKS/);
    // Without a kid, the thumbprint is its kid.
    const { kid: _, ...bare } = jwk!;
    expect(identityKeySet({ keys: [bare] }).kids).toEqual([gateway.key.kid]);
  });

  it('rotate without a restart: a file of public keys is re-read when it changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'identity-keys-'));
    const file = join(dir, 'jwks.json');
    const next = generateIdentityKey();
    writeFileSync(file, JSON.stringify(jwksOf([gateway.key])));
    const source = identityKeySetFile(file, { recheckMs: 0 });
    const verify = cachedIdentityVerifier(source);
    await expect(verify(await signIdentity(citizen, next.key))).rejects.toThrow(/invalid/);
    // 1. publish the new public key beside the old one
    writeFileSync(file, JSON.stringify(jwksOf([gateway.key, next.key])));
    expect(await verify(await signIdentity(citizen, next.key))).toEqual(citizen);
    expect(await verify(await signIdentity(ANONYMOUS, gateway.key))).toEqual(ANONYMOUS);
    // 3. drop the old one
    writeFileSync(file, JSON.stringify(jwksOf([next.key])));
    await expect(verify(await signIdentity(citizen, gateway.key))).rejects.toThrow(/invalid/);
    // a broken file keeps the keys it had
    writeFileSync(file, '{ not json');
    expect(await verify(await signIdentity(staffOf(), next.key))).toEqual(staffOf());
    expect(source.problem).toMatch(/cannot be read as a JWKS/);
  });
});

const staffOf = (): Identity => ({
  subject: 'window-01',
  role: 'window-staff',
  enterprises: [],
  departments: [],
});
