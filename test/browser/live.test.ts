import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  advanceClocks,
  application,
  eventually,
  handInHouseTransfer,
  statusOf,
} from '../stack/house-transfer';
import { signInAs } from './pages';
import { BROWSER_AVAILABLE, webSuite } from './support';

/**
 * The application page live (issue 19): it follows the hall's event stream, and a department's decision
 * shows on it without a reload; with the stream cut, it goes on by asking again.
 */
describe.skipIf(!BROWSER_AVAILABLE)('the application page, live', () => {
  const web = webSuite({ hallEnv: { POLL_INTERVAL_MS: '500', LIVE_INTERVAL_MS: '200' } });
  let page: Page;

  it('changes status without a reload when a department decides', async () => {
    const { s } = web;
    page = await web.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const { p, token, application: submitted } = await handInHouseTransfer(s, 42);
    await eventually(
      () => application(s, token, submitted.id),
      (a) =>
        statusOf(a, 'TAX-DEED-TAX') === 'ACCEPTED' && statusOf(a, 'FUND-PURCHASE-WITHDRAWAL') === 'ACCEPTED',
      'the first parts accepted',
    );
    await signInAs(page, s.gatewayUrl, { idNumber: p.buyer.idNumber });
    await page.goto(`${s.gatewayUrl}/#/applications/${submitted.id}`);
    await page.locator('[data-live="stream"]').waitFor();
    const tax = page.locator('[data-item="TAX-DEED-TAX"]');
    expect(await tax.getAttribute('data-status')).toBe('ACCEPTED');
    // Marks the document: a reload would lose it.
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    await advanceClocks(s, 48);
    await page.locator('[data-item="TAX-DEED-TAX"][data-status="APPROVED"]').waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    expect(await page.locator('[data-live]').getAttribute('data-live')).toBe('stream');
  });

  it('goes on by asking again when the stream cannot be had', async () => {
    const { s } = web;
    await page.route('**/events/**', (route) => route.abort());
    await page.reload();
    await page.locator('[data-live="polling"]').waitFor();
    // The transfer goes on (paid by the stack's payers, sent, then decided): the page still shows it. Its
    // decision is scheduled on the registry's clock from when it arrives, so the clock moves once it has.
    await page.locator('[data-item="RE-TRANSFER"][data-status="ACCEPTED"]').waitFor({ timeout: 60_000 });
    await advanceClocks(s, 24 * 10);
    await page.locator('[data-item="RE-TRANSFER"][data-status="APPROVED"]').waitFor({ timeout: 60_000 });
    await page.unroute('**/events/**');
  });
});
