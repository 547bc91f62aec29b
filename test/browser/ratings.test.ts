import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { completeHouseTransfers, handInHouseTransfer, population } from '../stack/house-transfer';
import { screenshot, signInAs } from './pages';
import { BROWSER_AVAILABLE, webSuite } from './support';

/**
 * 好差评, 一事一评 in the web app (国办发〔2019〕51号): on a completed house transfer the applicant rates two
 * departments' parts and the window's service in one form, one part badly with reasons, and reads the
 * follow-up its bad rating opened.
 */
describe.skipIf(!BROWSER_AVAILABLE)('rating each department’s part and the window', () => {
  const web = webSuite({ hallEnv: { POLL_INTERVAL_MS: '500' } });
  let page: Page;

  it('rates two parts and the window, one badly with reasons, and sees its follow-up opened', async () => {
    const { s, browser } = web;
    const { p, token, application: submitted } = await handInHouseTransfer(s, 140);
    await completeHouseTransfers(s, [{ token, id: submitted.id }]);

    page = await browser.newPage({ viewport: { width: 1280, height: 1400 }, locale: 'zh-CN' });
    await signInAs(page, s.gatewayUrl, population.persons.find((x) => x.idNumber === p.buyer.idNumber)!);
    await page.goto(`${s.gatewayUrl}/#/applications/${submitted.id}`);
    const section = page.locator('section[data-rating-section]');
    const row = (key: string) => section.locator(`fieldset[data-rate="${key}"]`);
    await row('window').waitFor();
    // One row per finished part, named by its department, and one for the window.
    expect(await section.locator('fieldset[data-rate]').count()).toBe(4);
    expect(await row('TAX-DEED-TAX').locator('legend').first().textContent()).toContain('税务');

    await row('TAX-DEED-TAX').getByLabel('非常满意').check();
    await row('window').getByLabel('满意', { exact: true }).check();
    const fund = row('FUND-PURCHASE-WITHDRAWAL');
    await fund.getByLabel('非常不满意').check();
    await fund.getByLabel('多次跑动').check();
    // The reasons appear for a bad level only: drawn for the fund's row (just ticked), none for the tax office's.
    expect(await row('TAX-DEED-TAX').locator('[data-reasons]').count()).toBe(0);
    await fund.getByLabel('办事效率低、超时办理').check();
    await fund.locator('textarea').fill('提取审核来回跑了两趟');
    await screenshot(page, 'rating-per-part');
    await section.getByRole('button', { name: '提交评价' }).click();

    // What was rated, the bad one with its follow-up; the transfer's part is still to be rated.
    await section.locator('li[data-rated]').nth(2).waitFor();
    expect(await section.locator('li[data-rated]').count()).toBe(3);
    const bad = section.locator('li[data-level="1"]');
    expect(await bad.textContent()).toContain('提取审核来回跑了两趟');
    expect(await bad.locator('[data-follow-up]').getAttribute('data-follow-up')).toBe('OPEN');
    expect(await section.locator('fieldset[data-rate]').count()).toBe(1);
    const rated = await s.gql<{
      application: { ratings: { target: string; level: number; reasons: string[] }[] };
    }>(
      'query A($id: ID!) { application(id: $id) { ratings { target level reasons } } }',
      { id: submitted.id },
      token,
    );
    expect(rated.data!.application.ratings).toEqual([
      { target: 'WINDOW', level: 4, reasons: [] },
      { target: 'PART', level: 5, reasons: [] },
      { target: 'PART', level: 1, reasons: ['SLOW', 'MULTIPLE_VISITS'] },
    ]);
  });
});
