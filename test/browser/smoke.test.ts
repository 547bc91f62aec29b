import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../stack/support';
import { signIn, signOut } from './pages';
import { BROWSER_AVAILABLE, launchBrowser, startWebStack } from './support';

/** The web app's trusted documents, as codegen wrote them and the gateway loads them. */
const MANIFEST: Record<string, string> = JSON.parse(
  readFileSync(new URL('../../web/src/api/generated/persisted-documents.json', import.meta.url), 'utf8'),
);
const hashOf = (name: string) =>
  Object.keys(MANIFEST).find((h) => MANIFEST[h]!.startsWith(`query ${name} `))!;

/**
 * The web app on the whole stack in Chromium: the gateway serves it, its strict CSP lets it run and reach
 * the identity provider it learns from /config.json, a persona signs in by code + PKCE and out again, and
 * the page reads the one schema with the token. The gateway runs only registered operations, as
 * production does: the app sends each of its own by hash alone.
 */
describe.skipIf(!BROWSER_AVAILABLE)('the web app in a browser', () => {
  let s: TestStack;
  let browser: Browser;
  let page: Page;
  const refused: string[] = [];
  /** The traceparent of each GraphQL request the app made. */
  const traced: (string | undefined)[] = [];
  /** The body of each GraphQL request the app made (the test's own carry no traceparent). */
  const sent: Record<string, any>[] = [];

  beforeAll(async () => {
    s = await startWebStack({ env: { UNREGISTERED_OPERATIONS: 'refuse' } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) refused.push(m.text());
    });
    page.on('pageerror', (e) => refused.push(`uncaught: ${e.message}`));
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/graphql' && r.method() === 'POST') {
        traced.push(r.headers().traceparent);
        if (r.headers().traceparent) sent.push(r.postDataJSON());
      }
    });
  });
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });

  it('opens at / with a heading, nothing refused by its CSP, and a screenshot', async () => {
    const res = await page.goto(`${s.gatewayUrl}/`);
    expect(res?.status()).toBe(200);
    const h1 = page.locator('h1').first();
    await h1.waitFor({ state: 'visible' });
    expect(await h1.isVisible()).toBe(true);

    const png = await page.screenshot({ fullPage: true });
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    writeFileSync(join(s.logDir, 'web-app.png'), png);
    expect(refused).toEqual([]);
  });

  it('signs in at the identity provider by code + PKCE, and reads the one schema with its token, from the page', async () => {
    await signIn(page, s.gatewayUrl, 'citizen');
    expect(await page.locator('header .who').textContent()).not.toBe('');
    // The tokens the code was exchanged for: kept in the tab, the access token for the gateway.
    const answer = await page.evaluate(async (notices) => {
      const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'));
      const user = JSON.parse(sessionStorage.getItem(key ?? '') ?? '{}') as Record<string, unknown>;
      const ask = (body: unknown) =>
        fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${user.access_token}` },
          body: JSON.stringify(body),
        }).then(async (res) => ({ status: res.status, body: (await res.json()) as any }));
      return {
        refreshable: typeof user.refresh_token === 'string',
        // A registered operation by its hash alone, and a query of the page's own.
        notices: await ask({ extensions: { persistedQuery: { version: 1, sha256Hash: notices } } }),
        me: await ask({ query: '{ me { idNumber } }' }),
      };
    }, hashOf('MyNotices'));
    expect(answer.refreshable).toBe(true);
    expect(answer.notices.body).toMatchObject({ data: { myUnreadNoticeCount: expect.any(Number) } });
    expect(answer.me.status).toBe(400);
    expect(answer.me.body.errors[0].extensions.code).toBe('OPERATION_NOT_REGISTERED');
    // Every query the app itself made started a trace of its own (the fetch above is the test's, without one).
    const own = traced.filter((t) => t !== undefined);
    expect(own.length).toBeGreaterThan(0);
    for (const t of own) expect(t).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(new Set(own.map((t) => t!.slice(3, 35))).size).toBe(own.length);
    expect(traced.filter((t) => t === undefined)).toHaveLength(2);
    // …each by the hash of a registered operation alone, no text, and answered.
    expect(sent.length).toBe(own.length);
    for (const body of sent) {
      expect(body.query).toBeUndefined();
      expect(MANIFEST[body.extensions.persistedQuery.sha256Hash], body.operationName).toBeDefined();
    }
    // Discovery and the token exchange reached the provider under the app's CSP.
    expect(refused).toEqual([]);
  });

  it('signs out at the identity provider and comes back to the sign-in page', async () => {
    await signOut(page);
    expect(await page.locator('header .who').count()).toBe(0);
    expect(
      await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('oidc.user:'))),
    ).toEqual([]);
    // Signing in again asks for a persona again: the provider's session ended too.
    await page.locator('[data-sign-in]').click();
    await page.locator('[data-persona="citizen"]').waitFor();
    expect(refused).toEqual([]);
  });
});
