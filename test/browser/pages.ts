import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { HOUSE_TRANSFER_UPLOADS } from '../../scripts/house-transfer-form';

/**
 * What the browser tests do as a user would: sign in at the identity provider as a persona, fill fields by their
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

/** The header's name of who is signed in: the app is back from the identity provider, signed in. */
const signedIn = (page: Page) => page.locator('header .who');

/**
 * Signs a persona in as a user does: the app's sign-in button, away to the identity provider's login
 * page (the persona's button), its consent when it asks, and back to the app by code + PKCE.
 */
export async function signIn(page: Page, baseUrl: string, persona: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.locator('[data-sign-in]').click();
  await page.locator(`[data-persona="${persona}"]`).click();
  // Consent is asked once per grant; a sign-in the provider remembers comes straight back.
  const consent = page.locator('#consent');
  await consent.or(signedIn(page)).first().waitFor();
  if (await consent.isVisible()) await consent.click();
  await signedIn(page).waitFor();
  await page.locator('h1').first().waitFor();
}

/** Signs out as a user does: the app's 退出, the identity provider's confirmation, back to the app. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出' }).click();
  await page.locator('#sign-out').click();
  await page.locator('[data-sign-in]').waitFor();
}

/**
 * Signs in as an applicant of the test's own, whom no persona of the login page is: the app's sign-in
 * button, the identity provider's login page, the person's ID number typed into its development form (the
 * test stacks run it with ALLOW_CUSTOM_TOKENS), consent, and back to the app by code + PKCE.
 */
export async function signInAs(page: Page, baseUrl: string, applicant: { idNumber: string }): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.locator('[data-sign-in]').click();
  await page.locator('#id-number').fill(applicant.idNumber);
  await page.locator('#resident-sign-in').click();
  const consent = page.locator('#consent');
  await consent.or(signedIn(page)).first().waitFor();
  if (await consent.isVisible()) await consent.click();
  await signedIn(page).waitFor();
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
