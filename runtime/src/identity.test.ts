import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  ANONYMOUS,
  cachedIdentityVerifier,
  type Identity,
  identityKey,
  signIdentity,
  verifyIdentity,
} from './identity';

const key = identityKey('a-test-secret-that-is-long-enough-32b');
const citizen: Identity = {
  subject: '11010519491231002X',
  role: 'applicant',
  idNumber: '11010519491231002X',
  enterprises: [],
  departments: [],
};

describe('internal identity header', () => {
  it('round-trips an identity', async () => {
    expect(await verifyIdentity(await signIdentity(citizen, key), key)).toEqual(citizen);
    expect(await verifyIdentity(await signIdentity(ANONYMOUS, key), key)).toEqual(ANONYMOUS);
  });

  it('refuses a missing header, another key, an expired header and a forged one', async () => {
    await expect(verifyIdentity(undefined, key)).rejects.toThrow(/missing x-onething-identity/);
    const other = identityKey('another-secret-that-is-long-enough-32b');
    await expect(verifyIdentity(await signIdentity(citizen, other), key)).rejects.toThrow(/invalid/);
    const expired = await new SignJWT({ idt: citizen })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('onething-gateway')
      .setAudience('onething-subgraphs')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(key);
    await expect(verifyIdentity(expired, key)).rejects.toThrow(/exp/);
    const [h, , s] = (await signIdentity(citizen, key)).split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ idt: { ...citizen, role: 'department-staff' } })).toString('base64url')}.${s}`;
    await expect(verifyIdentity(forged, key)).rejects.toThrow(/invalid/);
  });

  it('refuses a short secret', () => {
    expect(() => identityKey('short')).toThrow(/32 bytes/);
  });

  it('caches verified headers but still refuses bad ones', async () => {
    const verify = cachedIdentityVerifier(key);
    const token = await signIdentity(citizen, key);
    expect(await verify(token)).toEqual(citizen);
    expect(await verify(token)).toEqual(citizen);
    await expect(verify(`${token}x`)).rejects.toThrow();
  });
});
