import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@onething/runtime';
import { developmentIdentityKeys } from '@onething/runtime/identity';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../gateway/src/server';
import { gatewaySettings } from '../../gateway/src/settings';
import { BROWSER_AVAILABLE, launchBrowser } from './support';

/**
 * GraphiQL in Chromium, on a development gateway of its own (GraphiQL introspects the gateway, which
 * answers without any subgraph): the page runs under its policy with nothing refused, its fonts included.
 */
describe.skipIf(!BROWSER_AVAILABLE)('GraphiQL in a browser', () => {
  let gateway: Gateway;
  let browser: Browser;

  beforeAll(async () => {
    const keys = developmentIdentityKeys(mkdtempSync(join(tmpdir(), 'graphiql-browser-')));
    gateway = createGateway(
      gatewaySettings.load({ INTERNAL_IDENTITY_KEY_FILE: keys.keyFile, PORT: '0' }),
      createLogger('graphiql-browser', 'silent'),
    );
    await gateway.listen();
    await gateway.ready();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
  });

  it('opens with its fonts, nothing refused by its policy and nothing loaded from elsewhere', async () => {
    const page = await browser.newPage();
    const refused: string[] = [];
    const elsewhere: string[] = [];
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) refused.push(m.text().slice(0, 200));
    });
    page.on('pageerror', (e) => refused.push(`uncaught: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(gateway.url)) elsewhere.push(r.url().slice(0, 80));
    });
    await page.goto(`${gateway.url}/graphiql`);
    await page.locator('.graphiql-container').waitFor({ state: 'visible' });
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, ''));
    });
    expect(refused).toEqual([]);
    expect(elsewhere).toEqual([]);
    expect(fonts).toContain('Roboto');
    await page.close();
  });

  it('loads the schema into its Docs panel: its 15-level introspection is judged by ALLOW_INTROSPECTION, not by MAX_DEPTH', async () => {
    const page = await browser.newPage();
    await page.goto(`${gateway.url}/graphiql`);
    await page.locator('.graphiql-container').waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const explorer = page.locator('.graphiql-doc-explorer');
    // Either the root types (the schema came) or the error GraphiQL shows in its place.
    const loaded = explorer.locator('a', { hasText: /^Query$/ }).first();
    const failed = explorer.getByText('Error fetching schema');
    await loaded.or(failed).first().waitFor({ state: 'visible' });
    expect(await failed.count()).toBe(0);
    await loaded.click();
    const fields = await explorer.locator('.graphiql-doc-explorer-field-name').allTextContents();
    expect(fields).toEqual(expect.arrayContaining(['bundles', 'bundle', 'me', 'applicationQueue']));
    if (process.env.SCREENSHOTS === '1') await page.screenshot({ path: join(tmpdir(), 'graphiql-docs.png') });
    await page.close();
  });
});
