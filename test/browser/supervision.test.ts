import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buyerToken,
  eventually,
  houseTransferMaterials,
  houseTransferValues,
  idNumberOf,
  parties,
  submit,
} from '../stack/house-transfer';
import type { TestStack } from '../stack/support';
import { screenshot, signIn } from './pages';
import { BROWSER_AVAILABLE, webSuite } from './support';

/**
 * E-supervision in the browser: the deed tax (promised in one working day) is yellow once accepted; its
 * department's reviewer is told on the queue page; the centre's supervisor urges (催办) the tax office
 * from the queue; the reviewer answers from the urge's notice; the supervisor reads the answer.
 */
describe.skipIf(!BROWSER_AVAILABLE)('the web app for supervisors and department staff', () => {
  const web = webSuite({ hallEnv: { POLL_INTERVAL_MS: '500', SUPERVISION_INTERVAL_MS: '300' } });
  let s: TestStack;
  let applicationId: string;
  let taxPartId: string;

  /** A fresh tab signed in as a persona (each keeps its own session). */
  const as = async (persona: string): Promise<Page> => {
    const context = await web.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, s.gatewayUrl, persona);
    return page;
  };

  beforeAll(async () => {
    s = web.s;
    const p = parties(5, [idNumberOf(await s.token('citizen')), idNumberOf(await s.token('seller'))]);
    const buyer = await buyerToken(s, p);
    applicationId = (
      await submit(s, buyer, {
        bundleCode: 'HOUSE-TRANSFER',
        values: houseTransferValues(p.buyer.idNumber, p.seller.idNumber),
        materials: await houseTransferMaterials(s, buyer),
      })
    ).id;
    const accepted = await eventually(
      () =>
        s.gql<{ application: { parts: { id: string; itemCode: string; status: string }[] } }>(
          'query A($id: ID!) { application(id: $id) { parts { id itemCode status } } }',
          { id: applicationId },
          buyer,
        ),
      (r) => r.data?.application.parts.find((x) => x.itemCode === 'TAX-DEED-TAX')?.status === 'ACCEPTED',
      'the deed tax accepted',
    );
    taxPartId = accepted.data!.application.parts.find((x) => x.itemCode === 'TAX-DEED-TAX')!.id;
  }, 240_000);

  it('tells the tax reviewer of the yellow part; the supervisor urges; the reviewer answers; the supervisor reads it', async () => {
    const reviewer = await as('staff-tax');
    const yellow = reviewer.locator(`[data-staff-notice="PART_YELLOW"][data-part="${taxPartId}"]`);
    // The sweep runs every 300 ms; the page reads its notices when opened.
    await eventually(
      async () => {
        await reviewer.reload();
        await reviewer.locator('[data-staff-notices] h2').waitFor();
        return yellow.count();
      },
      (n) => n === 1,
      'the yellow notice on the reviewer’s page',
    );
    expect(await yellow.textContent()).toContain('黄灯预警');

    const supervisor = await as('supervisor');
    const row = supervisor.locator(`[data-application="${applicationId}"]`);
    await row.waitFor();
    await row.locator(`[data-action="urge-${taxPartId}"]`).click();
    await row.locator(`#urge-${taxPartId}-text`).fill('契税事项即将到期，请今日办结。');
    await screenshot(supervisor, 'supervisor-urge');
    await row.locator(`[data-action-form="urge-${taxPartId}"] button[type="submit"]`).click();
    await supervisor.getByText('已向部门发出催办。').waitFor();

    await reviewer.reload();
    const urged = reviewer.locator(`[data-staff-notice="URGED"][data-part="${taxPartId}"]`);
    await urged.waitFor();
    expect(await urged.textContent()).toContain('契税事项即将到期，请今日办结。');
    await urged.locator('[data-action^="answer-"]').click();
    await urged.locator('textarea').fill('已完成核定，今日出具完税凭证。');
    await urged.locator('button[type="submit"]').click();
    await reviewer.getByText('答复：已完成核定，今日出具完税凭证。（李建华）').first().waitFor();
    await screenshot(reviewer, 'department-urge-answered');
    // Answered once: the answer button is gone.
    await reviewer.reload();
    await reviewer.locator(`[data-staff-notice="URGED"][data-part="${taxPartId}"]`).waitFor();
    expect(await reviewer.locator(`[data-staff-notice="URGED"] [data-action^="answer-"]`).count()).toBe(0);

    await supervisor.reload();
    const told = supervisor.locator(`[data-staff-notice="URGE_ANSWERED"][data-part="${taxPartId}"]`);
    await told.waitFor();
    expect(await told.textContent()).toContain('已完成核定，今日出具完税凭证。');
    await screenshot(supervisor, 'supervisor-notices');
  });
});
