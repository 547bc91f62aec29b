import { createLogger } from '@onething/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../src/server';
import { gatewaySettings } from '../src/settings';
import { testIdentityKeys } from './keys';

/** GraphiQL at /graphiql on a development gateway (our supergraph; no subgraph need be running). */
const log = createLogger('gateway-test', process.env.TEST_LOG ?? 'silent');
let gateway: Gateway;

beforeAll(async () => {
  gateway = createGateway(
    gatewaySettings.load({ INTERNAL_IDENTITY_KEY_FILE: testIdentityKeys().keyFile, PORT: '0' }),
    log,
  );
  await gateway.listen();
  await gateway.ready();
});
afterAll(() => gateway?.close());

const get = async (path: string) => {
  const res = await fetch(`${gateway.url}${path}`);
  return { res, body: Buffer.from(await res.arrayBuffer()) };
};
const sourcesOf = (html: string) => [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);

/** What every answer under /graphiql carries: it cannot be framed, sniffed or leak where it was opened from. */
function expectHardened(res: Response, path: string) {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp, path).toContain("frame-ancestors 'none'");
  expect(csp, path).toContain("script-src 'self'");
  expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
}

describe('GraphiQL', () => {
  it('answers names of Object.prototype’s members as the unknown assets they are: 404, never 500', async () => {
    for (const name of [
      '__proto__',
      'constructor',
      'hasOwnProperty',
      'toString',
      '%5F%5Fproto%5F%5F',
      'nothing.js',
    ]) {
      const { res, body } = await get(`/graphiql/assets/${name}`);
      expect(res.status, name).toBe(404);
      expect(JSON.parse(body.toString()).errors[0].extensions.code, name).toBe('NOT_FOUND');
      expectHardened(res, name);
    }
  });

  it('hardens the page and every file it loads', async () => {
    const { res, body } = await get('/graphiql');
    expect(res.status).toBe(200);
    expectHardened(res, '/graphiql');
    const sources = sourcesOf(body.toString());
    expect(sources.length).toBeGreaterThan(3);
    for (const source of sources) {
      const asset = await get(source);
      expect(asset.res.status, source).toBe(200);
      expectHardened(asset.res, source);
    }
  });

  it('serves the fonts its stylesheet needs from this origin, where the page’s policy allows them', async () => {
    const { res } = await get('/graphiql');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/font-src 'self'(;|$)/);
    const css = (await get('/graphiql/assets/graphiql.min.css')).body.toString();
    const fonts = [...css.matchAll(/@font-face\{[^}]*?src:url\(([^)]+)\)/g)].map((m) => m[1]!);
    // Roboto in its scripts' subsets, and Fira Code.
    expect(fonts.length).toBeGreaterThan(10);
    for (const url of new Set(fonts)) {
      expect(url, 'a font the page would have to load from elsewhere').toMatch(
        /^\/graphiql\/assets\/fonts\//,
      );
      const font = await get(url);
      expect(font.res.status, url).toBe(200);
      expect(font.res.headers.get('content-type'), url).toMatch(/^font\/woff2?$/);
      expect(font.body.subarray(0, 4).toString(), url).toMatch(/^wOF[F2]$/);
      expectHardened(font.res, url);
    }
  });
});
