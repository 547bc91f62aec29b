import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { handInHouseTransfer } from '../stack/house-transfer';
import { signIn } from './pages';
import { BROWSER_AVAILABLE, webSuite } from './support';

/**
 * The staff queue live: the window officer's queue page follows the hall's stream of their queue, and an
 * application handed in online shows on it without a reload; with the stream cut, it goes on by asking
 * again.
 */
describe.skipIf(!BROWSER_AVAILABLE)('the staff queue, live', () => {
  const web = webSuite({ hallEnv: { POLL_INTERVAL_MS: '500', LIVE_INTERVAL_MS: '200' } });
  let page: Page;

  const notReloaded = () => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded);

  it('shows an application handed in without a reload', async () => {
    const { s } = web;
    page = await web.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    await signIn(page, s.gatewayUrl, 'window-staff');
    await page.goto(`${s.gatewayUrl}/#/queue`);
    await page.locator('[data-live="stream"]').waitFor();
    // Marks the document: a reload would lose it.
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    const { application } = await handInHouseTransfer(s, 70);
    await page.locator(`tr[data-application="${application.id}"]`).waitFor({ timeout: 30_000 });
    expect(await notReloaded()).toBe(true);
    expect(await page.locator('[data-live]').getAttribute('data-live')).toBe('stream');
  });

  it('goes on by asking again when the stream cannot be had', async () => {
    const { s } = web;
    await page.route('**/events/**', (route) => route.abort());
    await page.reload();
    await page.locator('[data-live="polling"]').waitFor();
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    const { application } = await handInHouseTransfer(s, 71);
    await page.locator(`tr[data-application="${application.id}"]`).waitFor({ timeout: 30_000 });
    expect(await notReloaded()).toBe(true);
    await page.unroute('**/events/**');
  });
});
