import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import { residentIdCheckCharacter } from '@onething/schema/identifiers';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HOUSE_TRANSFER_UPLOADS, SAMPLE_FILES } from '../../scripts/house-transfer-form';
import {
  eventually,
  houseTransferValues,
  idNumberOf,
  type Parties,
  parties,
  population,
  saleConfirmed,
} from '../stack/house-transfer';
import type { TestStack } from '../stack/support';
import { fieldByKey, fill, screenshot, signIn, signInAs } from './pages';
import { BROWSER_AVAILABLE, launchBrowser, startWebStack } from './support';

/**
 * The front desk in Debian's Chromium, on the whole stack: a window officer takes in a walk-in's house
 * transfer from the ID check to the printed receipt (with the keyboard wherever a keyboard serves), and the
 * applicant then finds it in their own account; a draft started online is finished at the window; the
 * consent is signed on paper and scanned, chosen with the keyboard alone; an applicant grants, lists and
 * revokes a delegation, and the agent acts for them in its scope; an officer records a delegation signed on
 * paper, which the agent then finds.
 */
/** The officer's screens' words, in both languages of the hall. */
const ZH = {
  nav: '受理',
  title: '窗口受理',
  idNumber: '申请人身份证号码',
  open: '核验并开始受理',
  start: '开始填写',
  houseTransfer: '二手房转移登记',
  agree: '同意并预填',
  submit: '提交申请',
  paper: '纸质授权书扫描',
  scan: '签字后的纸质授权书（扫描件）',
  ID_CARD_READ: '读取身份证',
  DOCUMENT_INSPECTED: '人工核验证件',
};
const EN: typeof ZH = {
  nav: 'Take in',
  title: 'Take in at the window',
  idNumber: 'Applicant’s ID number',
  open: 'Check and start',
  start: 'Start the form',
  houseTransfer: 'Second-hand house transfer',
  agree: 'Agree and prefill',
  submit: 'Submit application',
  paper: 'Paper form scanned',
  scan: 'The signed paper consent form (scan)',
  ID_CARD_READ: 'ID card read',
  DOCUMENT_INSPECTED: 'Document inspected',
};

