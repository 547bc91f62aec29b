import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { houseTransferValues, idNumberOf, parties, saleConfirmed } from '../stack/house-transfer';
import type { TestStack } from '../stack/support';
import { screenshot, scrollsSideways, signInAs } from './pages';
import { BROWSER_AVAILABLE, launchBrowser, startWebStack } from './support';

/** Another applicant's checks naming the owner's unit: more than one page of the trail (20 a page). */
const CHECKS = 25;
const HAN = /[\u4e00-\u9fff]/;

/**
 * "Who read my data" (数据调用留痕) in Debian's Chromium, on the whole stack, after a stranger's checks
 * named the owner's unit: one read per card in the page's language with the bundle's name (no code), the
 * reads counted per reader, filters by reader and purpose, "more" for the next page; at desktop width and
 * at a phone's 390 px, where a card's facts stack instead of a table collapsing to a character per line.
 */
describe.skipIf(!BROWSER_AVAILABLE)('who read my data, in the web app', () => {
  let s: TestStack;
  let browser: Browser;
  let owner: { token: string; idNumber: string; name: string };
  let strangerId: string;
  let own = 0;

  beforeAll(async () => {
    s = await startWebStack();
    browser = await launchBrowser();
    const personas = [idNumberOf(await s.token('citizen')), idNumberOf(await s.token('seller'))];
    const p = parties(41, personas);
    strangerId = p.buyer.idNumber;
    owner = {
      token: await s.customToken({ role: 'applicant', id_number: p.seller.idNumber, name: p.seller.name }),
      idNumber: p.seller.idNumber,
      name: p.seller.name,
    };
    const stranger = await s.customToken({
      role: 'applicant',
      id_number: p.buyer.idNumber,
      name: p.buyer.name,
    });
    // The owner has confirmed selling to the other applicant (counted among the owner's own reads below); each
    // of that buyer's checks then reads the register about the owner's unit, acting for the owner under the
    // confirmation: reads of the owner's data by another applicant.
    await saleConfirmed(s, p);
    const scopes = await s.gql<{ bundle: { consentScopes: { key: string }[] } }>(
      '{ bundle(code: "HOUSE-TRANSFER") { consentScopes { key } } }',
    );
    await s.gql(
      'mutation G($s: [String!]!) { grantConsent(bundleCode: "HOUSE-TRANSFER", scopes: $s) { id } }',
      { s: scopes.data!.bundle.consentScopes.map((c) => c.key) },
      owner.token,
    );
    await s.gql('mutation { prefillForm(bundleCode: "HOUSE-TRANSFER") { id } }', {}, owner.token);
    own = (
      await s.gql<{ readsOfMyData: { totalCount: number } }>(
        '{ readsOfMyData { totalCount } }',
        {},
        owner.token,
      )
    ).data!.readsOfMyData.totalCount;
    const values = houseTransferValues(p.buyer.idNumber, p.seller.idNumber);
    for (let i = 0; i < CHECKS; i++)
      await s.gql(
        'query C($v: [FormValueInput!]!) { checkForm(bundleCode: "HOUSE-TRANSFER", values: $v) { valid } }',
        { v: values },
        stranger,
      );
  });
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });

  const open = async (width: number): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'zh-CN' });
    await signInAs(page, s.gatewayUrl, owner);
    await page.getByRole('link', { name: '谁查看了我的数据' }).click();
    await page.locator('[data-read]').first().waitFor();
    return page;
  };
  const total = (page: Page) => page.locator('[data-total]').getAttribute('data-total').then(Number);

  it.each([
    ['desktop', 1280, 'who-read-my-data-stranger'],
    ['a phone', 390, 'who-read-my-data-phone'],
  ])('on %s: cards in one language, reads counted per reader, filters and more', async (_, width, shot) => {
    const page = await open(width);
    expect(await total(page)).toBe(own + CHECKS);
    expect(await page.locator('[data-read]').count()).toBe(20);
    // Reads counted per reader: the stranger numbered, never named by ID number.
    await expect(page.locator(`.readers [data-reader="APPLICANT"]`).getAttribute('data-count')).resolves.toBe(
      String(CHECKS),
    );
    await expect(page.locator(`.readers [data-reader="YOU"]`).getAttribute('data-count')).resolves.toBe(
      String(own),
    );
    const text = (await page.locator('main').textContent())!;
    expect(text).not.toContain(strangerId);
    expect(text).not.toContain('HOUSE-TRANSFER');
    // One language at a time: each purpose in Chinese, naming the bundle.
    for (const why of await page.locator('dd[data-purpose]').allTextContents()) {
      expect(why).not.toMatch(/ \/ |prefill|checking/);
      expect(why).toMatch(/二手房转移登记/);
    }
    // A card's purpose runs as a line of text, not one character per line, and nothing scrolls sideways.
    const box = (await page.locator('dd[data-purpose]').first().boundingBox())!;
    expect(box.width).toBeGreaterThan(width >= 1000 ? 400 : 200);
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, shot);

    // More: the rest of the trail below the first page.
    await page.getByRole('button', { name: '加载更多' }).click();
    await expect.poll(() => page.locator('[data-read]').count()).toBe(own + CHECKS);
    expect(await page.getByRole('button', { name: '加载更多' }).count()).toBe(0);

    // Filtered by reader (oneself): just the owner's own prefill, which the checks had buried.
    await page.getByRole('button', { name: /^您本人/ }).click();
    await expect.poll(() => total(page)).toBe(own);
    await expect.poll(() => page.locator('[data-read]').count()).toBe(own);
    expect(await page.locator('dd[data-reader="YOU"]').count()).toBe(own);
    expect(
      new Set(
        await page
          .locator('dd[data-purpose]')
          .evaluateAll((d) => d.map((x) => x.getAttribute('data-purpose'))),
      ),
    ).toEqual(new Set(['PREFILL', 'SALE_CONFIRMATION']));
    // By purpose: the checks of the unit's owners, all the stranger's.
    await page.getByLabel('查询人', { exact: true }).selectOption('');
    await page.getByLabel('用途', { exact: true }).selectOption('OWNERS_CHECK');
    await expect.poll(() => total(page)).toBe(CHECKS);

    // The page's language, English: no Chinese in a purpose.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Who read my data' }).waitFor();
    for (const why of await page.locator('dd[data-purpose]').allTextContents()) {
      expect(why).not.toMatch(HAN);
      expect(why).toMatch(/^checking the owners of real-estate unit/);
    }
    if (width < 1000) await screenshot(page, 'who-read-my-data-phone-en');
    await page.close();
  });
});
