import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buyerToken,
  completeHouseTransfers,
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
 * The supervisor's dashboard (统计分析, issue 20) on the whole stack: two house transfers handed in and
 * completed on the stand-ins' clocks give it figures; the supervisor chooses a period and a cut and sees
 * tiles that say what `performance` answers, the charts drawn, the parts behind a figure as
 * `performanceParts` lists them, and the cut's rows exported as CSV; a tax officer sees the tax office's
 * figures only; a window officer is refused.
 */

const ROW = `key label partsTakenIn partsCompleted onTime overdue onTimeRate instant corrections refusals
  deadLetters paymentsCollected averageRating ratings`;

interface Row {
  key: string;
  label: string | null;
  partsTakenIn: number;
  partsCompleted: number;
  onTime: number;
  overdue: number;
  onTimeRate: number | null;
  instant: number;
  corrections: number;
  refusals: number;
  deadLetters: number;
  paymentsCollected: string;
  averageRating: number | null;
  ratings: number;
}

/** Today's Beijing date, moved on by days. */
const beijing = (days = 0) =>
  new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!BROWSER_AVAILABLE)('the supervisor’s dashboard (统计分析)', () => {
  const web = webSuite({ hallEnv: { POLL_INTERVAL_MS: '500' } });
  let s: TestStack;
  // Decisions are dated by the stand-ins' clocks, which the test moves on by days: a period from the start
  // of this year to the end of the year a month from now holds them all.
  const from = `${beijing().slice(0, 4)}-01-01`;
  const to = `${beijing(30).slice(0, 4)}-12-31`;
  const filter = { from, to };

  const performance = async (persona: string, by: string, f: Record<string, unknown> = filter) => {
    const r = await s.gql<{ performance: Row[] }>(
      `query P($f: PerformanceFilter!, $by: PerformanceCut!) { performance(filter: $f, by: $by) { ${ROW} } }`,
      { f, by },
      await s.token(persona),
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data!.performance;
  };
  const partsOf = async (figure: string, f: Record<string, unknown> = filter) => {
    const r = await s.gql<{ performanceParts: { id: string }[] }>(
      'query P($f: PerformanceFilter!, $figure: PerformanceFigure!) { performanceParts(filter: $f, figure: $figure) { id } }',
      { f, figure },
      await s.token('supervisor'),
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data!.performanceParts.map((p) => p.id);
  };

  /** A fresh tab signed in as a persona; motion reduced, so the charts are drawn at once. */
  const as = async (persona: string): Promise<Page> => {
    const context = await web.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      reducedMotion: 'reduce',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await signIn(page, s.gatewayUrl, persona);
    return page;
  };

  /** The dashboard showing what was chosen, its figures loaded. */
  const shown = (page: Page, by: string, department = '') =>
    page.locator(`[data-dashboard="${from}/${to}/${by}/${department}"][aria-busy="false"]`).waitFor();

  beforeAll(async () => {
    s = web.s;
    const personas = [idNumberOf(await s.token('citizen')), idNumberOf(await s.token('seller'))];
    // Two house transfers handed in together and completed on the same moves of the clocks.
    const handedIn = await Promise.all(
      [31, 32].map(async (n) => {
        const p = parties(n, personas);
        const token = await buyerToken(s, p);
        const a = await submit(s, token, {
          bundleCode: 'HOUSE-TRANSFER',
          values: houseTransferValues(p.buyer.idNumber, p.seller.idNumber),
          materials: await houseTransferMaterials(s, token),
        });
        return { token, id: a.id };
      }),
    );
    await completeHouseTransfers(s, handedIn);
  }, 240_000);

  it('shows the period’s figures as tiles and charts, lists the parts behind a figure and exports the cut', async () => {
    const page = await as('supervisor');
    await page.getByRole('link', { name: '统计分析' }).click();
    await page.getByRole('heading', { level: 1, name: '统计分析' }).waitFor();
    await page.locator('[data-dashboard][aria-busy="false"]').waitFor();

    // The period and the cut, as a supervisor chooses them.
    await page.locator('#dash-from').fill(from);
    await page.locator('#dash-to').fill(to);
    await page.locator('#dash-cut').selectOption('TOTAL');
    await shown(page, 'TOTAL');
    expect(await page.locator('[data-cut-row]').count()).toBe(1);
    await page.locator('#dash-cut').selectOption('DEPARTMENT');
    await shown(page, 'DEPARTMENT');
    // The choice is in the address: a reload shows the same.
    expect(decodeURIComponent(page.url())).toContain(`#/dashboard?from=${from}&to=${to}&by=DEPARTMENT`);

    // The tiles say what the figures say.
    const [total] = await performance('supervisor', 'TOTAL');
    expect(total!.partsTakenIn).toBeGreaterThanOrEqual(6);
    expect(total!.partsCompleted).toBeGreaterThanOrEqual(6);
    const tile = (name: string) => page.locator(`[data-tile="${name}"]`);
    for (const [name, value] of [
      ['takenIn', total!.partsTakenIn],
      ['completed', total!.partsCompleted],
      ['overdue', total!.overdue],
      ['instant', total!.instant],
      ['corrections', total!.corrections],
      ['refusals', total!.refusals],
      ['deadLetters', total!.deadLetters],
    ] as const) {
      expect(await tile(name).getAttribute('data-value'), name).toBe(String(value));
      expect(await tile(name).locator('.tile__value').textContent(), name).toBe(
        value.toLocaleString('zh-CN'),
      );
    }
    expect(await tile('onTimeRate').getAttribute('data-value')).toBe(String(total!.onTimeRate ?? ''));
    expect(await tile('onTimeRate').locator('.tile__value').textContent()).toBe(
      total!.onTimeRate === null ? '—' : `${(total!.onTimeRate * 100).toFixed(1)}%`,
    );
    expect(await tile('paymentsCollected').getAttribute('data-value')).toBe(total!.paymentsCollected);
    // No ratings in the period (nobody rated in this stack): shown as nothing, not as zero.
    expect(total!.averageRating).toBeNull();
    expect(await tile('averageRating').locator('.tile__value').textContent()).toBe('—');

    // Every chart drawn, named, and described by its data as text.
    for (const name of ['trend', 'overdue', 'ratings']) {
      const chart = page.locator(`[data-chart="${name}"]`);
      await chart.locator('svg').first().waitFor();
      expect(await chart.getAttribute('role')).toBe('img');
      expect(await chart.getAttribute('aria-label')).toBeTruthy();
      const described = await chart.getAttribute('aria-describedby');
      expect(await page.locator(`#${described}`).count()).toBe(1);
    }
    // The trend has a bar of completed parts for the month the decisions were made in.
    expect(await page.locator('#trend-data tbody tr').count()).toBeGreaterThanOrEqual(1);
    // The cut's rows are the departments the figures name.
    const byDepartment = await performance('supervisor', 'DEPARTMENT');
    expect(
      await page
        .locator('[data-cut-row]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cut-row'))),
    ).toEqual(byDepartment.map((r) => r.key));
    // Nothing focused in the picture (the last date typed would show selected).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await screenshot(page, 'dashboard');

    // Drill-down: the parts completed, as performanceParts lists them, each linked to its application.
    await tile('completed').locator('button').click();
    await page.locator('[data-drill="COMPLETED/"][aria-busy="false"]').waitFor();
    const completed = await partsOf('COMPLETED');
    expect(completed.length).toBe(total!.partsCompleted);
    expect(
      await page
        .locator('[data-drill] tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-part'))),
    ).toEqual(completed);
    expect(await page.locator('[data-drill] tbody tr a[href^="#/applications/"]').count()).toBe(
      completed.length,
    );
    // The list's heading takes the focus, so a screen reader reads what was opened.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('drill-title');
    await screenshot(page, 'dashboard-drill-down');

    // A department's overdue parts, from its bar's button under the chart.
    await page.locator('[data-drill-department="TAX"]').click();
    await page.locator('[data-drill="OVERDUE/TAX"][aria-busy="false"]').waitFor();
    const overdueTax = await partsOf('OVERDUE', { ...filter, department: 'TAX' });
    // None is overdue here (the stand-ins decide within their limits): the list says so, naming none.
    expect(overdueTax).toEqual([]);
    expect(await page.locator('[data-drill] tbody tr').count()).toBe(0);
    expect(await page.locator('[data-drill]').textContent()).toContain('没有对应的事项。');

    // The officers' table sorts by a heading, and the other way when clicked again.
    const sortBy = page.locator('[data-officers] [data-sort="partsTakenIn"]');
    await sortBy.click();
    expect(await page.locator('[data-officers] th[aria-sort]').getAttribute('aria-sort')).toBe('ascending');
    await sortBy.click();
    expect(await page.locator('[data-officers] th[aria-sort]').getAttribute('aria-sort')).toBe('descending');

    // The cut's rows as CSV: a byte-order mark, one heading line in Chinese and by key, a line per row.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-action="export-csv"]').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`performance-${from}-${to}-department.csv`);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]!.split(',').slice(0, 3)).toEqual([
      '分组 key',
      '名称 name',
      '受理申请数 applicationsTakenIn',
    ]);
    expect(lines[0]).toContain('按时办结率 onTimeRate');
    expect(lines).toHaveLength(1 + byDepartment.length);
    const tax = byDepartment.find((r) => r.key === 'tax')!;
    const taxLine = lines.find((l) => l.startsWith('tax,'))!;
    expect(taxLine.startsWith(`tax,税务,`)).toBe(true);
    expect(taxLine).toContain(`,${tax.partsTakenIn},${tax.partsCompleted},${tax.onTime},${tax.overdue},`);
    await page.context().close();
  });

  it('shows department staff their department only, and refuses the window', async () => {
    const staff = await as('staff-tax');
    // In the nav for them too; the address carries the period and the cut.
    expect(await staff.getByRole('link', { name: '统计分析' }).count()).toBe(1);
    await staff.goto(`${s.gatewayUrl}/#/dashboard?from=${from}&to=${to}&by=DEPARTMENT`);
    await shown(staff, 'DEPARTMENT');
    const rows = await performance('staff-tax', 'DEPARTMENT');
    expect(rows.map((r) => r.key)).toEqual(['tax']);
    expect(
      await staff
        .locator('[data-cut-row]')
        .evaluateAll((els) => els.map((r) => r.getAttribute('data-cut-row'))),
    ).toEqual(['tax']);
    // Its chart has the one department; there is no department to choose.
    expect(await staff.locator('[data-drill-department]').count()).toBe(1);
    expect(await staff.locator('#dash-department').count()).toBe(0);
    await staff.context().close();

    const window = await as('window-staff');
    expect(await window.getByRole('link', { name: '统计分析' }).count()).toBe(0);
    await window.goto(`${s.gatewayUrl}/#/dashboard`);
    await window.getByRole('alert').waitFor();
    expect(await window.locator('[data-dashboard]').count()).toBe(0);
    await window.context().close();
  });
});
