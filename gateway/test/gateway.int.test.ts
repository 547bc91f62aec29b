import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '@onething/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environmentFromArgs } from '../src/cli';
import { createGateway, type Gateway } from '../src/server';
import { gatewaySettings } from '../src/settings';
import { testIdentityKeys } from './keys';
import { REVIEWS_V2, startToySubgraph, toySupergraph } from './toy';

const KEYS = testIdentityKeys();
// The gateway's log lines, kept (and shown with TEST_LOG) so a test can wait for what the gateway did.
const logged: string[] = [];
const log = createLogger('gateway-test', process.env.TEST_LOG ?? 'error', {
  write: (line: string) => {
    logged.push(line);
    if (process.env.TEST_LOG) process.stdout.write(line);
  },
});
const post = (url: string, query: string) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as { data?: any; errors?: any[] } }));

function gatewayFor(file: string, extraEnv: Record<string, string> = {}): Gateway {
  const env = environmentFromArgs(['--supergraph', file, '--port', '0'], {
    INTERNAL_IDENTITY_KEY_FILE: KEYS.keyFile,
    ...extraEnv,
  });
  return createGateway(gatewaySettings.load(env), log);
}

describe('the gateway serves any Federation 2 supergraph', () => {
  let books: Awaited<ReturnType<typeof startToySubgraph>>;
  let reviews: Awaited<ReturnType<typeof startToySubgraph>>;
  let gateway: Gateway;
  let file: string;

  beforeAll(async () => {
    books = await startToySubgraph('books', (await import('./toy')).BOOKS);
    // The reviews subgraph already serves `stars`; the supergraph only learns of it when its file changes.
    reviews = await startToySubgraph('reviews', REVIEWS_V2);
    file = join(mkdtempSync(join(tmpdir(), 'supergraph-')), 'bookshop.graphql');
    writeFileSync(file, toySupergraph(books.url, reviews.url));
    gateway = gatewayFor(file);
    await gateway.listen();
    await gateway.ready();
  });
  afterAll(async () => {
    await gateway?.close();
    await books?.close();
    await reviews?.close();
  });

  it('plans across the toy subgraphs and forwards a signed identity to each', async () => {
    const r = await post(gateway.url, '{ books { title reviews } reviewCount }');
    expect(r.body).toEqual({
      data: {
        books: [
          { title: '红楼梦', reviews: ['经典', '百读不厌'] },
          { title: '围城', reviews: ['妙语连珠'] },
        ],
        reviewCount: 3,
      },
    });
    expect(books.seenHeaders.at(-1)).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(reviews.seenHeaders.at(-1)).toMatch(/^ey/);
  });

  it('refuses a token it cannot verify however /graphql is spelled, never serving it anonymously', async () => {
    for (const path of ['/graphql', '/%67raphql', '/graphql?x=1']) {
      const res = await fetch(`${gateway.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' },
        body: JSON.stringify({ query: '{ reviewCount }' }),
      });
      expect(res.status, path).toBe(401);
      expect(((await res.json()) as any).errors[0].extensions.code, path).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a document whose operation to run cannot be told, with 400 and a code', async () => {
    const ask = (body: Record<string, unknown>) =>
      fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    const two = 'query A { reviewCount } query B { books { title } }';
    for (const [body, message] of [
      [{ query: two }, /holds 2 operations \(A, B\): name the one to run/],
      [{ query: two, operationName: 'Z' }, /no operation named "Z"; it has A, B/],
      [{ query: 'subscription { reviewCount }' }, /no subscriptions/],
    ] as const) {
      const r = await ask(body);
      expect(r.status).toBe(400);
      expect(r.body.errors[0].extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
      expect(r.body.errors[0].message).toMatch(message);
    }
    expect((await ask({ query: two, operationName: 'A' })).body).toEqual({ data: { reviewCount: 3 } });
  });

  it('answers requests it cannot route or read with a code and what was wrong', async () => {
    const send = (path: string, init: RequestInit = {}) =>
      fetch(`${gateway.url}${path}`, init).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as any,
      }));
    const json = { 'content-type': 'application/json' };
    const broken = await send('/graphql', { method: 'POST', headers: json, body: '{"query":' });
    expect(broken.status).toBe(400);
    expect(broken.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(broken.body.errors[0].message).toMatch(/not valid JSON \(/);
    const proto = await send('/graphql', {
      method: 'POST',
      headers: json,
      body: '{"__proto__":{},"query":"{ reviewCount }"}',
    });
    expect(proto.body.errors[0].message).toMatch(/"__proto__" key/);
    const badUrl = await send('/materials/%E0%A4%A');
    expect([badUrl.status, badUrl.body.errors[0].extensions.code]).toEqual([400, 'BAD_REQUEST']);
    const long = await send(`/materials/${'a'.repeat(300)}`);
    expect([long.status, long.body.errors[0].extensions.code]).toEqual([414, 'URI_TOO_LONG']);
    const notAType = await send('/materials', {
      method: 'POST',
      headers: { 'content-type': ';;;' },
      body: 'x',
    });
    expect([notAType.status, notAType.body.errors[0].extensions.code]).toEqual([400, 'BAD_REQUEST']);
    expect(notAType.body.errors[0].message).toMatch(/content-type header is not a media type/);

    // Bytes Node's HTTP parser refuses never reach Fastify's routes: answered in the same shape.
    const raw = await new Promise<string>((resolve, reject) => {
      const { port } = new URL(gateway.url);
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write('GET /health HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n'),
      );
      let got = '';
      socket.on('data', (d) => {
        got += d.toString();
      });
      socket.on('end', () => resolve(got));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1.1 400/);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('answers a body it refuses unread even while the client is still sending it (lingering close)', async () => {
    const { port } = new URL(gateway.url);
    // A client that goes on sending and reads its answer only later, as a browser busy uploading does:
    // had the gateway closed at once, the reset would have thrown the unread 413 away.
    const answer = await new Promise<string>((resolve) => {
      let got = '';
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.pause();
        socket.write(
          `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${8 * 1024 * 1024}\r\n\r\n`,
        );
        const piece = Buffer.alloc(64 * 1024, 'x');
        let sent = 0;
        const sending = setInterval(() => {
          if (socket.destroyed || sent++ > 3) {
            clearInterval(sending);
            socket.resume();
            return;
          }
          socket.write(piece);
        }, 50);
      });
      socket.on('data', (d) => {
        got += d.toString();
      });
      socket.on('error', () => resolve(got));
      socket.on('close', () => resolve(got));
    });
    expect(answer).toMatch(/^HTTP\/1.1 413/);
    expect(answer).toMatch(/PAYLOAD_TOO_LARGE/);
  });

  it('reloads the supergraph when its file changes', async () => {
    expect((await post(gateway.url, '{ books { stars } }')).body.errors?.[0]?.extensions?.code).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
    writeFileSync(file, toySupergraph(books.url, reviews.url, REVIEWS_V2));
    let r = await post(gateway.url, '{ books { stars } }');
    for (let i = 0; i < 50 && r.body.errors; i++) {
      await sleep(100);
      r = await post(gateway.url, '{ books { stars } }');
    }
    expect(r.body).toEqual({ data: { books: [{ stars: 5 }, { stars: 5 }] } });
  });

  it('keeps the last good supergraph when the file is changed to something that does not load', async () => {
    const before = logged.length;
    writeFileSync(file, 'this is not a supergraph');
    // Until the gateway has read the file and refused it: waited for, not guessed with a delay.
    while (!logged.slice(before).some((l) => l.includes('does not load; keeping the previous one')))
      await sleep(20);
    expect((await post(gateway.url, '{ books { title } }')).body.data?.books).toHaveLength(2);
  });

  it('answers with the other subgraph’s data and a coded error when one subgraph cannot be reached', async () => {
    await reviews.close();
    const r = await post(gateway.url, '{ books { title reviews } }');
    expect(r.status).toBe(200);
    expect(r.body.errors?.[0]?.extensions).toMatchObject({
      code: 'SUBGRAPH_UNAVAILABLE',
      subgraph: 'reviews',
    });
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
  });

  it('counts operations and errors on /metrics', async () => {
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(text).toMatch(/onething_gateway_operation_seconds_count\{[^}]*type="query"[^}]*\} [1-9]/);
    expect(text).toMatch(/onething_gateway_errors_total\{code="SUBGRAPH_UNAVAILABLE"/);
  });

  it('serves GraphiQL from its own assets only', async () => {
    const res = await fetch(`${gateway.url}/graphiql`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.every((s) => s.startsWith('/graphiql/assets/'))).toBe(true);
    for (const s of sources) {
      const asset = await fetch(`${gateway.url}${s}`);
      expect(asset.status).toBe(200);
      // Read to the end: a body left unread holds its connection, and the gateway's close waits for it.
      await asset.arrayBuffer();
    }
  });
});

describe('before the supergraph is there', () => {
  it('answers 503 on /health and /graphql, then serves once the file appears', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'supergraph-'));
    const file = join(dir, 'later.graphql');
    const books = await startToySubgraph('books', (await import('./toy')).BOOKS);
    const gateway = gatewayFor(file);
    await gateway.listen();
    try {
      expect((await fetch(`${gateway.url}/health`)).status).toBe(503);
      expect((await fetch(`${gateway.url}/ready`)).status).toBe(503);
      const early = await post(gateway.url, '{ books { title } }');
      expect(early.status).toBe(503);
      expect(early.body.errors?.[0]?.extensions?.code).toBe('NOT_READY');
      writeFileSync(file, toySupergraph(books.url, 'http://127.0.0.1:9/graphql'));
      await gateway.ready();
      expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
      expect((await post(gateway.url, '{ books { title } }')).body.data.books).toHaveLength(2);
    } finally {
      await gateway.close();
      await books.close();
    }
  });
});

describe('per-subgraph timeouts', () => {
  it('gives up on a slow subgraph after its own timeout, keeping the others’ data', async () => {
    const books = await startToySubgraph('books', (await import('./toy')).BOOKS);
    const reviews = await startToySubgraph('reviews', REVIEWS_V2, 1_000);
    const file = join(mkdtempSync(join(tmpdir(), 'supergraph-')), 'slow.graphql');
    writeFileSync(file, toySupergraph(books.url, reviews.url));
    const gateway = gatewayFor(file, { SUBGRAPH_TIMEOUTS: 'reviews=200' });
    await gateway.listen();
    await gateway.ready();
    try {
      const r = await post(gateway.url, '{ books { title reviews } }');
      expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_TIMEOUT', subgraph: 'reviews' });
      expect(r.body.errors?.[0]?.message).toMatch(/within 200 ms/);
    } finally {
      await gateway.close();
      await books.close();
      await reviews.close();
    }
  });
});

describe('settings and command line', () => {
  it('takes --supergraph and --port, and refuses what it does not know', () => {
    expect(environmentFromArgs(['--supergraph=/x.graphql', '--port', '5000'], {})).toMatchObject({
      SUPERGRAPH_FILE: '/x.graphql',
      PORT: '5000',
    });
    expect(() => environmentFromArgs(['--verbose'], {})).toThrow(
      /--config FILE, --supergraph FILE, --host ADDRESS, --port N/,
    );
    expect(() => environmentFromArgs(['--port'], {})).toThrow(/needs a value/);
  });

  it('names every wrong setting at once, the identity key file with what is wrong with it', () => {
    let message = '';
    try {
      gatewaySettings.load({
        INTERNAL_IDENTITY_KEY_FILE: KEYS.jwksFile,
        MAX_DEPTH: 'deep',
        SUBGRAPH_URLS: 'tax=not a url',
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(
      /INTERNAL_IDENTITY_KEY_FILE=".*identity-jwks.json": is not a PKCS#8 PEM private key/,
    );
    expect(message).toMatch(/MAX_DEPTH="deep"/);
    expect(message).toMatch(/SUBGRAPH_URLS="tax=not a url"/);
    expect(() => gatewaySettings.load({})).toThrow(
      /INTERNAL_IDENTITY_KEY_FILE=\(unset\): is required: the gateway's Ed25519 private key file/,
    );
  });
});
