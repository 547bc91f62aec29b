import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@onething/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../src/server';
import { gatewaySettings } from '../src/settings';
import { sha256 } from '../src/trusted-documents';
import { testIdentityKeys, testIdp } from './keys';
import { BOOKS, REVIEWS, startToySubgraph, toySupergraph } from './toy';

/**
 * Trusted documents at the gateway, over the toy bookshop: operations registered ahead in a manifest are
 * sent by hash alone; a gateway that refuses unregistered operations runs only those, but for the roles
 * allowed to send any.
 */
const KEYS = testIdentityKeys();
const log = createLogger('gateway-trusted-documents-test', process.env.TEST_LOG ?? 'silent');
const dir = mkdtempSync(join(tmpdir(), 'trusted-documents-'));

const TITLES = 'query Titles { books { title } }';
const COUNT = 'query Count { reviewCount }';
const UNREGISTERED = 'query Isbns { books { isbn } }';
const MANIFEST = join(dir, 'persisted-documents.json');
writeFileSync(MANIFEST, JSON.stringify({ [sha256(TITLES)]: TITLES, [`sha256:${sha256(COUNT)}`]: COUNT }));

const byHash = (text: string) => ({
  extensions: { persistedQuery: { version: 1, sha256Hash: sha256(text) } },
});

async function ask(gateway: Gateway, body: Record<string, unknown>, token?: string) {
  const res = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    cacheControl: res.headers.get('cache-control'),
    body: (await res.json()) as { data?: any; errors?: any[] },
  };
}

const codeOf = (r: { body: { errors?: any[] } }) => r.body.errors?.[0]?.extensions?.code;

