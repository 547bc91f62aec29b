import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../stack/support';
import { signIn, signOut } from './pages';
import { BROWSER_AVAILABLE, launchBrowser, startWebStack } from './support';

/**
 * The web app on the whole stack in Chromium: the gateway serves it, its strict CSP lets it run and reach
 * the identity provider it learns from /config.json, a persona signs in by code + PKCE and out again, and
 * the page reads the one schema with the token.
 */
describe.skipIf(!BROWSER_AVAILABLE)('the web app in a browser', () => {
  let s: TestStack;
  let browser: Browser;
  let page: Page;
  const refused: string[] = [];
  /** The traceparent of each GraphQL request the app made. */
  const traced: (string | undefined)[] = [];

  beforeAll(async () => {
    s = await startWebStack();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) refused.push(m.text());
    });
    page.on('pageerror', (e) => refused.push(`uncaught: ${e.message}`));
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/graphql' && r.method() === 'POST')
        traced.push(r.headers().traceparent);
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
    const answer = await page.evaluate(async () => {
      const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'));
      const user = JSON.parse(sessionStorage.getItem(key ?? '') ?? '{}') as Record<string, unknown>;
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${user.access_token}` },
        body: JSON.stringify({ query: '{ me { idNumber } }' }),
      });
      return { refreshable: typeof user.refresh_token === 'string', me: (await res.json()) as unknown };
    });
    expect(answer.refreshable).toBe(true);
    expect(answer.me).toMatchObject({ data: { me: { idNumber: expect.stringMatching(/^\d{17}[\dX]$/) } } });
    // Every query the app itself made started a trace of its own (the fetch above is the test's, without one).
    const own = traced.filter((t) => t !== undefined);
    expect(own.length).toBeGreaterThan(0);
    for (const t of own) expect(t).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(new Set(own.map((t) => t!.slice(3, 35))).size).toBe(own.length);
    expect(traced.filter((t) => t === undefined)).toHaveLength(1);
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
