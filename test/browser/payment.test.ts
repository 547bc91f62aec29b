import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  advanceClocks,
  application,
  buyerToken,
  eventually,
  houseTransferMaterials,
  houseTransferValues,
  parties,
  population,
  submit,
} from '../stack/house-transfer';
import { screenshot, signInAs } from './pages';
import { BROWSER_AVAILABLE, webSuite } from './support';

/**
 * 一窗收费 in the web app, in Debian's Chromium: once the deed tax is assessed, the application's page shows
 * the payment code and every fee it covers; the applicant pays at online banking (the platform's checkout
 * page, in a new tab), checks it arrived, and downloads both receipts — the fiscal e-receipt of the
 * registration fee and the tax payment voucher — each with the platform's signature.
 */
describe.skipIf(!BROWSER_AVAILABLE)('paying in the web app', () => {
  const web = webSuite({ autopayAfterMs: null, hallEnv: { POLL_INTERVAL_MS: '500' } });
  let page: Page;

  it('shows the code and what it covers, pays it online, and downloads both receipts', async () => {
    const { s, browser } = web;
    const p = parties(70);
    const token = await buyerToken(s, p);
    const submitted = await submit(s, token, {
      bundleCode: 'HOUSE-TRANSFER',
      values: houseTransferValues(p.buyer.idNumber, p.seller.idNumber),
      materials: await houseTransferMaterials(s, token),
    });
    await eventually(
      () => application(s, token, submitted.id),
      (a) => a.parts.filter((x) => x.status === 'ACCEPTED').length === 2,
      'the deed tax and the withdrawal accepted',
    );
    await advanceClocks(s, 48);
    await eventually(
      () => application(s, token, submitted.id),
      (a) => a.status === 'PAYMENT_DUE',
      'the fees due',
    );

    page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    const buyer = population.persons.find((x) => x.idNumber === p.buyer.idNumber)!;
    await signInAs(page, s.gatewayUrl, buyer);
    await page.goto(`${s.gatewayUrl}/#/applications/${submitted.id}`);
    const section = page.locator('section.payment');
    await section.locator('[data-testid="payment-code"]').waitFor();
    const code = ((await section.locator('[data-testid="payment-code"]').textContent()) ?? '').replace(
      /\s/g,
      '',
    );
    expect(code).toMatch(/^\d{20}$/);
    // What it covers: the deed tax to the tax office and the registration fee to the registry.
    await expect.poll(() => section.locator('tbody tr').count()).toBe(2);
    const rows = await section.locator('tbody tr').allInnerTexts();
    expect(rows[0]).toContain('契税');
    expect(rows[1]).toContain('不动产登记费');
    const total = ((await section.locator('[data-testid="payment-total"]').textContent()) ?? '').replace(
      '¥',
      '',
    );
    expect(await page.getByText('待缴费').first().isVisible()).toBe(true);
    await screenshot(page, 'payment');

    // Online banking's page for the code, in a new tab: it shows the same code and total, and pays.
    const [bank] = await Promise.all([
      page.context().waitForEvent('page'),
      section.getByRole('link', { name: '去网上银行缴款' }).click(),
    ]);
    await bank.locator('[data-testid="code"]').waitFor();
    expect(await bank.locator('[data-testid="code"]').textContent()).toBe(code);
    expect(await bank.locator('[data-testid="total"]').textContent()).toBe(total);
    await bank.getByRole('button', { name: /确认支付/ }).click();
    await bank.getByText('支付成功').waitFor();
    await bank.close();

    // Back at the hall: checked at once, paid; the transfer goes.
    await section.getByRole('button', { name: '我已缴款，查询到账' }).click();
    await section.getByText(/^已缴清/).waitFor();
    const receipts = section.locator('.payment__receipts button');
    await expect.poll(() => receipts.count()).toBe(2);
    const files: { name: string; body: { document: Record<string, unknown>; signature: string } }[] = [];
    for (const button of await receipts.all()) {
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      const path = await download.path();
      files.push({ name: download.suggestedFilename(), body: JSON.parse(readFileSync(path, 'utf8')) });
    }
    expect(files.map((f) => f.name.replace(/-\d+\.json$/, '')).sort()).toEqual([
      '电子缴税付款凭证',
      '财政电子票据',
    ]);
    for (const f of files) expect(f.body.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    // The application moves on with it: the transfer goes, no longer waiting for the fees.
    await expect.poll(() => page.locator('[data-testid="live-status"]').textContent()).toBe('办理中');
    await screenshot(page, 'payment-paid');
    await eventually(
      () => application(s, token, submitted.id),
      (a) => a.parts.find((x) => x.itemCode === 'RE-TRANSFER')?.status === 'ACCEPTED',
      'the transfer sent after payment',
    );
  });
});
