import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { completeHouseTransfers, handInHouseTransfer, population } from '../stack/house-transfer';
import { screenshot, signInAs } from './pages';
import { BROWSER_AVAILABLE, webSuite } from './support';

/**
 * 我的证照 in the web app: once a house transfer is done, the buyer finds the documents its departments
 * issued — the new property certificate among them, with its number, issuer and checked signature — on
 * their documents page and on the application's page, and opens the certificate's PDF.
 */
describe.skipIf(!BROWSER_AVAILABLE)('my documents (我的证照)', () => {
  const web = webSuite({ hallEnv: { POLL_INTERVAL_MS: '500' } });
  let page: Page;

  it('lists the documents a completed transfer issued and opens the certificate', async () => {
    const { s, browser } = web;
    const { p, token, application: submitted } = await handInHouseTransfer(s, 160);
    const [done] = await completeHouseTransfers(s, [{ token, id: submitted.id }]);
    const number = done!.parts
      .find((x) => x.itemCode === 'RE-TRANSFER')!
      .result.find((r) => r.key === 'property-certificate')!.value;

    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    await signInAs(page, s.gatewayUrl, population.persons.find((x) => x.idNumber === p.buyer.idNumber)!);
    await page.getByRole('link', { name: '我的证照' }).click();
    const card = page.locator('.document[data-material="property-certificate"]');
    // The documents are brought in after the approval: the page shows them once kept.
    await expect
      .poll(async () => {
        await page.reload();
        await page.getByRole('heading', { name: '我的证照' }).waitFor();
        return card.count();
      })
      .toBe(1);
    expect(await card.getAttribute('data-document')).toBe(number);
    const id = await card.getAttribute('data-id');
    const text = await card.textContent();
    expect(text).toContain('不动产权证书');
    expect(text).toContain(number);
    expect(text).toContain('已验签（Ed25519）');
    expect(await page.locator('.document[data-material="deed-tax-receipt"]').count()).toBe(1);
    await screenshot(page, 'my-documents');

    // Opening it fetches the PDF with the buyer's token into a new tab.
    const [tab] = await Promise.all([
      page.context().waitForEvent('page'),
      card.getByRole('link', { name: '查看' }).click(),
    ]);
    // The tab opens at once (a popup blocker allows it) and gets the PDF once fetched.
    await tab.waitForURL(/^blob:/);
    await tab.close();

    // The application's page lists what it issued.
    await page.goto(`${s.gatewayUrl}/#/applications/${submitted.id}`);
    const section = page.getByTestId('application-documents');
    await section.locator('.document[data-material="property-certificate"]').waitFor();
    expect(await section.locator('.document').count()).toBeGreaterThanOrEqual(2);

    // The certificate itself, as the registry drew it, looked at.
    const downloaded = await fetch(`${s.gatewayUrl}/papers/documents/${id}.pdf`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(downloaded.status).toBe(200);
    const pdf = Buffer.from(await downloaded.arrayBuffer());
    const dir = process.env.SCREENSHOTS
      ? fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))
      : mkdtempSync(join(tmpdir(), 'onething-documents-'));
    const file = join(mkdtempSync(join(tmpdir(), 'onething-pdf-')), 'certificate.pdf');
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      join(dir, 'property-certificate'),
    ]);
  });
});
