import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@onething/runtime';
import { decodeJwt } from 'jose';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environmentFromArgs } from '../src/cli';
import { createGateway, type Gateway } from '../src/server';
import { gatewaySettings } from '../src/settings';
import { foreignSupergraph, startForeignSubgraph } from './foreign';
import { testIdentityKeys } from './keys';

/**
 * docs/integrators.md, "Sign-in by a province's SSO": the gateway verifies the tokens of an OpenID provider
 * that is not ours, found by its issuer URL alone (discovery gives the issuer and JWKS), whose tokens name
 * the identity differently; the CLAIM_* and ROLE_VALUES settings read them as ours.
 */
const log = createLogger('gateway-test', process.env.TEST_LOG ?? 'silent');
const KEYS = testIdentityKeys();
const ID_NUMBER = '11010519491231002X';
const USCC = '91330100716105852F';

/** A province's SSO: another oidc-provider, whose tokens say `user_type`, `attrs.cert_no`, `corps`. */
async function startProvinceSso() {
  const server = (await import('node:http')).createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'zj-window',
        client_secret: 'a-province-secret',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      },
    ],
    features: {
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => 'urn:zj:onething',
        getResourceServerInfo: () => ({
          scope: '',
          audience: 'onething-zj',
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    // What this province's tokens say: its own names, its own role values, nested attributes.
    extraTokenClaims: () => ({
      full_name: '张三',
      user_type: ['unverified', 'natural_person'],
      attrs: { cert_no: ID_NUMBER },
      corps: USCC,
    }),
  });
  server.on('request', provider.callback());
  const token = async () => {
    const res = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'zj-window',
        client_secret: 'a-province-secret',
      }),
    });
    return ((await res.json()) as { access_token: string }).access_token;
  };
  return { issuer, token, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('the gateway against another OpenID provider, by configuration', () => {
  let sso: Awaited<ReturnType<typeof startProvinceSso>>;
  let hall: Awaited<ReturnType<typeof startForeignSubgraph>>;
  let tickets: Awaited<ReturnType<typeof startForeignSubgraph>>;
  let gateway: Gateway;

  beforeAll(async () => {
    sso = await startProvinceSso();
    [hall, tickets] = await Promise.all([startForeignSubgraph('hall'), startForeignSubgraph('tickets')]);
    const supergraph = join(mkdtempSync(join(tmpdir(), 'sso-')), 'supergraph.graphql');
    writeFileSync(supergraph, foreignSupergraph(hall.url, tickets.url));
    const env = environmentFromArgs(['--supergraph', supergraph, '--port', '0'], {
      INTERNAL_IDENTITY_KEY_FILE: KEYS.keyFile,
      OIDC_ISSUER: sso.issuer,
      JWT_AUDIENCE: 'onething-zj',
      CLAIM_ROLE: 'user_type',
      CLAIM_NAME: 'full_name',
      CLAIM_ID_NUMBER: 'attrs.cert_no',
      CLAIM_ENTERPRISES: 'corps',
      ROLE_VALUES: 'natural_person=applicant,legal_person=applicant,clerk=window-staff',
      WEB_APP: 'false',
      MATERIALS_PROXY: 'false',
    });
    gateway = createGateway(gatewaySettings.load(env), log);
    await gateway.listen();
    await gateway.ready();
  });
  afterAll(async () => {
    await gateway?.close();
    await Promise.all([hall?.close(), tickets?.close(), sso?.close()]);
  });

  const ask = (token: string) =>
    fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ concerts { id } }' }),
    });

  it('takes the province’s token and sends the subgraphs the identity its claims state, read as ours', async () => {
    const before = hall.received.length;
    const res = await ask(await sso.token());
    expect(res.status).toBe(200);
    const header = hall.received.slice(before).find((r) => r.headers['x-onething-identity']);
    expect(header).toBeDefined();
    const { idt } = decodeJwt(String(header!.headers['x-onething-identity'])) as { idt: unknown };
    expect(idt).toMatchObject({
      subject: 'zj-window',
      role: 'applicant',
      name: '张三',
      idNumber: ID_NUMBER,
      enterprises: [USCC],
    });
  });

  it('refuses a token of the right issuer for another audience, and one no provider signed', async () => {
    const [header, , signature] = (await sso.token()).split('.');
    const otherAudience = Buffer.from(
      JSON.stringify({ ...decodeJwt(await sso.token()), aud: 'other' }),
    ).toString('base64url');
    expect((await ask(`${header}.${otherAudience}.${signature}`)).status).toBe(401);
    expect((await ask('not-a-token')).status).toBe(401);
  });
});
