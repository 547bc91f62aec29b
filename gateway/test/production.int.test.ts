import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@onething/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../src/server';
import { gatewaySettings } from '../src/settings';
import { testIdentityKeys } from './keys';

/**
 * The gateway with PROFILE=production, serving our own supergraph (no subgraph need be running: what is
 * checked here is answered before a query is planned).
 */
const KEYS = testIdentityKeys();
const log = createLogger('gateway-test', process.env.TEST_LOG ?? 'silent');
const PRODUCTION = {
  PROFILE: 'production',
  INTERNAL_IDENTITY_KEY_FILE: KEYS.keyFile,
  JWT_ISSUER: 'https://idp.example.gov.cn',
  PORT: '0',
  SUBGRAPH_URLS: 'hall=http://127.0.0.1:9/graphql',
};

/** Where unregistered operations still run (a staging gateway; in production, the roles allowed them). */
const OPEN = { UNREGISTERED_OPERATIONS: 'allow' };

const post = async (
  url: string,
  query: string | undefined,
  variables?: Record<string, unknown>,
  extra = {},
) => {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables, ...extra }),
  });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: any[] } };
};

/**
 * Queries a stranger would send to map the schema without introspection, each a near miss of a name the
 * schema has: the name a suggestion would give away.
 */
const PROBES: { what: string; query: string; variables?: Record<string, unknown>; hidden: string }[] = [
  { what: 'a misspelt field', query: '{ bundels { code } }', hidden: 'bundles' },
  {
    what: 'a misspelt argument',
    query: 'mutation { prefillForm(bundleCode: "HOUSE-TRANSFER", enterpriseUsc: "x") { __typename } }',
    hidden: 'enterpriseUscc',
  },
  { what: 'a misspelt type', query: 'query ($c: IDD!) { bundle(code: $c) { code } }', hidden: 'ID' },
  {
    what: 'a misspelt input field in the variables',
    query: 'mutation ($input: ApplicationInput!) { submitApplication(input: $input) { __typename } }',
    variables: { input: { bundleCode: 'HOUSE-TRANSFER', values: [], materals: [] } },
    hidden: 'materials',
  },
];

async function started(env: Record<string, string>): Promise<Gateway> {
  const gateway = createGateway(gatewaySettings.load(env), log);
  await gateway.listen();
  await gateway.ready();
  return gateway;
}

describe('the gateway in the production profile', () => {
  let production: Gateway;
  let open: Gateway;
  let development: Gateway;
  let allowed: Gateway;

  beforeAll(async () => {
    [production, open, development, allowed] = await Promise.all([
      started(PRODUCTION),
      started({ ...PRODUCTION, ...OPEN }),
      started({ INTERNAL_IDENTITY_KEY_FILE: KEYS.keyFile, PORT: '0' }),
      started({ ...PRODUCTION, ...OPEN, ALLOW_INTROSPECTION: 'true' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([production, open, development, allowed].map((g) => g?.close()));
  });

  it('refuses to start with the development identity provider’s passage or issuer, naming each with its fix', () => {
    let message = '';
    try {
      gatewaySettings.load({ ...PRODUCTION, JWT_ISSUER: '', DEV_IDP_URL: 'http://127.0.0.1:4010' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/DEV_IDP_URL="http:\/\/127.0.0.1:4010": is a development convenience .*unset it/);
    expect(message).toMatch(
      /JWT_ISSUER=\(unset\): would be the development value "onething-dev-idp".*your identity provider/,
    );
  });

  it('runs only the web app’s registered operations: a stranger’s own query is refused before it is parsed', async () => {
    const manifest: Record<string, string> = JSON.parse(
      readFileSync(
        fileURLToPath(new URL('../../web/src/api/generated/persisted-documents.json', import.meta.url)),
        'utf8',
      ),
    );
    const [hash] = Object.entries(manifest).find(([, text]) => text.startsWith('query Bundles '))!;
    // The web app's, by hash: planned and sent to the hall (which is not running here).
    const registered = await post(production.url, undefined, undefined, {
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    });
    expect(registered.body.errors?.map((e) => e.extensions.code)).toEqual(['SUBGRAPH_UNAVAILABLE']);
    for (const { what, query, variables } of PROBES) {
      const { status, body } = await post(production.url, query, variables);
      expect([status, body.errors?.[0]?.extensions?.code], what).toEqual([400, 'OPERATION_NOT_REGISTERED']);
      expect(body.errors?.[0]?.message, what).not.toMatch(/Did you mean/);
    }
    const introspection = await post(production.url, '{ __schema { types { name } } }');
    expect(introspection.body.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_REGISTERED');
  });

  it('gives no field suggestions, which would map the schema introspection hides', async () => {
    for (const { what, query, variables, hidden } of PROBES) {
      const { body } = await post(open.url, query, variables);
      expect(body.errors?.length, what).toBeGreaterThan(0);
      const messages = body.errors!.map((e) => e.message).join('\n');
      expect(messages, what).not.toMatch(/Did you mean/);
      expect(messages, what).not.toContain(`"${hidden}"`);
      // …which development would have given away.
      const told = (await post(development.url, query, variables)).body.errors!.map((e) => e.message);
      expect(told.join('\n'), what).toContain(`Did you mean "${hidden}"`);
    }
  });

  it('lists no schema: introspection is refused and GraphiQL is not served', async () => {
    const { body } = await post(open.url, '{ __schema { types { name } } }');
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
    const graphiql = await fetch(`${production.url}/graphiql`);
    expect(graphiql.status).toBe(404);
    expect(((await graphiql.json()) as any).errors[0].message).toMatch(/ALLOW_INTROSPECTION/);
  });

  it('lists the schema, with suggestions and GraphiQL, where introspection is allowed explicitly', async () => {
    const { body } = await post(allowed.url, '{ __schema { queryType { name } } }');
    expect(body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect(JSON.stringify((await post(allowed.url, PROBES[0]!.query)).body.errors)).toMatch(/Did you mean/);
    const graphiql = await fetch(`${allowed.url}/graphiql`);
    expect(graphiql.status).toBe(200);
    await graphiql.text();
  });
});