describe('trusted documents', () => {
  let books: Awaited<ReturnType<typeof startToySubgraph>>;
  let reviews: Awaited<ReturnType<typeof startToySubgraph>>;
  let idp: Awaited<ReturnType<typeof testIdp>>;
  let allowing: Gateway;
  let refusing: Gateway;
  let staffToken: string;
  let applicantToken: string;

  beforeAll(async () => {
    [books, reviews, idp] = await Promise.all([
      startToySubgraph('books', BOOKS),
      startToySubgraph('reviews', REVIEWS),
      testIdp(),
    ]);
    const file = join(dir, 'bookshop.graphql');
    writeFileSync(file, toySupergraph(books.url, reviews.url));
    const env = {
      SUPERGRAPH_FILE: file,
      PORT: '0',
      INTERNAL_IDENTITY_KEY_FILE: KEYS.keyFile,
      JWKS_URL: idp.jwksUrl,
      TRUSTED_DOCUMENTS_FILES: MANIFEST,
    };
    allowing = createGateway(gatewaySettings.load(env), log);
    refusing = createGateway(
      gatewaySettings.load({
        ...env,
        UNREGISTERED_OPERATIONS: 'refuse',
        UNREGISTERED_OPERATIONS_ROLES: 'window-staff',
      }),
      log,
    );
    await Promise.all([allowing.listen(), refusing.listen()]);
    await Promise.all([allowing.ready(), refusing.ready()]);
    [staffToken, applicantToken] = await Promise.all([
      idp.token({ role: 'window-staff', name: '王窗口' }),
      idp.token({ role: 'applicant', id_number: '11010519491231002X', name: '张三' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([allowing, refusing].map((g) => g?.close()));
    await Promise.all([books, reviews, idp].map((s) => s?.close()));
  });

  it('answers a registered operation sent by its hash alone, the manifest’s key bare or `sha256:`', async () => {
    for (const gateway of [allowing, refusing]) {
      expect((await ask(gateway, byHash(TITLES))).body).toEqual({
        data: { books: [{ title: '红楼梦' }, { title: '围城' }] },
      });
      expect((await ask(gateway, byHash(COUNT))).body).toEqual({ data: { reviewCount: 3 } });
    }
  });

  it('answers a hash it does not hold with PERSISTED_QUERY_NOT_FOUND, in the gateway’s error shape, uncached', async () => {
    for (const gateway of [allowing, refusing]) {
      const r = await ask(gateway, byHash('query Nobody { reviewCount }'));
      // 200, as Apollo's clients expect it: they send the text next.
      expect(r.status).toBe(200);
      expect(r.cacheControl).toMatch(/no-cache/);
      expect(r.body.data).toBeUndefined();
      expect(r.body.errors).toEqual([
        { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
      ]);
    }
  });

  it('where unregistered operations are allowed, runs any text and keeps a hash sent with its text', async () => {
    const text = 'query Later { books { isbn title } }';
    expect(codeOf(await ask(allowing, byHash(text)))).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await ask(allowing, { query: text, ...byHash(text) });
    expect(registered.body.data.books).toHaveLength(2);
    expect((await ask(allowing, byHash(text))).body).toEqual(registered.body);
    expect((await ask(allowing, { query: UNREGISTERED })).body.data.books).toHaveLength(2);
  });

  it('where they are refused, refuses an unregistered text before planning, saying how to register it', async () => {
    const before = books.seenHeaders.length;
    for (const [what, body, token] of [
      ['anonymous', { query: UNREGISTERED }, undefined],
      ['an applicant', { query: UNREGISTERED }, applicantToken],
      // A registered operation with a character changed is another operation.
      ['a registered text changed', { query: `${TITLES} ` }, undefined],
    ] as const) {
      const r = await ask(refusing, body, token);
      expect(r.status, what).toBe(400);
      expect(r.body.data, what).toBeUndefined();
      expect(r.body.errors, what).toHaveLength(1);
      expect(codeOf(r), what).toBe('OPERATION_NOT_REGISTERED');
      expect(r.body.errors![0].message, what).toMatch(
        /in no manifest it loads: register it by adding it to a manifest file named in the gateway's TRUSTED_DOCUMENTS_FILES/,
      );
      // The server's own paths are not told.
      expect(r.body.errors![0].message, what).not.toContain(dir);
    }
    // A GET is refused alike.
    const get = await fetch(`${refusing.url}/graphql?query=${encodeURIComponent(UNREGISTERED)}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect([get.status, ((await get.json()) as any).errors[0].extensions.code]).toEqual([
      400,
      'OPERATION_NOT_REGISTERED',
    ]);
    expect(books.seenHeaders.length, 'no subgraph was asked').toBe(before);
    // Counted with the errors of answers.
    const metrics = await (await fetch(`${refusing.url}/metrics`)).text();
    const refused = /onething_gateway_errors_total\{[^}]*code="OPERATION_NOT_REGISTERED"[^}]*\} (\d+)/.exec(
      metrics,
    );
    expect(Number(refused?.[1])).toBe(4);
  });

  it('where they are refused, answers a registered operation sent as text, with or without its hash', async () => {
    expect((await ask(refusing, { query: TITLES })).body.data.books).toHaveLength(2);
    expect((await ask(refusing, { query: COUNT, ...byHash(COUNT) })).body).toEqual({
      data: { reviewCount: 3 },
    });
  });

  it('lets a role of UNREGISTERED_OPERATIONS_ROLES send an unregistered text', async () => {
    const r = await ask(refusing, { query: UNREGISTERED }, staffToken);
    expect(r.body).toEqual({ data: { books: [{ isbn: '9787020002207' }, { isbn: '9787532736553' }] } });
  });

  it('where they are refused, registers nothing sent as hash and text: the hash alone stays unknown', async () => {
    const text = 'query Sneaked { books { isbn } reviewCount }';
    // Even from a role that may send it: what one staff tool sends does not become callable by anyone.
    expect((await ask(refusing, { query: text, ...byHash(text) }, staffToken)).body.data.reviewCount).toBe(3);
    expect(codeOf(await ask(refusing, { query: text, ...byHash(text) }))).toBe('OPERATION_NOT_REGISTERED');
    for (const token of [undefined, applicantToken, staffToken])
      expect(codeOf(await ask(refusing, byHash(text), token))).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('refuses to start with a manifest it cannot use, naming the file and what is wrong', () => {
    const startWith = (files: string) => {
      try {
        gatewaySettings.load({
          INTERNAL_IDENTITY_KEY_FILE: KEYS.keyFile,
          PORT: '0',
          TRUSTED_DOCUMENTS_FILES: files,
        });
      } catch (e) {
        return (e as Error).message;
      }
      return 'started';
    };
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const missing = join(dir, 'missing.json');
    expect(startWith(`${MANIFEST},${missing}`)).toMatch(
      new RegExp(`TRUSTED_DOCUMENTS_FILES=.*: ${missing} cannot be read \\(ENOENT`),
    );
    const broken = write('broken.json', '{"abc":');
    expect(startWith(broken)).toMatch(new RegExp(`${broken} is not JSON \\(`));
    const list = write('list.json', '["query { books { title } }"]');
    expect(startWith(list)).toMatch(
      new RegExp(`${list} is not a manifest: a JSON object of each operation's text`),
    );
    const notHex = write('not-hex.json', JSON.stringify({ Titles: TITLES }));
    expect(startWith(notHex)).toMatch(new RegExp(`${notHex}: "Titles" is not a SHA-256 in hex`));
    const wrong = write('wrong.json', JSON.stringify({ [sha256(COUNT)]: TITLES }));
    expect(startWith(wrong)).toMatch(
      new RegExp(`${wrong}: ${sha256(COUNT)} is not the SHA-256 of its operation's text`),
    );
    expect(startWith(MANIFEST)).toBe('started');
    expect(startWith('none')).toBe('started');
  });
});
