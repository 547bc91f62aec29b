import { createLogger } from '@onething/runtime';
import { generateIdentityKey, identityKeySet, jwksOf, signIdentity } from '@onething/runtime/identity';
import { afterAll, describe, expect, it } from 'vitest';
import { subgraphMetrics } from './metrics';
import { createSubgraphServer, needsIdentity } from './server';

const { key: GATEWAY_KEY } = generateIdentityKey();
const SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
scalar IdNumber
type Query { whoami: String! echo(text: String!): String! person(idNumber: IdNumber!): String }
`;

function toySubgraph() {
  return createSubgraphServer({
    department: 'tax',
    sdl: SDL,
    resolvers: [
      {
        Query: {
          whoami: (_: unknown, __: unknown, ctx: { identity: { subject: string } }) => ctx.identity.subject,
          echo: (_: unknown, { text }: { text: string }) => text,
          person: (_: unknown, { idNumber }: { idNumber: string }) => idNumber,
        },
      },
    ],
    identityKeys: identityKeySet(jwksOf([GATEWAY_KEY])),
    loaders: () => ({}),
    log: createLogger('kit-test', 'silent'),
    host: '127.0.0.1',
    port: 0,
    metrics: subgraphMetrics('tax'),
    routes: (app) => {
      app.get('/materials/:id', async (req) => ({
        id: (req.params as { id: string }).id,
        who: req.identity,
      }));
      app.post('/callbacks/echo', async (req) => req.body);
      app.post('/callbacks/fail', async () => {
        throw new Error('invalid byte sequence for encoding "UTF8": 0x00');
      });
    },
    identityPaths: ['/graphql', '/materials'],
  });
}

type Answer = { data?: unknown; errors?: { message: string; extensions: Record<string, any> }[] };

/** Sends a GraphQL request to a toy subgraph as a tax officer, through its internal identity check. */
async function askAsTaxStaff(
  subgraph: ReturnType<typeof toySubgraph>,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Answer> {
  const header = await signIdentity(
    { subject: 'staff-tax-01', role: 'department-staff', enterprises: [], departments: ['tax'] },
    GATEWAY_KEY,
  );
  const res = await subgraph.app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', 'x-onething-identity': header },
    payload: JSON.stringify({ query, variables }),
  });
  return res.json() as Answer;
}

describe('the internal identity check', () => {
  const subgraph = toySubgraph();
  afterAll(() => subgraph.app.close());
  const post = (url: string, headers: Record<string, string> = {}) =>
    subgraph.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify({ query: '{ whoami }' }),
    });

  it('refuses a call without the header, however the path is spelled', async () => {
    for (const url of ['/graphql', '/%67raphql', '/graphql?x=1', '/%67%72%61%70%68%71%6c']) {
      const res = await post(url);
      expect(res.statusCode, url).toBe(401);
      expect(res.json().errors[0].extensions.code, url).toBe('UNAUTHENTICATED');
    }
    const material = await subgraph.app.inject({ method: 'GET', url: '/%6Daterials/abc' });
    expect(material.statusCode).toBe(401);
  });

  it('serves a call with a valid header', async () => {
    const header = await signIdentity(
      { subject: 'staff-tax-01', role: 'department-staff', enterprises: [], departments: ['tax'] },
      GATEWAY_KEY,
    );
    const res = await post('/graphql', { 'x-onething-identity': header });
    expect(res.json()).toEqual({ data: { whoami: 'staff-tax-01' } });
  });
});

describe('needsIdentity', () => {
  it('covers a listed route and the routes below it, never a route that merely starts alike', () => {
    expect(needsIdentity(['/graphql', '/materials'], '/graphql')).toBe(true);
    expect(needsIdentity(['/graphql', '/materials'], '/materials/:id')).toBe(true);
    expect(needsIdentity(['/graphql'], '/graphqlx')).toBe(false);
    expect(needsIdentity(['/graphql'], '/health')).toBe(false);
    expect(needsIdentity(['/graphql'], undefined)).toBe(false);
  });
});

describe('errors of a request that does not validate', () => {
  const subgraph = toySubgraph();
  afterAll(() => subgraph.app.close());
  const ask = (query: string, variables?: Record<string, unknown>) =>
    askAsTaxStaff(subgraph, query, variables);

  it('keep the scalar’s INVALID_INPUT and its problems, for a variable and for a literal', async () => {
    const variable = await ask('query P($id: IdNumber!) { person(idNumber: $id) }', {
      id: '110105194912310021',
    });
    expect(variable.errors).toHaveLength(1);
    expect(variable.errors![0]!.extensions).toMatchObject({
      code: 'INVALID_INPUT',
      department: 'tax',
      problems: [expect.objectContaining({ rule: 'GB11643.checkCharacter' })],
    });
    const literal = await ask('{ person(idNumber: 123) }');
    expect(literal.errors![0]!.extensions).toMatchObject({
      code: 'INVALID_INPUT',
      problems: [expect.objectContaining({ rule: 'IdNumber.type' })],
    });
    expect(literal.errors![0]!.message).toMatch(/IdNumber 123: /);
  });

  it('name a query the schema does not have as a validation failure', async () => {
    const r = await ask('{ nothingHere }');
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', department: 'tax' });
  });
});

describe('refusals outside GraphQL', () => {
  const subgraph = toySubgraph();
  afterAll(() => subgraph.app.close());
  const expectRefusal = (res: { statusCode: number; json(): any }, status: number, code: string) => {
    expect(res.statusCode).toBe(status);
    expect(res.json().errors[0].extensions).toEqual({ code, department: 'tax' });
    return res.json().errors[0].message as string;
  };

  it('answer every refusal with a code, in the shape of GraphQL errors', async () => {
    const app = subgraph.app;
    expectRefusal(await app.inject({ method: 'GET', url: '/nowhere' }), 404, 'NOT_FOUND');
    const json = { 'content-type': 'application/json' };
    const broken = expectRefusal(
      await app.inject({ method: 'POST', url: '/callbacks/echo', headers: json, payload: '{"a":' }),
      400,
      'BAD_REQUEST',
    );
    expect(broken).toMatch(/not valid JSON \(/);
    const proto = expectRefusal(
      await app.inject({
        method: 'POST',
        url: '/callbacks/echo',
        headers: json,
        payload: '{"__proto__":{"x":1}}',
      }),
      400,
      'BAD_REQUEST',
    );
    expect(proto).toMatch(/__proto__/);
    expectRefusal(
      await app.inject({
        method: 'POST',
        url: '/callbacks/echo',
        headers: json,
        payload: `"${'x'.repeat(1_100_000)}"`,
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    const failed = expectRefusal(
      await app.inject({ method: 'POST', url: '/callbacks/fail', headers: json, payload: '{}' }),
      500,
      'INTERNAL_SERVER_ERROR',
    );
    expect(failed).not.toMatch(/UTF8/);
    const badUrl = await app.inject({ method: 'GET', url: '/materials/%E0%A4%A' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json().errors[0].extensions.code).toBe('BAD_REQUEST');
    const long = await app.inject({ method: 'GET', url: `/materials/${'a'.repeat(500)}` });
    expect(long.statusCode).toBe(414);
    expect(long.json().errors[0].extensions.code).toBe('URI_TOO_LONG');
  });
});

describe('control characters in a request', () => {
  const subgraph = toySubgraph();
  afterAll(() => subgraph.app.close());
  const ask = (query: string, variables?: Record<string, unknown>) =>
    askAsTaxStaff(subgraph, query, variables);

  it('are refused before any resolver runs, naming each and where it is', async () => {
    const r = await ask('query E($t: String!) { echo(text: $t) }', { t: 'a\u0000b' });
    expect(r.data).toBeNull();
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT', department: 'tax' });
    expect(r.errors?.[0]?.extensions.problems).toEqual([
      expect.objectContaining({ path: '$t', rule: 'text.controlCharacter' }),
    ]);
    expect(r.errors?.[0]?.message).toMatch(/U\+0000/);
    const literal = await ask('{ echo(text: "x\\u001b[31m") }');
    expect(literal.errors?.[0]?.extensions.problems[0].message.en).toMatch(
      /string literal at line 1 holds the control character U\+001B/,
    );
    const surrogate = await ask('query E($t: String!) { echo(text: $t) }', { t: 'a\ud800' });
    expect(surrogate.errors?.[0]?.extensions.code).toBe('INVALID_INPUT');
  });

  it('leave tabs, line breaks and every script alone', async () => {
    const text = '第一行\n第二行\tÀ 😀';
    expect(await ask('query E($t: String!) { echo(text: $t) }', { t: text })).toEqual({
      data: { echo: text },
    });
  });
});
