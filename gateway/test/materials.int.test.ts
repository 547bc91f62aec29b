import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createLogger } from '@onething/runtime';
import {
  IDENTITY_HEADER,
  type Identity,
  identityKeySet,
  jwksOf,
  verifyIdentity,
} from '@onething/runtime/identity';
import { composeSupergraph } from '@onething/schema';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { parse } from 'graphql';
import mercurius from 'mercurius';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environmentFromArgs } from '../src/cli';
import { createGateway, type Gateway } from '../src/server';
import { gatewaySettings } from '../src/settings';
import { testIdentityKeys, testIdp } from './keys';

const KEYS = testIdentityKeys();
const log = createLogger('gateway-materials-test', process.env.TEST_LOG ?? 'silent');
const MAX = 64 * 1024;
const me = '11010519491231002X';
const listen = async (app: FastifyInstance) => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
};

interface Received {
  identity: Identity;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

/**
 * A toy `hall`: a GraphQL subgraph (so the supergraph composes) that keeps uploads in memory, reading the
 * body as a stream, and records what reached it and with which identity.
 */
async function toyHall() {
  const keys = identityKeySet(jwksOf([KEYS.key]));
  const stored = new Map<string, Received>();
  const seen: string[] = [];
  const app = Fastify();
  await app.register(mercurius, {
    schema: buildSubgraphSchema({
      typeDefs: parse(
        'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) type Query { ok: Boolean }',
      ),
      resolvers: { Query: { ok: () => true } } as never,
    }),
    path: '/graphql',
  });
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null));
    scope.addHook('onRequest', async (req, reply) => {
      seen.push(`${req.method} ${req.url}`);
      try {
        (req as unknown as { who: Identity }).who = await verifyIdentity(
          req.headers[IDENTITY_HEADER] as string | undefined,
          keys,
        );
      } catch {
        return reply
          .code(401)
          .send({ errors: [{ message: 'no identity', extensions: { code: 'UNAUTHENTICATED' } }] });
      }
    });
    // As the hall does: a non-applicant's upload is refused before its body is read.
    scope.addHook('preHandler', async (req, reply) => {
      if (req.method === 'POST' && (req as unknown as { who: Identity }).who.role !== 'applicant')
        return reply
          .code(403)
          .send({ errors: [{ message: 'only applicants upload', extensions: { code: 'FORBIDDEN' } }] });
    });
    scope.post('/materials', async (req, reply) => {
      const chunks: Buffer[] = [];
      for await (const c of req.raw) chunks.push(c as Buffer);
      const bytes = Buffer.concat(chunks);
      const id = `u${stored.size + 1}`;
      stored.set(id, { identity: (req as unknown as { who: Identity }).who, headers: req.headers, bytes });
      return reply
        .code(201)
        .send({ id, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    });
    scope.get<{ Params: { id: string } }>('/materials/:id', async (req, reply) => {
      const upload = stored.get(req.params.id);
      if (!upload)
        return reply.code(404).send({
          errors: [
            {
              message: `there is no material ${req.params.id} that you may see`,
              extensions: { code: 'MATERIAL_NOT_FOUND' },
            },
          ],
        });
      return reply
        .type(String(upload.headers['content-type']))
        .header('content-disposition', `inline; filename*=UTF-8''${upload.headers['x-material-name']}`)
        .header('x-content-type-options', 'nosniff')
        .send(upload.bytes);
    });
  });
  // The papers: a receipt and a notice as the hall answers them (with the identity), the status page without.
  const papers: { path: string; identity?: Identity; headers: Record<string, unknown>; body: string }[] = [];
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.addHook('onRequest', async (req) => {
      const header = req.headers[IDENTITY_HEADER] as string | undefined;
      (req as unknown as { who?: Identity }).who = header ? await verifyIdentity(header, keys) : undefined;
    });
    const record = async (req: FastifyRequest) =>
      papers.push({
        path: req.url,
        ...((req as unknown as { who?: Identity }).who
          ? { identity: (req as unknown as { who: Identity }).who }
          : {}),
        headers: req.headers,
        body: typeof req.body === 'string' ? req.body : '',
      });
    scope.get('/papers/receipts/:file', async (req, reply) => {
      await record(req);
      return reply.type('application/pdf').send(Buffer.from('%PDF-1.7 receipt'));
    });
    scope.post('/papers/one-time-notice', async (req, reply) => {
      await record(req);
      return reply.type('application/pdf').send(Buffer.from('%PDF-1.7 notice'));
    });
    scope.get('/papers/status/:token', async (req, reply) => {
      await record(req);
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'")
        .header('referrer-policy', 'no-referrer')
        .header('x-robots-tag', 'noindex, nofollow')
        .send('<!doctype html><p>IN_PROGRESS</p>');
    });
  });
  const url = await listen(app);
  return { url: `${url}/graphql`, stored, seen, papers, close: () => app.close() };
}

