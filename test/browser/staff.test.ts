import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buyerToken,
  eventually,
  houseTransferMaterials,
  houseTransferValues,
  idNumberOf,
  parties,
  application as readApplication,
  statusOf,
  submit,
} from '../stack/house-transfer';
import type { TestStack } from '../stack/support';
import { screenshot, scrollsSideways, signIn } from './pages';
import { BROWSER_AVAILABLE, launchBrowser, startWebStack } from './support';

/**
 * The window officer's side: a queue with flagged applications first, parts whose sending was given up
 * with a retry button, and a filter by department.
 */
describe.skipIf(!BROWSER_AVAILABLE)('the web app for window staff', () => {
  let s: TestStack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    s = await startWebStack({
      hallEnv: {
        DISPATCH_MAX_ATTEMPTS: '2',
        DISPATCH_BACKOFF_MS: '100',
        DISPATCH_BACKOFF_MAX_MS: '200',
        POLL_INTERVAL_MS: '500',
      },
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  });
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });

  it('lists dead-lettered parts with a retry button, and the queue by department', async () => {
    for (const d of DEPARTMENT_KEYS) await s.admin(d).reset();
    const personas = [idNumberOf(await s.token('citizen')), idNumberOf(await s.token('seller'))];
    const submitOne = async (n: number) => {
      const p = parties(n, personas);
      const token = await buyerToken(s, p);
      const a = await submit(s, token, {
        bundleCode: 'HOUSE-TRANSFER',
        values: houseTransferValues(p.buyer.idNumber, p.seller.idNumber),
        materials: await houseTransferMaterials(s, token),
      });
      return { token, id: a.id };
    };
    // One application goes through; another's withdrawal cannot reach the fund and is dead-lettered.
    const fine = await submitOne(0);
    await eventually(
      () => readApplication(s, fine.token, fine.id),
      (a) => statusOf(a, 'FUND-PURCHASE-WITHDRAWAL') === 'ACCEPTED',
      'the first application accepted',
    );
    await s.admin('fund').down();
    const stuck = await submitOne(1);
    await eventually(
      () => readApplication(s, stuck.token, stuck.id),
      (a) => statusOf(a, 'FUND-PURCHASE-WITHDRAWAL') === 'DEAD_LETTERED',
      'the withdrawal dead-lettered',
    );

    await signIn(page, s.gatewayUrl, 'window-staff');
    await page.getByRole('heading', { level: 1, name: '窗口队列' }).waitFor();
    const dead = page.locator('[data-dead-part]');
    await dead.first().waitFor();
    expect(await dead.count()).toBe(1);
    expect(await dead.textContent()).toContain('住房公积金');
    // Window staff read why, in the adapter's words, which name no internal address.
    expect(await dead.textContent()).toContain('DEPARTMENT_UNAVAILABLE');
    expect(await dead.textContent()).not.toMatch(/127\.0\.0\.1|https?:\/\//);
    expect(await page.locator(`tr[data-application="${stuck.id}"]`).count()).toBe(1);
    expect(await page.locator(`tr[data-application="${fine.id}"]`).count()).toBe(1);
    await screenshot(page, 'window-queue');

    // Filter: only the applications with a part at market regulation (none here).
    await page.getByLabel('部门').selectOption('MARKET');
    await page.getByRole('heading', { name: '申请（0），预警优先' }).waitFor();
    await page.getByLabel('部门').selectOption('FUND');
    await page.getByRole('heading', { name: '申请（2），预警优先' }).waitFor();
    // By status, and by what the officer types: a case number the applicant reads out finds theirs.
    await page.getByLabel('状态').selectOption('COMPLETED');
    await page.getByRole('heading', { name: '申请（0），预警优先' }).waitFor();
    await page.getByText('没有符合条件的申请。').waitFor();
    await page.getByLabel('状态').selectOption('');
    const fineCase = (await readApplication(s, fine.token, fine.id)).parts.find(
      (p) => p.itemCode === 'FUND-PURCHASE-WITHDRAWAL',
    )!.caseNumber!;
    await page.getByLabel('查找').fill(fineCase);
    await page.getByRole('heading', { name: '申请（1），预警优先' }).waitFor();
    expect(await page.locator(`tr[data-application="${fine.id}"]`).count()).toBe(1);
    await page.getByLabel('查找').fill(stuck.id.slice(0, 8));
    await page.locator(`tr[data-application="${stuck.id}"]`).waitFor();
    expect(await page.locator('tr[data-application]').count()).toBe(1);
    await page.getByLabel('查找').fill('');
    await page.getByRole('heading', { name: '申请（2），预警优先' }).waitFor();

    // The fund is back, and answers again through the one schema once its adapter's breaker lets a trial
    // call through: the officer sends the part again and it is accepted.
    await s.admin('fund').up();
    await eventually(
      () => s.gql('{ me { fundLoans { unitCode } } }', {}, stuck.token) as Promise<{ errors?: unknown[] }>,
      (r) => !r.errors,
      'the fund answering again',
    );
    await page.getByRole('button', { name: '重新发送' }).click();
    await page.getByText('已重新发送。').waitFor();
    await eventually(
      () => readApplication(s, stuck.token, stuck.id),
      (a) => statusOf(a, 'FUND-PURCHASE-WITHDRAWAL') === 'ACCEPTED',
      'the retried withdrawal accepted',
    );
    await page.getByText('没有发送失败的事项。').waitFor({ timeout: 15_000 });
  });

  it('opens an application from the queue, at phone width too', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('tr[data-application] a').first().click();
    await page.locator('[data-item]').first().waitFor();
    expect(await page.locator('[data-item]').count()).toBe(3);
    expect(await scrollsSideways(page)).toBe(false);
  });
});
