import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
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
 * 统一出件 and 消息 in the web app: the applicant changes how the results reach them (posting, with an
 * address the page checks field by field), and reads the notices of their application, each marked with
 * whether its text went.
 */
describe.skipIf(!BROWSER_AVAILABLE)('getting the results, and being told', () => {
  const web = webSuite({ hallEnv: { POLL_INTERVAL_MS: '500', TEXT_INTERVAL_MS: '200' } });
  let page: Page;

  it('chooses posting on the application page, and reads the notices', async () => {
    const { s, browser } = web;
    const p = parties(130);
    const token = await buyerToken(s, p);
    const submitted = await submit(s, token, {
      bundleCode: 'HOUSE-TRANSFER',
      values: houseTransferValues(p.buyer.idNumber, p.seller.idNumber),
      materials: await houseTransferMaterials(s, token),
    });
    await eventually(
      () => application(s, token, submitted.id),
      (a) => a.status === 'IN_PROGRESS',
      'accepted',
    );
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    await signInAs(page, s.gatewayUrl, population.persons.find((x) => x.idNumber === p.buyer.idNumber)!);
    await page.goto(`${s.gatewayUrl}/#/applications/${submitted.id}`);
    const section = page.locator('section.hand-out');
    await section.getByText('到出件窗口领取').waitFor();
    await section.getByRole('button', { name: '更改领取方式' }).click();
    await section.getByLabel('邮寄送达').check();
    const fill = async (field: string, value: string) =>
      section.locator(`input[name="address.${field}"]`).fill(value);
    await fill('name', p.buyer.name);
    await fill('phone', '1391234');
    await fill('province', '浙江省');
    await fill('city', '湖州市');
    await fill('county', '南浔区');
    await fill('address', '南浔镇人瑞路88号3幢201室');
    await fill('postalCode', '313009');
    await section.getByRole('button', { name: '保存' }).click();
    // The bad number is named beside its field; the rest is kept.
    await section.getByText('手机号码应为以1开头的11位数字').waitFor();
    await fill('phone', '13912345678');
    await section.getByRole('button', { name: '保存' }).click();
    await section.getByText(/^邮寄送达/).waitFor();
    await expect.poll(() => section.textContent()).toContain('浙江省湖州市南浔区南浔镇人瑞路88号3幢201室');
    await screenshot(page, 'hand-out');

    // 消息: the acceptance, texted.
    await page.getByRole('link', { name: '消息' }).click();
    const accepted = page.locator('.inbox__item[data-kind="ACCEPTED"]');
    await accepted.waitFor();
    expect(await accepted.textContent()).toContain(submitted.id.slice(0, 8));
    await expect
      .poll(async () => {
        await page.reload();
        await accepted.waitFor();
        return accepted.textContent();
      })
      .toContain('短信已发送');
    await screenshot(page, 'inbox');
  });
});
