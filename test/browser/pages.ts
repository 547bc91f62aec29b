import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { HOUSE_TRANSFER_UPLOADS } from '../../scripts/house-transfer-form';

/**
 * What the browser tests do as a user would: sign in by choosing a persona, fill fields by their
 * visible labels, upload files, and keep screenshots of the main pages.
 */

/**
 * Screenshots go to docs/screenshots when SCREENSHOTS=1 (`npm run screenshots`), so the README shows the
 * app as it is; otherwise to a temporary directory, so a test run does not change tracked files.
 */
const SHOTS = process.env.SCREENSHOTS
  ? fileURLToPath(new URL('../../docs/screenshots', import.meta.url))
  : join(tmpdir(), 'onething-screenshots');
mkdirSync(SHOTS, { recursive: true });

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

export async function signIn(page: Page, baseUrl: string, persona: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.locator(`[data-persona="${persona}"]`).click();
  await page.locator('h1').first().waitFor();
}

/**
 * Signs in as an applicant of the test's own (not a demo persona): the tab's session is set as the app
 * sets it after a sign-in, with a token the test's IdP issued for that person.
 */
export async function signInAs(
  page: Page,
  baseUrl: string,
  applicant: { token: string; idNumber: string; name: string },
): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.evaluate((a) => {
    sessionStorage.setItem(
      'onething.session',
      JSON.stringify({
        token: a.token,
        persona: 'test-applicant',
        name: a.name,
        role: 'applicant',
        idNumber: a.idNumber,
        departments: [],
      }),
    );
  }, applicant);
  await page.reload();
  await page.locator('h1').first().waitFor();
}

/** The form control of a field, found by the field's semantic key (its `name`). */
export const fieldByKey = (page: Page, key: string) => page.locator(`[name="${key}"]`).first();

/** Fills a field as a user would: selects an option, clicks a yes/no, or types. */
export async function fill(page: Page, key: string, value: string): Promise<void> {
  const control = fieldByKey(page, key);
  const tag = await control.evaluate((el) => `${el.tagName}:${(el as HTMLInputElement).type}`);
  if (tag.startsWith('SELECT')) await control.selectOption(value);
  else if (tag === 'INPUT:radio') await page.locator(`[name="${key}"][value="${value}"]`).check();
  else await control.fill(value);
}

/** Uploads the sample scans for the house transfer's materials. */
export async function uploadHouseTransferMaterials(page: Page): Promise<void> {
  for (const m of HOUSE_TRANSFER_UPLOADS) {
    const mimeType = m.name.endsWith('.pdf')
      ? 'application/pdf'
      : m.name.endsWith('.png')
        ? 'image/png'
        : 'image/jpeg';
    await page.locator(`#material-${m.id}`).setInputFiles({ name: m.name, mimeType, buffer: m.file });
    await page.locator(`#material-${m.id}-help`).getByText(m.name).waitFor();
  }
}

/** Whether the page scrolls sideways (it must not, at phone width). */
export const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