describe('materials through the gateway', () => {
  let idp: Awaited<ReturnType<typeof testIdp>>;
  let hall: Awaited<ReturnType<typeof toyHall>>;
  let gateway: Gateway;
  let file: string;
  let applicantToken: string;

  const gatewayFor = (env: Record<string, string> = {}) =>
    createGateway(
      gatewaySettings.load(
        environmentFromArgs(['--supergraph', file, '--port', '0'], {
          INTERNAL_IDENTITY_KEY_FILE: KEYS.keyFile,
          JWKS_URL: idp.jwksUrl,
          MAX_MATERIAL_BYTES: String(MAX),
          MAX_BODY_BYTES: String(16 * 1024),
          ...env,
        }),
      ),
      log,
    );
  const upload = async (body: NonNullable<RequestInit['body']>, headers: Record<string, string>) => {
    const res = await fetch(`${gateway.url}/materials`, {
      method: 'POST',
      headers,
      body,
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    idp = await testIdp();
    hall = await toyHall();
    file = join(mkdtempSync(join(tmpdir(), 'supergraph-')), 'materials.graphql');
    writeFileSync(
      file,
      composeSupergraph([
        {
          name: 'hall',
          typeDefs:
            'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) type Query { ok: Boolean }',
          url: hall.url,
        },
      ]).supergraphSdl,
    );
    gateway = gatewayFor();
    await gateway.listen();
    await gateway.ready();
    applicantToken = await idp.token({ role: 'applicant', id_number: me, name: '张三' });
  });
  afterAll(async () => {
    await gateway?.close();
    await hall?.close();
    await idp?.close();
  });

  it('passes an upload, bigger than any GraphQL body, to the hall with the user’s identity, and the file back', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(40 * 1024)]);
    const r = await upload(pdf, {
      authorization: `Bearer ${applicantToken}`,
      'content-type': 'application/pdf',
      'x-material-name': encodeURIComponent('身份证.pdf'),
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    const received = hall.stored.get(r.body.id)!;
    expect(received.identity).toMatchObject({ role: 'applicant', idNumber: me, subject: me });
    expect(received.bytes.equals(pdf)).toBe(true);
    expect(received.headers).toMatchObject({
      'content-type': 'application/pdf',
      'x-material-name': encodeURIComponent('身份证.pdf'),
    });
    expect(received.headers.authorization).toBeUndefined();

    const back = await fetch(`${gateway.url}/materials/${r.body.id}`, {
      headers: { authorization: `Bearer ${applicantToken}` },
    });
    expect(back.status).toBe(200);
    expect(back.headers.get('content-type')).toBe('application/pdf');
    expect(back.headers.get('content-disposition')).toBe(
      `inline; filename*=UTF-8''${encodeURIComponent('身份证.pdf')}`,
    );
    expect(back.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await back.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('streams a body sent in chunks, without a length', async () => {
    const parts = [
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      randomBytes(20_000),
      randomBytes(20_000),
    ];
    const r = await upload(
      new ReadableStream({
        start(c) {
          for (const p of parts) c.enqueue(new Uint8Array(p));
          c.close();
        },
      }),
      { authorization: `Bearer ${applicantToken}`, 'content-type': 'image/png' },
    );
    expect(r.status).toBe(201);
    expect(hall.stored.get(r.body.id)!.bytes.equals(Buffer.concat(parts))).toBe(true);
  });

  it('refuses a file over MAX_MATERIAL_BYTES at the gateway, with or without a stated length', async () => {
    const before = hall.stored.size;
    const seen = hall.seen.length;
    const stated = await upload(Buffer.alloc(MAX + 1), { authorization: `Bearer ${applicantToken}` });
    expect(stated.status).toBe(413);
    expect(stated.body.errors[0]).toEqual({
      message: `the file is larger than ${MAX} bytes (MAX_MATERIAL_BYTES): send a smaller scan`,
      extensions: { code: 'MATERIAL_TOO_LARGE' },
    });
    expect(hall.seen.length).toBe(seen);
    const chunked = await upload(
      new ReadableStream({
        start(c) {
          for (let i = 0; i < 5; i++) c.enqueue(new Uint8Array(MAX / 4));
          c.close();
        },
      }),
      { authorization: `Bearer ${applicantToken}` },
    );
    expect(chunked.status).toBe(413);
    expect(chunked.body.errors[0].extensions.code).toBe('MATERIAL_TOO_LARGE');
    expect(hall.stored.size).toBe(before);
  });

  it('keeps the GraphQL body limit for /graphql', async () => {
    const res = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ ok } # ${'x'.repeat(20 * 1024)}` }),
    });
    expect(res.status).toBe(413);
  });

  it('refuses a request without a token, or with a bad one, before it reaches the hall', async () => {
    const seen = hall.seen.length;
    const none = await upload(Buffer.from('%PDF-1.7'), {});
    expect(none.status).toBe(401);
    expect(none.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(none.body.errors[0].message).toMatch(/Authorization: Bearer/);
    const bad = await fetch(`${gateway.url}/materials/u1`, {
      headers: { authorization: 'Bearer not.a.token' },
    });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(hall.seen.length).toBe(seen);
  });

  it('passes the hall’s refusals on as they are', async () => {
    const staff = await idp.token({ role: 'window-staff', sub: 'w-001' });
    const res = await fetch(`${gateway.url}/materials/nope`, {
      headers: { authorization: `Bearer ${staff}` },
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      errors: [
        { message: 'there is no material nope that you may see', extensions: { code: 'MATERIAL_NOT_FOUND' } },
      ],
    });
    expect(hall.seen.at(-1)).toBe('GET /materials/nope');
  });

  it('passes on a refusal the hall gives before the file is all sent, and ends that connection', async () => {
    const staff = await idp.token({ role: 'window-staff', sub: 'w-001' });
    let sending: ReadableStreamDefaultController<Uint8Array> | undefined;
    // A body that is still being sent when the hall answers: the answer must not wait for its end.
    const endless = new ReadableStream<Uint8Array>({
      start(c) {
        sending = c;
        c.enqueue(new Uint8Array(8 * 1024));
      },
    });
    const res = await fetch(`${gateway.url}/materials`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff}` },
      body: endless,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(403);
    expect(res.headers.get('connection')).toBe('close');
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    sending?.close();
  });

  it('answers 404 when the supergraph has no subgraph named by MATERIALS_SUBGRAPH', async () => {
    const other = gatewayFor({ MATERIALS_SUBGRAPH: 'archive' });
    await other.listen();
    await other.ready();
    try {
      const res = await fetch(`${other.url}/materials/u1`, {
        headers: { authorization: `Bearer ${applicantToken}` },
      });
      expect(res.status).toBe(404);
      const body = (await res.json()) as any;
      expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
      expect(body.errors[0].message).toMatch(/no subgraph "archive"/);
    } finally {
      await other.close();
    }
  });

  it('reaches the subgraph at SUBGRAPH_URLS when it is given, instead of the supergraph’s URL', async () => {
    const moved = gatewayFor({ SUBGRAPH_URLS: 'hall=http://127.0.0.1:9/graphql' });
    await moved.listen();
    await moved.ready();
    try {
      const res = await fetch(`${moved.url}/materials/u1`, {
        headers: { authorization: `Bearer ${applicantToken}` },
      });
      expect(res.status).toBe(502);
      expect(((await res.json()) as any).errors[0].extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
    } finally {
      await moved.close();
    }
  });
  it('passes the papers on: a receipt and a notice with the user’s identity, the public status page without one', async () => {
    const auth = { authorization: `Bearer ${applicantToken}` };
    const receipt = await fetch(`${gateway.url}/papers/receipts/abc.pdf`, { headers: auth });
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('content-type')).toBe('application/pdf');
    expect(hall.papers.at(-1)).toMatchObject({
      path: '/papers/receipts/abc.pdf',
      identity: { idNumber: me },
    });
    expect((await fetch(`${gateway.url}/papers/receipts/abc.pdf`)).status).toBe(401);

    const form = JSON.stringify({ bundleCode: 'HOUSE-TRANSFER', values: [] });
    const notice = await fetch(`${gateway.url}/papers/one-time-notice`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: form,
    });
    expect(notice.status).toBe(200);
    expect(hall.papers.at(-1)).toMatchObject({
      path: '/papers/one-time-notice',
      body: form,
      identity: { idNumber: me },
    });
    const seen = hall.papers.length;
    const big = await fetch(`${gateway.url}/papers/one-time-notice`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ bundleCode: 'X', values: [{ key: 'k', value: 'x'.repeat(20 * 1024) }] }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(hall.papers.length).toBe(seen);

    // The status page is public: no token needed, and one sent along is neither checked nor passed on.
    for (const headers of [{}, { authorization: 'Bearer not-a-token' }] as Record<string, string>[]) {
      const page = await fetch(`${gateway.url}/papers/status/AAAAAAAAAAAAAAAAAAAAAA`, { headers });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toBe("default-src 'none'");
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('x-robots-tag')).toBe('noindex, nofollow');
      const reached = hall.papers.at(-1)!;
      expect(reached.path).toBe('/papers/status/AAAAAAAAAAAAAAAAAAAAAA');
      expect(reached.identity).toBeUndefined();
      expect(reached.headers[IDENTITY_HEADER]).toBeUndefined();
      expect(reached.headers.authorization).toBeUndefined();
    }
  });
});