describe.skipIf(!BROWSER_AVAILABLE)('the front desk in the web app', () => {
  let s: TestStack;
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let excluded: string[];

  beforeAll(async () => {
    s = await startWebStack({ hallEnv: { POLL_INTERVAL_MS: '500' } });
    browser = await launchBrowser();
    // The demo personas' own transfer is the applicant tests'; these tests take pairs of their own.
    excluded = [idNumberOf(await s.token('citizen')), idNumberOf(await s.token('seller'))];
  });
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });
  // A failing test says what each of its pages showed, and keeps a picture of it (in the temporary directory).
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const [i, c] of contexts.entries())
      for (const page of c.pages()) {
        const text = await page
          .locator('main')
          // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, line by line, is what a reader of the failure wants
          .innerText()
          .catch(() => '(no main)');
        console.error(`page ${i} at ${page.url()}:\n${text}`);
        await page
          .screenshot({ path: join(tmpdir(), `onething-failed-window-${i}.png`), fullPage: true })
          .catch(() => undefined);
      }
  });
  beforeEach(async () => {
    for (const c of contexts) await c.close();
    contexts = [];
    for (const d of DEPARTMENT_KEYS) await s.admin(d).reset();
  });

  /** A fresh browser (its own session at the identity provider) for one person. */
  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    contexts.push(context);
    return context.newPage();
  };

  /** Presses Tab until `target` has the focus, as a keyboard user reaches it (fails if it never does). */
  const tabTo = async (page: Page, target: Locator, max = 80): Promise<void> => {
    const handle = await target.elementHandle();
    for (let i = 0; i < max; i++) {
      if (await page.evaluate((el) => el === document.activeElement, handle)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${target}`);
  };

  /**
   * Chooses a radio button as a keyboard user does: Tab stops once in a group (on its checked button, or
   * its first), then the arrow keys move along it and check the one they reach.
   */
  const chooseRadio = async (page: Page, target: Locator, max = 12): Promise<void> => {
    const group = await target.getAttribute('name');
    for (let i = 0; i < 80; i++) {
      const inGroup = await page.evaluate((name) => {
        const el = document.activeElement as HTMLInputElement | null;
        return el?.type === 'radio' && el.name === name;
      }, group);
      if (inGroup) break;
      await page.keyboard.press('Tab');
    }
    const handle = await target.elementHandle();
    for (let i = 0; i < max; i++) {
      if (await page.evaluate((el) => el === document.activeElement, handle)) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Space');
    expect(await target.isChecked()).toBe(true);
  };

  /** The officer's intake up to the open visit, by keyboard: the nav link, the ID number, how it was checked. */
  const openVisit = async (
    page: Page,
    idNumber: string,
    check: 'ID_CARD_READ' | 'DOCUMENT_INSPECTED',
    words = ZH,
  ) => {
    await tabTo(page, page.getByRole('link', { name: words.nav, exact: true }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: words.title }).waitFor();
    await tabTo(page, page.getByLabel(words.idNumber));
    await page.keyboard.type(idNumber);
    await chooseRadio(page, page.getByRole('radio', { name: words[check] }));
    await tabTo(page, page.getByRole('button', { name: words.open }));
    await page.keyboard.press('Enter');
    await page.locator('[data-visit]').waitFor();
  };

  /** The bundle chosen with the keyboard. */
  const chooseBundle = async (page: Page, name: string, words = ZH) => {
    await chooseRadio(page, page.getByRole('radio', { name: new RegExp(name) }));
    await tabTo(page, page.getByRole('button', { name: words.start }));
    await page.keyboard.press('Enter');
  };

  /** Ticks every department the consent offers, with the keyboard. */
  const tickEveryDepartment = async (page: Page) => {
    const boxes = page.locator('input[name="scopes"]');
    await boxes.first().waitFor();
    for (const box of await boxes.all()) {
      await tabTo(page, box);
      await page.keyboard.press('Space');
    }
  };

  /** Types the house transfer's values the prefill did not fill (or lock). */
  const fillHouseTransfer = async (page: Page, p: Parties, skip: readonly string[] = []) => {
    for (const { key, value } of houseTransferValues(p.buyer.idNumber, p.seller.idNumber)) {
      if (skip.includes(key)) continue;
      const control = fieldByKey(page, key);
      if ((await control.getAttribute('readonly')) !== null || (await control.isDisabled())) continue;
      await fill(page, key, value);
    }
  };

  const uploadMaterials = async (page: Page, ids: readonly string[]) => {
    for (const m of HOUSE_TRANSFER_UPLOADS.filter((x) => ids.includes(x.id))) {
      const mimeType = m.name.endsWith('.pdf')
        ? 'application/pdf'
        : m.name.endsWith('.png')
          ? 'image/png'
          : 'image/jpeg';
      await page.locator(`#material-${m.id}`).setInputFiles({ name: m.name, mimeType, buffer: m.file });
      await page.locator(`#material-${m.id}-help`).getByText(m.name).waitFor();
    }
  };

  /** What the hall tells the applicant about one of their applications. */
  const asApplicant = async (p: Parties, id: string) => {
    const token = await s.customToken({ role: 'applicant', id_number: p.buyer.idNumber, name: p.buyer.name });
    const r = await s.gql<{
      application: {
        intake: { channel: string; identityCheck: string | null; officer: { name: string } | null };
        responsibleOfficer: { subject: string; name: string } | null;
      } | null;
      myApplications: { id: string }[];
      myDrafts: { id: string }[];
    }>(
      `query A($id: ID!) {
        application(id: $id) { intake { channel identityCheck officer { name } } responsibleOfficer { subject name } }
        myApplications { id }
        myDrafts { id }
      }`,
      { id },
      token,
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data!;
  };

  it('takes in a walk-in’s house transfer from the ID check to the receipt; the applicant then follows and rates it online', async () => {
    const p = parties(40, excluded);
    await saleConfirmed(s, p);
    const page = await newPage();
    await signIn(page, s.gatewayUrl, 'window-staff');

    // Not an ID number: said beside the field, before anything is sent.
    await openVisitExpectingProblem(
      page,
      `${p.buyer.idNumber.slice(0, 17)}${p.buyer.idNumber.endsWith('1') ? '2' : '1'}`,
    );
    // A well-formed number of a person no department knows: the hall says so, beside the field.
    const first17 = '33050219900101123';
    const stranger = `${first17}${residentIdCheckCharacter(first17)}`;
    expect(population.persons.some((x) => x.idNumber === stranger)).toBe(false);
    const idField = page.getByLabel('申请人身份证号码');
    await idField.fill(stranger);
    await page.getByRole('radio', { name: '读取身份证' }).check();
    await page.getByRole('button', { name: '核验并开始受理' }).click();
    const error = page.locator('#field-applicantIdNumber-error');
    await error.waitFor();
    expect(await idField.getAttribute('aria-describedby')).toContain('field-applicantIdNumber-error');
    expect(await idField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[data-visit]').count()).toBe(0);
    await idField.fill('');

    // The walk-in, by keyboard: the ID number read from the card, the bundle, the consent.
    await page.goto(`${s.gatewayUrl}/#/queue`);
    await page.getByRole('heading', { level: 1, name: '窗口队列' }).waitFor();
    await openVisit(page, p.buyer.idNumber, 'ID_CARD_READ');
    await expect(page.locator('[data-visit] h2').textContent()).resolves.toContain(p.buyer.name);
    await chooseBundle(page, '二手房转移登记');
    await page.getByRole('heading', { level: 1, name: '二手房转移登记' }).waitFor();
    expect(await page.locator('[data-acting="window"]').textContent()).toContain(p.buyer.name);
    await tickEveryDepartment(page);
    // Nothing can be agreed to until the applicant has signed.
    const agree = page.getByRole('button', { name: '同意并预填' });
    expect(await agree.isDisabled()).toBe(true);
    // The applicant signs on the pad (a pointer: the pen of the window's pad).
    const pad = page.getByTestId('signature-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + box.height * 0.6);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++)
      await page.mouse.move(box.x + 40 + i * 25, box.y + box.height * (0.6 - 0.25 * Math.sin(i / 2)));
    await page.mouse.up();
    await page.getByRole('button', { name: '使用此签名' }).click();
    await page.locator('[data-signature="SIGNED_ON_PAD"]').waitFor();
    await screenshot(page, 'window-consent');
    await tabTo(page, agree);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '提交申请' }).waitFor();
    // Prefilled for the walk-in, from what the departments hold about them.
    expect(await fieldByKey(page, 'applicant.name').inputValue()).toBe(p.buyer.name);
    expect(await fieldByKey(page, 'applicant.idNumber').inputValue()).toBe(p.buyer.idNumber);

    await fillHouseTransfer(page, p);
    await uploadMaterials(
      page,
      HOUSE_TRANSFER_UPLOADS.map((m) => m.id),
    );
    await screenshot(page, 'window-intake');
    await tabTo(page, page.getByRole('button', { name: '提交申请' }));
    await page.keyboard.press('Enter');

    // The receipt: the number, the items with their departments and deadlines, the receipt to print.
    await page.getByRole('heading', { level: 1, name: '受理回执' }).waitFor();
    const receipt = page.locator('.receipt[data-application]');
    const id = (await receipt.getAttribute('data-application'))!;
    expect(await page.locator('.receipt [data-item]').count()).toBe(3);
    await expect(receipt.textContent()).resolves.toContain(id);
    await screenshot(page, 'window-receipt');
    const pdf = page.waitForResponse(
      (r) => r.url().includes(id) && r.request().method() === 'GET' && r.status() === 200,
    );
    const popup = page.waitForEvent('popup');
    await tabTo(page, page.getByRole('link', { name: '打印受理回执' }));
    await page.keyboard.press('Enter');
    expect((await pdf).headers()['content-type']).toContain('application/pdf');
    await (await popup).waitForURL(/^blob:/);

    // 首问负责: the officer who took it in is responsible, and finds it under “我负责的”.
    const seen = await asApplicant(p, id);
    expect(seen.application?.intake.channel).toBe('WINDOW');
    expect(seen.application?.intake.identityCheck).toBe('ID_CARD_READ');
    expect(seen.application?.responsibleOfficer).not.toBeNull();
    await page.goto(`${s.gatewayUrl}/#/queue`);
    await tabTo(page, page.getByLabel('我负责的'));
    await page.keyboard.press('Space');
    await page.locator(`tr[data-application="${id}"]`).waitFor();
    expect(
      await page
        .locator('tr[data-application] [data-responsible]')
        .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-responsible'))),
    ).toEqual(expect.arrayContaining([seen.application!.responsibleOfficer!.subject]));

    // The officer hands it over to a colleague the hall has seen sign in, with a reason, recorded.
    const colleague = await s.customToken({ role: 'window-staff', sub: 'staff-window-07', name: '李窗口' });
    expect((await s.gql('{ windowOfficers { subject } }', {}, colleague)).errors).toBeUndefined();
    await page.locator(`tr[data-application="${id}"] a`).click();
    const responsibility = page.getByRole('region', { name: '首问负责' });
    await responsibility.waitFor();
    await page.getByLabel('移交给').selectOption('staff-window-07');
    await page.getByLabel('移交原因').fill('申请人改约下午取件');
    await page.getByRole('button', { name: '移交', exact: true }).click();
    await page.getByText('已移交给 李窗口。').waitFor();
    const handover = responsibility.locator('.handovers li').filter({ hasText: '移交给 李窗口' });
    await handover.waitFor();
    await expect(handover.textContent()).resolves.toContain('申请人改约下午取件');
    expect(await responsibility.locator('[data-responsible]').getAttribute('data-responsible')).toBe(
      'staff-window-07',
    );

    // The applicant, signed in online, finds it in their own account, taken in at the window.
    const online = await newPage();
    await signInAs(online, s.gatewayUrl, { idNumber: p.buyer.idNumber });
    await online.getByRole('link', { name: '我的申请' }).click();
    await online.locator(`[data-application="${id}"] a`).click();
    await online.locator('[data-item]').first().waitFor();
    await expect(online.locator('[data-channel="WINDOW"]').textContent()).resolves.toContain('窗口受理');
    const download = online.waitForEvent('download');
    await online.getByRole('link', { name: '下载受理回执' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
    // They follow it as if they had handed it in themselves, and rate it once it is done.
    await Promise.all(DEPARTMENT_KEYS.map((d) => s.admin(d).advanceClock({ advanceHours: 48 })));
    await online.locator('[data-item="RE-TRANSFER"][data-status="ACCEPTED"]').waitFor({ timeout: 30_000 });
    await Promise.all(DEPARTMENT_KEYS.map((d) => s.admin(d).advanceClock({ advanceHours: 240 })));
    await online.locator('[data-item="RE-TRANSFER"][data-status="APPROVED"]').waitFor({ timeout: 30_000 });
    const rating = online.locator('section[data-rating-section]');
    await rating.locator('fieldset[data-rate="window"]').getByLabel('满意', { exact: true }).check();
    await rating.getByRole('button', { name: '提交评价' }).click();
    await rating.locator('li[data-rated="window"][data-level="4"]').waitFor();
  });

  /** Types an ID number that is no ID number and checks that it is refused beside the field. */
  async function openVisitExpectingProblem(page: Page, idNumber: string) {
    await tabTo(page, page.getByRole('link', { name: ZH.nav, exact: true }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: ZH.title }).waitFor();
    await tabTo(page, page.getByLabel('申请人身份证号码'));
    await page.keyboard.type(idNumber);
    await tabTo(page, page.getByRole('button', { name: '核验并开始受理' }));
    await page.keyboard.press('Enter');
    await page.locator('#field-applicantIdNumber-error').getByText('校验码').waitFor();
    // How the identity was checked is asked for too, in the same answer.
    await page.locator('#identity-check-error').waitFor();
    await page.getByLabel('申请人身份证号码').fill('');
  }

  it('finishes at the window a draft started online, and gives a one-time notice while it is incomplete', async () => {
    const p = parties(41, excluded);
    await saleConfirmed(s, p);
    const online = await newPage();
    await signInAs(online, s.gatewayUrl, { idNumber: p.buyer.idNumber });
    await online.locator('[data-bundle="HOUSE-TRANSFER"] h2 a').click();
    // The sale its seller confirmed fills the seller's and the unit's fields; the draft keeps them.
    await online.locator('[data-sale] input:checked').waitFor();
    await online.getByRole('button', { name: '不授权，自行填写' }).click();
    await online.getByRole('button', { name: '保存草稿' }).waitFor();
    await fill(online, 'applicant.phone', '13900139000');
    await fill(online, 'transaction.contractNumber', 'HT-DRAFT-41');
    await uploadMaterials(online, ['id-card']);
    await online.getByRole('button', { name: '保存草稿' }).click();
    await online.locator('[data-draft-saved]').waitFor();
    const draftId = (await online.locator('[data-draft-saved]').getAttribute('data-draft-saved'))!;
    await online.getByRole('link', { name: '办事' }).click();
    await online.locator(`[data-draft="${draftId}"]`).waitFor();

    // At the window: the walk-in's draft is offered, and resumed with what was typed and uploaded.
    const page = await newPage();
    await signIn(page, s.gatewayUrl, 'window-staff');
    await openVisit(page, p.buyer.idNumber, 'DOCUMENT_INSPECTED');
    const draft = page.locator(`[data-draft="${draftId}"]`);
    await draft.waitFor();
    await tabTo(page, draft.getByRole('button', { name: '继续办理' }));
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '提交申请' }).waitFor();
    expect(await fieldByKey(page, 'applicant.phone').inputValue()).toBe('13900139000');
    expect(await fieldByKey(page, 'transaction.contractNumber').inputValue()).toBe('HT-DRAFT-41');
    await page.locator('#material-id-card-help').getByText('身份证.jpg').waitFor();

    // Incomplete: every problem at once, and the one-time notice (一次性告知单) to hand over.
    await fillHouseTransfer(page, p, [
      'applicant.phone',
      'transaction.contractNumber',
      'transaction.contractDate',
    ]);
    await page.getByRole('button', { name: '提交申请' }).click();
    const summary = page.getByRole('alert').filter({ hasText: '处需要修改' });
    await summary.waitFor();
    const codes = await summary
      .locator('li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-field')));
    expect(codes).toEqual(expect.arrayContaining(['transaction.contractDate', 'materials.sale-contract']));
    const notice = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载一次性告知单' }).click();
    const file = await notice;
    expect(file.suggestedFilename()).toBe('一次性告知单.pdf');
    expect(
      readFileSync((await file.path())!)
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');

    // Completed at the window: one application, and the draft is gone.
    const contractDate = houseTransferValues(p.buyer.idNumber, p.seller.idNumber).find(
      (v) => v.key === 'transaction.contractDate',
    )!.value;
    await fill(page, 'transaction.contractDate', contractDate);
    await uploadMaterials(page, ['sale-contract', 'bank-card']);
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('heading', { level: 1, name: '受理回执' }).waitFor();
    const id = (await page.locator('.receipt[data-application]').getAttribute('data-application'))!;
    const seen = await eventually(
      () => asApplicant(p, id),
      (a) => a.myDrafts.length === 0,
      'the draft ended by the submission',
    );
    expect(seen.myApplications.map((a) => a.id)).toContain(id);
    expect(seen.application?.intake.identityCheck).toBe('DOCUMENT_INSPECTED');
  });

  it('records a consent signed on paper and scanned, chosen with the keyboard alone, in English', async () => {
    const p = parties(42, excluded);
    const page = await newPage();
    await signIn(page, s.gatewayUrl, 'window-staff');
    await tabTo(page, page.getByRole('button', { name: 'English' }));
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: EN.nav, exact: true }).waitFor();
    await openVisit(page, p.buyer.idNumber, 'ID_CARD_READ', EN);
    await chooseBundle(page, EN.houseTransfer, EN);
    await tickEveryDepartment(page);
    await chooseRadio(page, page.getByRole('radio', { name: EN.paper }));
    const scan = page.getByLabel(EN.scan);
    await tabTo(page, scan);
    await scan.setInputFiles({ name: '授权书.pdf', mimeType: 'application/pdf', buffer: SAMPLE_FILES.pdf });
    await page.locator('[data-signature="PAPER_SCANNED"]').waitFor();
    await tabTo(page, page.getByRole('button', { name: EN.agree }));
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: EN.submit }).waitFor();
    expect(await fieldByKey(page, 'applicant.name').inputValue()).toBe(p.buyer.name);

    // The consent is the applicant's, witnessed by the officer, with the scan as its signature.
    const token = await s.customToken({ role: 'applicant', id_number: p.buyer.idNumber, name: p.buyer.name });
    const r = await s.gql<{
      myConsents: { bundleCode: string; signatureForm: string | null; witness: { name: string } | null }[];
    }>('{ myConsents { bundleCode signatureForm witness { name } } }', {}, token);
    const consent = r.data?.myConsents.find((c) => c.bundleCode === 'HOUSE-TRANSFER');
    expect(consent?.signatureForm).toBe('PAPER_SCANNED');
    expect(consent?.witness).not.toBeNull();
  });

  it('lets an applicant grant, list and revoke a delegation, and the agent act for them within it', async () => {
    const p = parties(43, excluded);
    await saleConfirmed(s, p);
    // The buyer delegates the house transfer to someone else of the population.
    const agent = parties(44, excluded).buyer;
    const principal = await newPage();
    await signInAs(principal, s.gatewayUrl, { idNumber: p.buyer.idNumber });
    await principal.getByRole('link', { name: '授权代办' }).click();
    await principal.getByRole('heading', { level: 1, name: '授权代办' }).waitFor();

    // Every mistake at once, each at its field.
    await principal.getByRole('button', { name: '授权', exact: true }).click();
    const summary = principal.getByRole('alert').filter({ hasText: '处需要修改' });
    await summary.waitFor();
    const fields = await summary
      .locator('li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-field')));
    expect(fields).toEqual(
      expect.arrayContaining(['agentIdNumber', 'agentName', 'validUntil', 'bundleCodes']),
    );

    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await principal.getByLabel('代办人身份证号码').fill(agent.idNumber);
    await principal.getByLabel('代办人姓名').fill(agent.name);
    await principal.getByRole('checkbox', { name: '二手房转移登记' }).check();
    await principal.getByLabel('截止日期').fill(until);
    await principal
      .getByLabel('授权委托书')
      .setInputFiles({ name: '授权委托书.pdf', mimeType: 'application/pdf', buffer: SAMPLE_FILES.pdf });
    await principal.getByText('已上传：授权委托书.pdf').waitFor();
    await principal.getByRole('button', { name: '授权', exact: true }).click();
    const granted = principal.locator('[data-delegation][data-status="ACTIVE"]');
    await granted.waitFor();
    await expect(granted.textContent()).resolves.toContain(agent.name);
    await expect(granted.textContent()).resolves.toContain('授权委托书.pdf');
    const delegationId = (await granted.getAttribute('data-delegation'))!;
    await screenshot(principal, 'delegations');

    // The agent acts for the principal: the same one form, for them.
    const page = await newPage();
    await signInAs(page, s.gatewayUrl, { idNumber: agent.idNumber });
    await page.getByRole('link', { name: '授权代办' }).click();
    const toMe = page.locator(`[data-delegation-to-me="${delegationId}"]`);
    await toMe.waitFor();
    await toMe.getByRole('link', { name: /为他人办理/ }).click();
    await page.locator('[data-bundle="HOUSE-TRANSFER"] a').click();
    await page.getByRole('heading', { level: 1, name: '二手房转移登记' }).waitFor();
    expect(await page.locator('[data-acting="agent"]').textContent()).toContain(p.buyer.name);
    await page.getByRole('button', { name: '不授权，自行填写' }).click();
    await page.getByRole('button', { name: '提交申请' }).waitFor();
    expect(await fieldByKey(page, 'applicant.idNumber').inputValue()).toBe(p.buyer.idNumber);
    await fillHouseTransfer(page, p);
    await uploadMaterials(
      page,
      HOUSE_TRANSFER_UPLOADS.map((m) => m.id),
    );
    await page.getByRole('button', { name: '提交申请' }).click();
    const handedIn = page.locator('[data-submitted-for]');
    await handedIn.waitFor();
    const id = (await handedIn.getAttribute('data-submitted-for'))!;
    // It is the principal's application, and the agent's list of what they handed in names it.
    const seen = await asApplicant(p, id);
    expect(seen.myApplications.map((a) => a.id)).toContain(id);
    await page.goto(`${s.gatewayUrl}/#/delegations`);
    await page.locator(`[data-application="${id}"]`).waitFor();
    // The agent follows it from there: the principal's application, handed in by them as agent.
    await page.locator(`[data-application="${id}"] a`).click();
    await page.getByRole('heading', { level: 1, name: '二手房转移登记' }).waitFor();
    expect(await page.locator('.intake').textContent()).toContain(`代办人 ${agent.name}`);

    // The principal revokes it; the agent can no longer act for them.
    await principal.reload();
    await principal.getByRole('button', { name: `撤销对 ${agent.name} 的授权` }).click();
    await principal.locator(`[data-delegation="${delegationId}"][data-status="REVOKED"]`).waitFor();
    await page.goto(`${s.gatewayUrl}/#/for/${delegationId}`);
    await page.getByText('该授权不存在、未指定您为代办人，或已不在有效期内。').waitFor();
  });

  it('records at the window a delegation the principal signed on paper, the agent then finds it, and is served at the window for the principal', async () => {
    const p = parties(45, excluded);
    await saleConfirmed(s, p);
    const agent = parties(46, excluded).buyer;
    const page = await newPage();
    await signIn(page, s.gatewayUrl, 'window-staff');
    await openVisit(page, p.buyer.idNumber, 'DOCUMENT_INSPECTED');
    const record = page.locator('[data-record-delegation]');
    await record.locator('summary').click();
    // Without the scanned power of attorney nothing is recorded: every missing thing at once.
    await record.getByRole('button', { name: '登记授权' }).click();
    const summary = record.getByRole('alert').filter({ hasText: '处需要修改' });
    await summary.waitFor();
    const fields = await summary
      .locator('li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-field')));
    expect(fields).toEqual(
      expect.arrayContaining([
        'agentIdNumber',
        'agentName',
        'validUntil',
        'bundleCodes',
        'powerOfAttorneyUploadId',
      ]),
    );
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await record.getByLabel('代办人身份证号码').fill(agent.idNumber);
    await record.getByLabel('代办人姓名').fill(agent.name);
    await record.getByRole('checkbox', { name: '二手房转移登记' }).check();
    await record.getByLabel('截止日期').fill(until);
    await record.locator('#field-powerOfAttorneyUploadId').setInputFiles({
      name: '授权委托书（签字）.pdf',
      mimeType: 'application/pdf',
      buffer: SAMPLE_FILES.pdf,
    });
    await record.getByText('已上传：授权委托书（签字）.pdf').waitFor();
    await record.getByRole('button', { name: '登记授权' }).click();
    await record.getByText(`已登记：${agent.name} 可为该申请人代办。`).waitFor();
    await screenshot(page, 'window-record-delegation');

    // The agent finds it among the delegations to them, recorded at the window by the officer.
    const agentPage = await newPage();
    await signInAs(agentPage, s.gatewayUrl, { idNumber: agent.idNumber });
    await agentPage.getByRole('link', { name: '授权代办' }).click();
    const toMe = agentPage.locator('[data-delegation-to-me][data-status="ACTIVE"]');
    await toMe.waitFor();
    const text = (await toMe.textContent())!;
    expect(text).toContain(p.buyer.name);
    expect(text).toContain('窗口登记人');
    expect(text).toContain('王晓燕');

    // The agent comes to the window: the officer checks who they are, is offered the principal, and takes
    // the house transfer in for the principal — the sale confirmed to the principal offered to pick.
    await page.getByRole('button', { name: '结束接待' }).click();
    await openVisit(page, agent.idNumber, 'ID_CARD_READ');
    const agentFor = page.locator('[data-agent-for]');
    await agentFor.getByRole('radio', { name: new RegExp(`为 ${p.buyer.name} 办理`) }).check();
    await page
      .getByRole('heading', { name: `代办：为 ${p.buyer.name}（${p.buyer.idNumber}）办理` })
      .waitFor();
    // Only what the delegation covers is offered.
    expect(
      await page.locator('[data-bundle]').evaluateAll((els) => els.map((e) => e.getAttribute('data-bundle'))),
    ).toEqual(['HOUSE-TRANSFER']);
    await chooseBundle(page, ZH.houseTransfer);
    const acting = page.locator('[data-acting="window-agent"]');
    await acting.waitFor();
    expect(await acting.textContent()).toBe(
      `窗口代办：代办人 ${agent.name} 为 ${p.buyer.name}（${p.buyer.idNumber}）办理`,
    );
    await page.locator('[data-sale]').getByText(p.seller.name, { exact: false }).waitFor();
    await screenshot(page, 'window-agent');
  });
});
