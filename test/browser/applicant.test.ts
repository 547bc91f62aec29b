import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { houseTransferValues } from '../../scripts/house-transfer-form';
import {
  advanceClocks,
  application,
  buyerToken,
  eventually,
  houseTransferMaterials,
  idNumberOf,
  parties,
  population,
  saleConfirmed,
  statusOf,
  submit,
} from '../stack/house-transfer';
import type { TestStack } from '../stack/support';
import {
  fieldByKey,
  fill,
  screenshot,
  scrollsSideways,
  signIn,
  signInAs,
  signOut,
  uploadHouseTransferMaterials,
} from './pages';
import { BROWSER_AVAILABLE, launchBrowser, startWebStack } from './support';

/**
 * The applicant's side of the web app in Debian's Chromium, on the whole stack: the demo buyer completes
 * the second-hand house transfer from sign-in to rating; a form with mistakes shows all of them; a
 * department that is down shows which fields could not be prefilled; a correction a department asks for
 * opens just the fields it named.
 */
describe.skipIf(!BROWSER_AVAILABLE)('the web app for applicants', () => {
  let s: TestStack;
  let browser: Browser;
  let page: Page;
  let citizenId: string;
  let sellerId: string;

  beforeAll(async () => {
    s = await startWebStack({ hallEnv: { POLL_INTERVAL_MS: '500' } });
    browser = await launchBrowser();
    citizenId = idNumberOf(await s.token('citizen'));
    sellerId = idNumberOf(await s.token('seller'));
  });
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });
  beforeEach(async () => {
    for (const d of DEPARTMENT_KEYS) await s.admin(d).reset();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  });

  /** Ticks every department the consent offers (none is ticked for the applicant). */
  const tickEveryDepartment = async () => {
    const boxes = page.locator('input[name="scopes"]');
    await boxes.first().waitFor();
    for (const box of await boxes.all()) await box.check();
  };

  /** Opens the house transfer and consents to prefill from every department offered. */
  const openHouseTransfer = async (consent: boolean) => {
    await signIn(page, s.gatewayUrl, 'citizen');
    await page.locator('[data-bundle="HOUSE-TRANSFER"] h2 a').click();
    await page.getByRole('heading', { level: 1, name: '二手房转移登记' }).waitFor();
    if (consent) await tickEveryDepartment();
    await page.getByRole('button', { name: consent ? '同意并预填' : '不授权，自行填写' }).click();
    await page.getByRole('button', { name: '提交申请' }).waitFor();
  };

  it('takes the demo buyer through the house transfer, from sign-in to rating', async () => {
    // The seller first: they confirm selling their home to the demo buyer, as both parties apply
    // (《不动产登记暂行条例》第十四条).
    await signIn(page, s.gatewayUrl, 'seller');
    await page.goto(`${s.gatewayUrl}/#/sell`);
    await page.getByRole('heading', { level: 1, name: '出售房屋：确认卖给谁' }).waitFor();
    await page.locator('#sell-buyer').fill(citizenId);
    await page.getByRole('button', { name: '确认出售' }).click();
    await page.locator('[data-sale][data-live="true"]').waitFor();
    await screenshot(page, 'sell');
    await signOut(page);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await screenshot(page, 'sign-in');
    await signIn(page, s.gatewayUrl, 'citizen');
    await page.getByRole('heading', { level: 1, name: '一件事一次办' }).waitFor();
    await page.locator('[data-bundle="HOUSE-TRANSFER"]').waitFor();
    expect(await page.locator('[data-bundle]').count()).toBe(5);
    await screenshot(page, 'bundles');

    await page.locator('[data-bundle="HOUSE-TRANSFER"] h2 a').click();
    // The sale the seller confirmed is offered to pick; the unit's data will come from the registry.
    await page.locator('[data-sale] input:checked').waitFor();
    await screenshot(page, 'pick-sale');
    // Consent in plain words, one department at a time.
    const consent = page.getByRole('group', { name: '授权预填' });
    await consent.waitFor();
    expect(await consent.getByText('用途：').count()).toBeGreaterThanOrEqual(3);
    // Opt-in: nothing is ticked, and nothing can be agreed to until something is.
    const boxes = consent.locator('input[name="scopes"]');
    expect(await boxes.evaluateAll((els) => els.filter((e) => (e as HTMLInputElement).checked).length)).toBe(
      0,
    );
    expect(await page.getByRole('button', { name: '同意并预填' }).isDisabled()).toBe(true);
    // Only the departments whose values this form shows are asked, each naming those values: without the
    // loan option, market regulation (whether the buyer represents an enterprise) is not asked.
    expect(await boxes.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual([
      'tax',
      'realestate',
      'fund',
    ]);
    await expect(consent.textContent()).resolves.toContain('公积金个人账号');
    await tickEveryDepartment();
    await page.getByRole('button', { name: '同意并预填' }).click();
    await page.getByRole('button', { name: '提交申请' }).waitFor();
    // The banner counts exactly the values that carry a source mark.
    const marked = await page.locator('p.source:not(.source--missing)').count();
    await expect(page.getByText(/已根据您的授权从各部门预填 \d+ 项/).textContent()).resolves.toContain(
      `预填 ${marked} 项`,
    );

    // Prefilled values carry their source; the name may not be changed.
    const name = fieldByKey(page, 'applicant.name');
    expect(await name.inputValue()).not.toBe('');
    expect(await name.getAttribute('readonly')).not.toBeNull();
    await expect(page.locator('#field-applicant-name-source').textContent()).resolves.toContain('税务');
    // Its date says what it is: when the department's record last changed, not when the form was filled.
    await expect(page.locator('#field-applicant-name-source').textContent()).resolves.toMatch(
      /部门记录中此项更新于 \d{4}-\d{2}-\d{2}/,
    );
    expect(await fieldByKey(page, 'fund.personalAccount').inputValue()).toMatch(/^\d{12}$/);
    // Materials issued within the bundle or held by a department are not asked for.
    await expect(page.locator('[data-material="deed-tax-receipt"]').textContent()).resolves.toContain(
      '契税申报',
    );
    await expect(page.locator('[data-material="property-certificate"]').textContent()).resolves.toContain(
      '不动产登记',
    );

    // The unit and the seller come from the registry under the seller's confirmation: nothing to type.
    for (const key of [
      'property.unitCode',
      'property.certificateNumber',
      'seller.idNumber',
      'seller.confirmation',
    ])
      expect(await fieldByKey(page, key).getAttribute('readonly'), key).not.toBeNull();
    const values = houseTransferValues(population, citizenId, sellerId);
    for (const { key, value } of values) {
      const control = fieldByKey(page, key);
      // Locked by a prefill: a read-only input, or a disabled select (the unit's use).
      if ((await control.getAttribute('readonly')) !== null || (await control.isDisabled())) continue;
      await fill(page, key, value);
    }
    await uploadHouseTransferMaterials(page);
    await screenshot(page, 'one-form');
    // What the buyer will pay, to whom and why, before handing in (一窗收费): the deed tax at its rate,
    // the registry's fee, the fund's nothing — each department's own assessment, and their total.
    const fees = page.locator('[data-fees]');
    await fees.getByRole('button', { name: '计算应缴费用' }).click();
    await fees.locator('[data-fee-total]').waitFor();
    await expect(fees.locator('[data-fee-line="TAX-DEED-TAX"]').textContent()).resolves.toMatch(
      /契税[\s\S]*公告2024年第16号[\s\S]*¥\d+\.\d\d/,
    );
    await expect(fees.locator('[data-fee-line="RE-TRANSFER"]').first().textContent()).resolves.toContain(
      '¥80.00',
    );
    const total = Number(await fees.locator('[data-fee-total]').getAttribute('data-fee-total'));
    const amounts = await fees
      .locator('[data-fee-line] td.num')
      .evaluateAll((cells) => cells.map((c) => Number(c.textContent!.replace('¥', ''))));
    expect(Math.round(total * 100)).toBe(Math.round(amounts.reduce((a, b) => a + b, 0) * 100));
    await fees.scrollIntoViewIfNeeded();
    await screenshot(page, 'fees');
    await page.getByRole('button', { name: '提交申请' }).click();

    // One status page: a timeline per department; the transfer waits for the other two.
    await page.locator('[data-item="RE-TRANSFER"][data-status="WAITING"]').waitFor();
    await page.locator('[data-item="TAX-DEED-TAX"][data-status="ACCEPTED"]').waitFor();
    await page.locator('[data-item="FUND-PURCHASE-WITHDRAWAL"][data-status="ACCEPTED"]').waitFor();
    expect(await page.locator('[data-item]').count()).toBe(3);
    // Each date names whose clock it is read from, and the page says the departments' clocks run fast.
    await expect(
      page.locator('[data-item="TAX-DEED-TAX"] [data-clock="department"]').textContent(),
    ).resolves.toContain('部门记录');
    await expect(page.getByTestId('department-clocks').textContent()).resolves.toContain('时钟走得比现实快');
    await screenshot(page, 'application');

    // The departments decide on their clocks; the page follows without reloading.
    const url = page.url();
    await Promise.all(DEPARTMENT_KEYS.map((d) => s.admin(d).advanceClock({ advanceHours: 48 })));
    await page.locator('[data-item="RE-TRANSFER"][data-status="ACCEPTED"]').waitFor({ timeout: 30_000 });
    await Promise.all(DEPARTMENT_KEYS.map((d) => s.admin(d).advanceClock({ advanceHours: 240 })));
    await page.locator('[data-item="RE-TRANSFER"][data-status="APPROVED"]').waitFor({ timeout: 30_000 });
    expect(page.url()).toBe(url);
    await expect(page.locator('[data-item="TAX-DEED-TAX"]').textContent()).resolves.toMatch(/SWPZ\d+/);

    // Rating when complete (一事一评): the window's service and a department's part, each on its own.
    const rating = page.locator('section[data-rating-section]');
    const windowRow = rating.locator('fieldset[data-rate="window"]');
    await windowRow.getByLabel('非常满意').check();
    await windowRow.locator('textarea').fill('一次办好，不用跑腿');
    await rating.locator('fieldset[data-rate="RE-TRANSFER"]').getByLabel('非常满意').check();
    await rating.getByRole('button', { name: '提交评价' }).click();
    await rating.locator('li[data-rated="window"][data-level="5"]').waitFor();
    await screenshot(page, 'completed');

    // Who read my data: the prefill's reads, one per department.
    await page.getByRole('link', { name: '谁查看了我的数据' }).click();
    await page.locator('[data-read]').first().waitFor();
    const departments = await page
      .locator('[data-read]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-department')));
    // Exactly what the hall recorded, one row per read, and each of the house transfer's departments there.
    const recorded = (await s.gql('{ whoReadMyData { department } }', {}, await s.token('citizen'))) as {
      data: { whoReadMyData: { department: string }[] };
    };
    expect(departments).toEqual(recorded.data.whoReadMyData.map((r) => r.department));
    for (const d of ['TAX', 'REALESTATE', 'FUND']) expect(departments).toContain(d);
    // What was read is named as the form names it (with every option of the bundle), not by its keys.
    const citizen = await s.token('citizen');
    const options = await s.gql<{ bundle: { options: { key: string }[] } }>(
      '{ bundle(code: "HOUSE-TRANSFER") { options { key } } }',
      {},
      citizen,
    );
    const form = await s.gql<{ bundle: { form: { fields: { key: string; label: { zh: string } }[] } } }>(
      'query F($o: [String!]) { bundle(code: "HOUSE-TRANSFER") { form(options: $o) { fields { key label { zh } } } } }',
      { o: options.data!.bundle.options.map((o) => o.key) },
      citizen,
    );
    const labelOf = new Map(form.data!.bundle.form.fields.map((f) => [f.key, f.label.zh]));
    // The fund's check reads facts that are no field of the form; they are named in words too.
    labelOf.set('fund.balance', '公积金账户余额').set('fund.status', '公积金账户状态');
    for (const cell of await page.locator('[data-read] [data-fields]').all()) {
      const keys = (await cell.getAttribute('data-fields'))!.split(' ');
      expect(keys.filter((k) => !labelOf.has(k))).toEqual([]);
      await expect.poll(() => cell.textContent()).toBe(keys.map((k) => labelOf.get(k)).join('、'));
    }
    await screenshot(page, 'who-read-my-data');
  });

  it('shows every mistake of a form at once, each beside its field, and checks as you type', async () => {
    await openHouseTransfer(false);
    // As you type: the same rules as the hall, before anything is sent.
    await fill(page, 'seller.idNumber', '110105194912310021');
    await page.getByText('校验码').first().waitFor();
    expect(await fieldByKey(page, 'seller.idNumber').getAttribute('aria-invalid')).toBe('true');

    await fill(page, 'applicant.phone', '12345');
    await fill(page, 'transaction.price', '12.345');
    await fill(page, 'transaction.contractDate', '2099-01-01');
    await page.getByRole('button', { name: '提交申请' }).click();
    const summary = page.getByRole('alert').filter({ hasText: '处需要修改' });
    await summary.waitFor();
    const codes = await summary
      .locator('li')
      .evaluateAll((items) =>
        items.map((li) => `${li.getAttribute('data-field')} ${li.getAttribute('data-code')}`),
      );
    expect(codes).toEqual(
      expect.arrayContaining([
        'applicant.phone field.pattern',
        'transaction.price field.money',
        'transaction.contractDate contractDate.future',
        'seller.name field.required',
        'materials.sale-contract material.missing',
      ]),
    );
    expect(codes.length).toBeGreaterThanOrEqual(12);
    // The summary has the focus, and each problem is tied to its field.
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    const phone = fieldByKey(page, 'applicant.phone');
    const describedBy = (await phone.getAttribute('aria-describedby')) ?? '';
    const errorText = await page
      .locator(`#${describedBy.split(' ').find((id) => id.endsWith('-error'))}`)
      .textContent();
    // What is expected, not only that it is wrong.
    expect(errorText).toContain('联系电话：应为11 位手机号码，以 1 开头');
    // A file the hall refuses is named in the message and does not stay in the box as if handed in.
    const contract = page.locator('#material-sale-contract');
    await contract.setInputFiles({
      name: '买卖合同.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not a scan'),
    });
    // The box already lists that the contract is missing; the refusal joins it, naming the file.
    await page.locator('#material-sale-contract-error').getByText('“买卖合同.txt”未上传').waitFor();
    expect(await contract.inputValue()).toBe('');
    await screenshot(page, 'form-mistakes');
    // Following a problem's link puts the cursor in its field.
    await summary.getByRole('link').filter({ hasText: '联系电话' }).first().click();
    expect(await phone.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('says which fields could not be prefilled when a department is down, and prefills the rest', async () => {
    await s.admin('fund').down();
    await openHouseTransfer(true);
    const notice = page.locator('[data-unavailable="FUND"]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('住房公积金');
    expect(await notice.textContent()).toContain('公积金个人账号');
    expect(await fieldByKey(page, 'fund.personalAccount').inputValue()).toBe('');
    await expect(page.locator('#field-fund-personalAccount-source').textContent()).resolves.toContain(
      '未能预填',
    );
    expect(await fieldByKey(page, 'applicant.name').inputValue()).not.toBe('');
    await screenshot(page, 'prefill-department-down');
  });

  it('opens just the field a department asks to correct (补正), and sends the correction to it alone', async () => {
    // A buyer and seller of their own: the demo pair's transfer may have been completed by another test.
    const p = parties(0, [citizenId, sellerId]);
    const token = await buyerToken(s, p);
    const values = houseTransferValues(population, p.buyer.idNumber, p.seller.idNumber, {
      'seller.confirmation': await saleConfirmed(s, p),
    });
    const price = values.find((v) => v.key === 'transaction.price')!.value;
    // Declared far below the unit's last taxed price: the tax office asks for the price to be checked.
    const low = (Number(price) / 1.2 / 4).toFixed(2);
    const submitted = await submit(s, token, {
      bundleCode: 'HOUSE-TRANSFER',
      values: values.map((v) => (v.key === 'transaction.price' ? { ...v, value: low } : v)),
      materials: await houseTransferMaterials(s, token),
    });
    const read = () => application(s, token, submitted.id);
    await eventually(read, (a) => statusOf(a, 'TAX-DEED-TAX') === 'ACCEPTED', 'the deed tax accepted');
    await advanceClocks(s, 48);
    const asked = await eventually(read, (a) => a.status === 'CORRECTION_REQUESTED', 'a correction asked');
    const fundCases = await s.admin('fund').cases({ applicant: p.buyer.idNumber });

    await signInAs(page, s.gatewayUrl, { idNumber: p.buyer.idNumber });
    await page.goto(`${s.gatewayUrl}/#/applications/${submitted.id}`);
    const correction = page.locator('[data-item="TAX-DEED-TAX"]').getByRole('region', { name: '需要补正' });
    await correction.waitFor();
    await expect(correction.textContent()).resolves.toContain('申报价格明显偏低');
    // Just the named field, holding what was handed in; nothing else of the form.
    const inputs = correction.locator('input, select, textarea');
    expect(await inputs.count()).toBe(1);
    expect(await inputs.first().getAttribute('name')).toBe('transaction.price');
    expect(await inputs.first().inputValue()).toBe(low);
    expect(await page.locator('[data-item="FUND-PURCHASE-WITHDRAWAL"]').getByRole('region').count()).toBe(0);
    await screenshot(page, 'correction');

    // A value the field's rules refuse is named beside it, and nothing is sent.
    await inputs.first().fill('abc');
    await correction.getByRole('button', { name: '提交补正' }).click();
    await correction.getByRole('alert').first().waitFor();
    expect((await read()).status).toBe('CORRECTION_REQUESTED');

    await inputs.first().fill(price);
    await correction.getByRole('button', { name: '提交补正' }).click();
    await correction.waitFor({ state: 'detached', timeout: 30_000 });
    const taxPart = asked.parts.find((p) => p.itemCode === 'TAX-DEED-TAX')!;
    const corrected = await eventually(
      read,
      (a) => ['ACCEPTED', 'IN_REVIEW'].includes(statusOf(a, 'TAX-DEED-TAX')!),
      'the corrected deed tax back with the tax office',
    );
    expect(corrected.parts.find((p) => p.itemCode === 'TAX-DEED-TAX')!.caseNumber).toBe(taxPart.caseNumber);
    const taxCase = await s.admin('tax').case(taxPart.caseNumber!);
    expect(taxCase.fields['transaction.price']).toBe(Math.round(Number(price) * 100));
    // Only the part asked about was sent again: the fund has no second case.
    expect(await s.admin('fund').cases({ applicant: p.buyer.idNumber })).toHaveLength(fundCases.length);
  });

  it('works at phone width, in English, with the keyboard', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openHouseTransfer(true);
    expect(await scrollsSideways(page)).toBe(false);
    // After “同意并预填” the page shows the top of the form (the prefill banner), not the middle of it.
    const banner = page.getByText(/已根据您的授权从各部门预填/);
    await banner.waitFor();
    const top = await banner.evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(844);
    // A date is typed as the page's language shows it, not the browser's date picker.
    const date = fieldByKey(page, 'transaction.contractDate');
    expect(await date.getAttribute('type')).toBe('text');
    expect(await date.getAttribute('placeholder')).toBe('年-月-日');
    await screenshot(page, 'phone-form');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Submit application' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // On a fresh load the skip link is the first stop, and takes the keyboard to the content.
    await page.reload();
    await page.getByRole('button', { name: 'Agree and prefill' }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // The consent can be given with the keyboard alone.
    for (const box of await page.locator('input[name="scopes"]').all()) {
      await box.focus();
      await page.keyboard.press('Space');
    }
    await page.getByRole('button', { name: 'Agree and prefill' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Submit application' }).waitFor();
    expect(await fieldByKey(page, 'transaction.contractDate').getAttribute('placeholder')).toBe('yyyy-mm-dd');
    // Lists are joined as English joins them, not with the Chinese list comma.
    await page.goto(`${s.gatewayUrl}/#/`);
    const departments = page.locator('[data-bundle="HOUSE-TRANSFER"] p.muted');
    await departments.waitFor();
    const named = (await departments.textContent()) ?? '';
    expect(named).toContain(', ');
    expect(named).not.toContain('、');
  });
});
