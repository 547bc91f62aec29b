import { mkdtempSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@onething/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environmentFromArgs } from '../src/cli';
import { createGateway, type Gateway } from '../src/server';
import { gatewaySettings } from '../src/settings';
import { testIdentityKeys } from './keys';
import { BOOKS, REVIEWS_V2, startToySubgraph, toySupergraph } from './toy';

const log = createLogger('gateway-test', process.env.TEST_LOG ?? 'silent');
const REDIS_URL = 'redis://127.0.0.1:6379';

/** Whether the machine's Redis answers; REQUIRE_REDIS=1 makes its absence a failure, not a skip. */
const redisUp = await new Promise<boolean>((resolve) => {
  const socket = createConnection({ host: '127.0.0.1', port: 6379 }, () => {
    socket.end();
    resolve(true);
  });
  socket.once('error', () => resolve(false));
});
if (!redisUp && process.env.REQUIRE_REDIS)
  throw new Error(`REQUIRE_REDIS is set but ${REDIS_URL} does not answer`);

const ask = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ reviewCount }' }),
  });

describe.each([{ store: 'memory', env: {} }, ...(redisUp ? [{ store: 'Redis', env: { REDIS_URL } }] : [])])(
  'rate limits with counters in $store',
  ({ env }) => {
    let books: Awaited<ReturnType<typeof startToySubgraph>>;
    let reviews: Awaited<ReturnType<typeof startToySubgraph>>;
    let gateway: Gateway;
    let lifted: Gateway;

    beforeAll(async () => {
      books = await startToySubgraph('books', BOOKS);
      reviews = await startToySubgraph('reviews', REVIEWS_V2);
      const file = join(mkdtempSync(join(tmpdir(), 'supergraph-')), 'bookshop.graphql');
      writeFileSync(file, toySupergraph(books.url, reviews.url));
      // Each gateway has a key of its own, so its counters' keys (HMACs under it) are its own in a shared Redis.
      const start = (extra: Record<string, string>) =>
        createGateway(
          gatewaySettings.load(
            environmentFromArgs(['--supergraph', file, '--port', '0'], {
              INTERNAL_IDENTITY_KEY_FILE: testIdentityKeys().keyFile,
              RATE_LIMIT_ANONYMOUS: '5',
              ...env,
              ...extra,
            }),
          ),
          log,
        );
      gateway = start({});
      lifted = start({ LIMITS_LIFTED: 'true' });
      for (const g of [gateway, lifted]) {
        await g.listen();
        await g.ready();
      }
    });
    afterAll(async () => {
      await gateway?.close();
      await lifted?.close();
      await books?.close();
      await reviews?.close();
    });

    it('answers a burst from one address past its limit with 429 RATE_LIMITED and Retry-After', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await ask(gateway.url)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      // A forged X-Forwarded-For buys nothing where TRUST_PROXY is off.
      const refused = await ask(gateway.url, { 'x-forwarded-for': '203.0.113.9' });
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      const body = (await refused.json()) as {
        errors: { message: string; extensions: Record<string, unknown> }[];
      };
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0]!.extensions).toMatchObject({
        code: 'RATE_LIMITED',
        limit: 5,
        retryAfterSeconds: retryAfter,
      });
      expect(body.errors[0]!.message).toMatch(/5 requests a minute from one address.*try again in \d+ s/);
      // A token that does not verify is counted against the address too.
      const garbage = await ask(gateway.url, { authorization: 'Bearer not-a-token' });
      expect(garbage.status).toBe(429);
      const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
      expect(metrics).toMatch(
        /onething_gateway_rate_limited_total\{[^}]*kind="anonymous"[^}]*route="graphql"[^}]*\} 2/,
      );
    });

    it('serves everything where LIMITS_LIFTED is set (test stacks, the bench)', async () => {
      const statuses = new Set<number>();
      for (let i = 0; i < 8; i++) statuses.add((await ask(lifted.url)).status);
      expect([...statuses]).toEqual([200]);
    });
  },
);
