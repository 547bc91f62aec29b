import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../stack/support';
import { BROWSER_AVAILABLE, launchBrowser, startWebStack } from './support';

/**
 * The web app on the whole stack in Chromium: the gateway serves it, its strict CSP lets it run, and the
 * page reaches the development identity provider and the one schema on its own origin.
 */
describe.skipIf(!BROWSER_AVAILABLE)('the web app in a browser', () => {
  let s: TestStack;
  let browser: Browser;
  let page: Page;
  const refused: string[] = [];

  beforeAll(async () => {
    s = await startWebStack();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) refused.push(m.text());
    });
    page.on('pageerror', (e) => refused.push(`uncaught: ${e.message}`));
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

  it('signs in through the gateway’s /idp and reads the one schema with the token, from the page', async () => {
    const answer = await page.evaluate(async () => {
      const personas = (await (await fetch('/idp/personas')).json()) as { id: string }[];
      const token = (await (await fetch('/idp/token?persona=citizen')).json()) as { access_token: string };
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
        body: JSON.stringify({ query: '{ me { idNumber } }' }),
      });
      return { personas: personas.map((p) => p.id), me: (await res.json()) as unknown };
    });
    expect(answer.personas).toContain('citizen');
    expect(answer.me).toMatchObject({ data: { me: { idNumber: expect.stringMatching(/^\d{17}[\dX]$/) } } });
    expect(refused).toEqual([]);
  });
});
