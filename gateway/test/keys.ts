import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DevelopmentIdentityKeys, developmentIdentityKeys } from '@onething/runtime/identity';
import Fastify from 'fastify';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

/** A key pair of the test's own in a temporary directory: the gateway's key file and the subgraphs' JWKS. */
export const testIdentityKeys = (): DevelopmentIdentityKeys =>
  developmentIdentityKeys(mkdtempSync(join(tmpdir(), 'identity-keys-')));

/** An identity provider of our own: an RS256 key, its JWKS served, tokens signed as the gateway expects. */
export async function testIdp() {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test', alg: 'RS256', use: 'sig' };
  const app = Fastify();
  app.get('/jwks.json', async () => ({ keys: [jwk] }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    jwksUrl: `${url}/jwks.json`,
    token: (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'test' })
        .setIssuer('onething-dev-idp')
        .setAudience('onething')
        .setSubject(String(claims.id_number ?? 'staff'))
        .setExpirationTime('5m')
        .sign(privateKey),
    close: () => app.close(),
  };
}
