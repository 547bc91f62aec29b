import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@onething/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environmentFromArgs } from '../src/cli';
import { createGateway, type Gateway } from '../src/server';
import { gatewaySettings } from '../src/settings';
import { testIdentityKeys } from './keys';
import { startToySubgraph, toySupergraph } from './toy';

const KEYS = testIdentityKeys();
const log = createLogger('gateway-web-app-test', process.env.TEST_LOG ?? 'silent');
const CSP =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/x-abc123.js"></script></head><body><h1>一件事一次办</h1></body></html>';
const SCRIPT = 'document.querySelector("h1").textContent += "!";';
const SECRET_FILE = 'the contents of a file beside WEB_DIR';
/** A GraphQL-shaped error answer. */
type Refusal = { errors: { message: string; extensions: { code: string } }[] };
const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

/** A GET with the path sent exactly as written (fetch would resolve `..` before sending). */
function rawGet(base: string, path: string, headers: Record<string, string> = {}) {
  const { hostname, port } = new URL(base);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A stand-in for the development identity provider: its personas and persona tokens, and what it was asked. */
async function fakeIdp() {
  const asked: string[] = [];
  const server: Server = createServer((req, res) => {
    asked.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://idp');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/personas')
      return json(200, [{ id: 'citizen', name: '王芳', title: { en: 'home buyer' } }]);
    if (url.pathname === '/token' && url.searchParams.get('persona') === 'citizen')
      return json(200, {
        access_token: 'a.b.c',
        token_type: 'Bearer',
        expires_in: 28800,
        persona: 'citizen',
      });
    if (url.pathname === '/token')
      return json(400, { error: 'invalid_request', error_description: 'no such persona' });
    json(404, { error: 'not found' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, asked, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('the web app at / on the gateway', () => {
  let books: Awaited<ReturnType<typeof startToySubgraph>>;
  let reviews: Awaited<ReturnType<typeof startToySubgraph>>;
  let idp: Awaited<ReturnType<typeof fakeIdp>>;
  let supergraph: string;
  let webDir: string;
  let gateway: Gateway;
  const started: Gateway[] = [];

  const startGateway = async (env: Record<string, string>) => {
    const g = createGateway(
      gatewaySettings.load(
        environmentFromArgs(['--supergraph', supergraph, '--port', '0'], {
          INTERNAL_IDENTITY_KEY_FILE: KEYS.keyFile,
          ...env,
        }),
      ),
      log,
    );
    started.push(g);
    await g.listen();
    await g.ready();
    return g;
  };

  beforeAll(async () => {
    books = await startToySubgraph('books', (await import('./toy')).BOOKS);
    reviews = await startToySubgraph('reviews', (await import('./toy')).REVIEWS);
    idp = await fakeIdp();
    const dir = mkdtempSync(join(tmpdir(), 'web-app-'));
    supergraph = join(dir, 'bookshop.graphql');
    writeFileSync(supergraph, toySupergraph(books.url, reviews.url));
    writeFileSync(join(dir, 'secret.txt'), SECRET_FILE);
    webDir = join(dir, 'dist');
    mkdirSync(join(webDir, 'assets'), { recursive: true });
    writeFileSync(join(webDir, 'index.html'), INDEX);
    writeFileSync(join(webDir, 'assets', 'x-abc123.js'), SCRIPT);
    writeFileSync(join(webDir, 'assets', 'x-abc123.css'), 'h1 { color: #c00; }');
    writeFileSync(join(webDir, 'assets', 'x-abc123.js.map'), '{"version":3}');
    writeFileSync(join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(webDir, '.env'), 'NOT=served');
    gateway = await startGateway({ WEB_DIR: webDir, DEV_IDP_URL: `${idp.url}/` });
  });
  afterAll(async () => {
    for (const g of started) await g.close();
    await books?.close();
    await reviews?.close();
    await idp?.close();
  });

  it('serves index.html at / under the strict CSP, revalidated on every visit', async () => {
    const res = await fetch(`${gateway.url}/`, { headers: HTML });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(INDEX);

    const again = await fetch(`${gateway.url}/`, {
      headers: { ...HTML, 'if-none-match': res.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('tells the app where users sign in at /config.json, and lets it reach that provider under its CSP', async () => {
    const none = await (await fetch(`${gateway.url}/config.json`)).json();
    expect(none).toEqual({ issuer: null, clientId: 'onething-web' });

    const issuer = 'https://sso.example.gov.cn/realms/zj';
    const g = await startGateway({ WEB_DIR: webDir, OIDC_ISSUER: issuer, WEB_CLIENT_ID: 'one-thing-zj' });
    const res = await fetch(`${g.url}/config.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ issuer, clientId: 'one-thing-zj' });
    const page = await fetch(`${g.url}/`, { headers: HTML });
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("connect-src 'self' https://sso.example.gov.cn;");
    expect(csp).toContain("form-action 'self' https://sso.example.gov.cn");
    expect(csp).toContain("script-src 'self';");
  });

  it('serves hashed assets with their content types, cached for good', async () => {
    const js = await fetch(`${gateway.url}/assets/x-abc123.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await js.text()).toBe(SCRIPT);

    const type = async (path: string) => (await fetch(`${gateway.url}${path}`)).headers.get('content-type');
    expect(await type('/assets/x-abc123.css')).toBe('text/css; charset=utf-8');
    expect(await type('/assets/x-abc123.js.map')).toBe('application/json; charset=utf-8');
    const icon = await fetch(`${gateway.url}/favicon.svg`);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it("answers the app's pages with index.html when a browser asks for a page", async () => {
    const page = await fetch(`${gateway.url}/applications/123?tab=status`, { headers: HTML });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(await page.text()).toBe(INDEX);

    const notAPage = await fetch(`${gateway.url}/applications/123`, {
      headers: { accept: 'application/json' },
    });
    expect(notAPage.status).toBe(404);
    expect(((await notAPage.json()) as Refusal).errors[0]!.extensions.code).toBe('NOT_FOUND');
  });

  it('answers 404 for an asset the build does not have, even to a browser', async () => {
    const res = await fetch(`${gateway.url}/assets/x-old999.js`, { headers: HTML });
    expect(res.status).toBe(404);
    expect(((await res.json()) as Refusal).errors[0]).toMatchObject({
      message: expect.stringContaining('/assets/x-old999.js'),
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('serves nothing outside WEB_DIR, nor its dotfiles, however the path is written', async () => {
    for (const path of [
      '/assets/../../secret.txt',
      '/../secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2E%2E%5C%2E%2E%5Csecret.txt',
    ]) {
      for (const headers of [{}, HTML]) {
        const res = await rawGet(gateway.url, path, headers);
        expect(res.body, path).not.toContain(SECRET_FILE);
        expect(res.status, path).toBe(400);
      }
    }
    const dotfile = await rawGet(gateway.url, '/.env');
    expect(dotfile.status).toBe(404);
    expect(dotfile.body).not.toContain('NOT=served');
  });

  it("passes the development identity provider's personas and persona tokens on the same origin", async () => {
    const personas = await fetch(`${gateway.url}/idp/personas`);
    expect(personas.status).toBe(200);
    expect(await personas.json()).toEqual([{ id: 'citizen', name: '王芳', title: { en: 'home buyer' } }]);

    const token = await fetch(`${gateway.url}/idp/token?persona=citizen`);
    expect(token.status).toBe(200);
    expect(token.headers.get('cache-control')).toBe('no-store');
    expect(await token.json()).toMatchObject({ access_token: 'a.b.c', persona: 'citizen' });

    const unknown = await fetch(
      `${gateway.url}/idp/token?persona=${encodeURIComponent('nobody&grant_type=custom')}`,
    );
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: 'invalid_request' });
    expect(idp.asked).toEqual([
      '/personas',
      '/token?persona=citizen',
      `/token?persona=${encodeURIComponent('nobody&grant_type=custom')}`,
    ]);

    const other = await fetch(`${gateway.url}/idp/.well-known/jwks.json`);
    expect(other.status).toBe(404);
    const post = await fetch(`${gateway.url}/idp/token`, { method: 'POST' });
    expect(post.status).toBe(404);
    expect(idp.asked).toHaveLength(3);
  });

  it('answers 502 IDP_UNAVAILABLE when the development identity provider is down', async () => {
    const down = await fakeIdp();
    await down.close();
    const g = await startGateway({ WEB_DIR: webDir, DEV_IDP_URL: down.url });
    for (const path of ['/idp/personas', '/idp/token?persona=citizen']) {
      const res = await fetch(`${g.url}${path}`);
      expect(res.status).toBe(502);
      const body = (await res.json()) as Refusal;
      expect(body.errors[0]!.extensions).toEqual({ code: 'IDP_UNAVAILABLE' });
      expect(body.errors[0]!.message).toContain(down.url);
    }
  });

  it('leaves /graphql, /graphiql and /health to the gateway', async () => {
    const gql = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ books { title } }' }),
    });
    expect(await gql.json()).toEqual({ data: { books: [{ title: '红楼梦' }, { title: '围城' }] } });

    const graphiql = await fetch(`${gateway.url}/graphiql`, { headers: HTML });
    expect(graphiql.status).toBe(200);
    expect(await graphiql.text()).toContain('GraphiQL');

    for (const path of ['/graphql', '/graphql/extra', '/graphiql/assets/nothing.js', '/health', '/metrics']) {
      const res = await fetch(`${gateway.url}${path}`, { headers: HTML });
      expect(await res.text(), path).not.toContain('一件事一次办');
    }
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
  });

  describe('without DEV_IDP_URL and before the web app is built', () => {
    let bare: Gateway;
    let emptyDir: string;
    beforeAll(async () => {
      emptyDir = mkdtempSync(join(tmpdir(), 'web-app-empty-'));
      bare = await startGateway({ WEB_DIR: emptyDir });
    });

    it('answers /idp/… 404 and names where to sign in', async () => {
      for (const path of ['/idp/personas', '/idp/token?persona=citizen', '/idp']) {
        const res = await fetch(`${bare.url}${path}`);
        expect(res.status, path).toBe(404);
        expect(await res.json()).toEqual({
          errors: [
            {
              message: 'no development identity provider: sign in with your identity provider',
              extensions: { code: 'NOT_FOUND' },
            },
          ],
        });
      }
    });

    it('answers / 503 with how to build the web app, and serves the app once it is built', async () => {
      for (const path of ['/', '/applications/123']) {
        const res = await fetch(`${bare.url}${path}`, { headers: HTML });
        expect(res.status, path).toBe(503);
        expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(res.headers.get('content-security-policy')).toBe(CSP);
        const page = await res.text();
        expect(page).toContain('The web app is not built');
        expect(page).toContain('npm run build --workspace web');
      }
      expect((await fetch(`${bare.url}/health`)).status).toBe(200);

      writeFileSync(join(emptyDir, 'index.html'), INDEX);
      const built = await fetch(`${bare.url}/`, { headers: HTML });
      expect(built.status).toBe(200);
      expect(await built.text()).toBe(INDEX);
      rmSync(join(emptyDir, 'index.html'));
      expect((await fetch(`${bare.url}/`, { headers: HTML })).status).toBe(503);
    });
  });
});
