import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WorkingDayCalendar } from '@onething/subgraph-hall';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApplicationView,
  application,
  buyerToken,
  eventually,
  houseTransferMaterials,
  houseTransferValues,
  idNumberOf,
  parties,
  statusOf,
  submit,
} from './house-transfer';
import { startTestStack, type TestStack } from './support';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'onething-papers-'));
let files = 0;

/** Writes a PDF to a file and runs a poppler tool on it. */
function poppler(tool: 'pdffonts' | 'pdftotext' | 'pdftoppm', pdf: Buffer, args: string[] = []): string {
  const file = join(work, `paper-${files++}.pdf`);
  writeFileSync(file, pdf);
  const out = join(work, `out-${files}`);
  if (tool === 'pdftoppm') {
    execFileSync('pdftoppm', ['-png', '-r', '100', '-f', '1', '-l', '1', '-singlefile', file, out]);
    return `${out}.png`;
  }
  return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
}

/** The text of a PDF in the order it was drawn, without white space (a table cell's text wraps anywhere). */
const textOf = (pdf: Buffer) => poppler('pdftotext', pdf, ['-raw']).replace(/\s+/g, '');
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** The QR code on page 1 of a PDF, rendered by pdftoppm at 100 dpi, decoded. */
function qrOf(pdf: Buffer): { text: string; png: string } {
  const png = poppler('pdftoppm', pdf);
  const image = PNG.sync.read(readFileSync(png));
  const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  if (!code) throw new Error(`no QR code found on page 1 (${png})`);
  return { text: code.data, png };
}

/**
 * The paper a window hands over, on the whole stack through the gateway: the acceptance receipt of a
 * house transfer (its fonts embedded and subset, its text, its QR code decoded and followed to a public
 * page that says nothing personal), who may have it, and the one-time notice of an incomplete form.
 */
describe('papers: the receipt and the one-time notice, on the whole stack', () => {
  let s: TestStack;
  let personas: string[];
  let pairs = 0;
  const calendar = WorkingDayCalendar.official();

  beforeAll(async () => {
    s = await startTestStack({ hallEnv: { POLL_INTERVAL_MS: '60000' } });
    personas = [idNumberOf(await s.token('citizen')), idNumberOf(await s.token('seller'))];
  });
  afterAll(() => s?.stop());

  const get = (path: string, token?: string) =>
    fetch(`${s.gatewayUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('hands the applicant a receipt with the number, items, deadlines and a QR code of a public status page', async () => {
    const p = parties(pairs++, personas);
    const token = await buyerToken(s, p);
    const submitted = await submit(s, token, {
      bundleCode: 'HOUSE-TRANSFER',
      values: houseTransferValues(p.buyer.idNumber, p.seller.idNumber),
      materials: await houseTransferMaterials(s, token),
    });
    // The deed tax and the withdrawal are accepted at once (their deadlines set); the transfer waits for
    // both, so its deadline stays expected while the stand-ins' clocks stand still.
    const accepted: ApplicationView = await eventually(
      () => application(s, token, submitted.id),
      (a) =>
        statusOf(a, 'TAX-DEED-TAX') === 'ACCEPTED' && statusOf(a, 'FUND-PURCHASE-WITHDRAWAL') === 'ACCEPTED',
      'the deed tax and the withdrawal accepted',
    );
    const urls = await s.gql<{ application: { receiptUrl: string; publicStatusUrl: string } }>(
      'query U($id: ID!) { application(id: $id) { receiptUrl publicStatusUrl } }',
      { id: submitted.id },
      token,
    );
    expect(urls.errors).toBeUndefined();
    const { receiptUrl, publicStatusUrl } = urls.data!.application;
    expect(receiptUrl).toBe(`/papers/receipts/${submitted.id}.pdf`);
    expect(publicStatusUrl).toMatch(new RegExp(`^${s.gatewayUrl}/papers/status/[A-Za-z0-9_-]{22}$`));

    const res = await get(receiptUrl, token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());

    // The CJK font is embedded, and only the glyphs used (a subset: its name has a six-letter tag).
    const fonts = poppler('pdffonts', pdf);
    expect(fonts).toMatch(/^[A-Z]{6}\+NotoSansHans-Regular\s+CID Type 0C\s+Identity-H\s+yes\s+yes\s+yes/m);

    const text = textOf(pdf);
    expect(text).toContain('受理回执');
    expect(text).toContain(submitted.id);
    expect(text).toContain(squeeze(p.buyer.name));
    expect(text).not.toContain(p.buyer.idNumber);
    expect(text).toContain(`${p.buyer.idNumber.slice(0, 6)}********${p.buyer.idNumber.slice(-4)}`);
    for (const item of ['契税', '公积金', '转移登记']) expect(text).toContain(item);
    const tax = accepted.parts.find((x) => x.itemCode === 'TAX-DEED-TAX')!;
    const fund = accepted.parts.find((x) => x.itemCode === 'FUND-PURCHASE-WITHDRAWAL')!;
    expect(tax.deadline).not.toBeNull();
    expect(text).toContain(tax.deadline);
    expect(text).toContain(fund.deadline);
    const transfer = await s.gql<{
      application: { submittedAt: string; parts: { itemCode: string; promisedLimitDays: number }[] };
    }>(
      'query P($id: ID!) { application(id: $id) { submittedAt parts { itemCode promisedLimitDays } } }',
      { id: submitted.id },
      token,
    );
    const days = transfer.data!.application.parts.find(
      (x) => x.itemCode === 'RE-TRANSFER',
    )!.promisedLimitDays;
    const submittedOn = new Date(new Date(submitted.submittedAt).getTime() + 8 * 3_600_000)
      .toISOString()
      .slice(0, 10);
    expect(text).toContain(`预计${calendar.addWorkingDays(submittedOn, days)}`);
    for (const material of ['居民身份证', '买卖合同']) expect(text).toContain(material);

    // The QR code, as a phone would read it off the rendered page, is the public status page.
    const qr = qrOf(pdf);
    expect(qr.text).toBe(publicStatusUrl);
    if (process.env.SCREENSHOTS === '1') {
      mkdirSync(SCREENSHOTS, { recursive: true });
      copyFileSync(qr.png, join(SCREENSHOTS, 'receipt.png'));
    }
    const page = await fetch(qr.text);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain(submitted.id);
    expect(html).toContain('办理中');
    expect(html).not.toMatch(/<script/i);
    for (const personal of [p.buyer.name, p.buyer.idNumber, p.buyer.idNumber.slice(-4) + '<', p.seller.name])
      expect(html).not.toContain(personal);

    // The same, by GraphQL, for anyone: number, status and bundle name only.
    const token22 = publicStatusUrl.slice(publicStatusUrl.lastIndexOf('/') + 1);
    const status = await s.gql<{ publicApplicationStatus: unknown }>(
      'query S($t: ID!) { publicApplicationStatus(token: $t) { number status bundleName { zh en } } }',
      { t: token22 },
    );
    expect(status.data!.publicApplicationStatus).toEqual({
      number: submitted.id,
      status: 'IN_PROGRESS',
      bundleName: expect.objectContaining({ zh: expect.any(String) }),
    });
    const unknown = await s.gql<{ publicApplicationStatus: unknown }>(
      'query S($t: ID!) { publicApplicationStatus(token: $t) { number } }',
      { t: 'A'.repeat(22) },
    );
    expect(unknown.data!.publicApplicationStatus).toBeNull();
    const malformed = await s.gql('query S($t: ID!) { publicApplicationStatus(token: $t) { number } }', {
      t: submitted.id,
    });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    expect((await get('/papers/status/not-a-token')).status).toBe(404);

    // Who may have the receipt: the applicant, window staff, staff of a department it involves; nobody else.
    const stranger = await buyerToken(s, parties(pairs++, personas));
    const cases: [string, string | undefined, number][] = [
      ['window staff', await s.token('window-staff'), 200],
      ['the fund’s staff', await s.token('staff-fund'), 200],
      ['market regulation’s staff', await s.token('staff-market'), 404],
      ['another applicant', stranger, 404],
      ['nobody signed in', undefined, 401],
    ];
    for (const [who, t, expected] of cases) {
      const r = await get(receiptUrl, t);
      expect([who, r.status]).toEqual([who, expected]);
      if (expected !== 200) expect(await r.text()).not.toContain('%PDF');
    }
    expect((await get(`/papers/receipts/${'0'.repeat(8)}.pdf`, token)).status).toBe(404);
  });

  it('lists every problem of an incomplete form and every missing material at once in a one-time notice', async () => {
    const p = parties(pairs++, personas);
    const token = await buyerToken(s, p);
    const values = houseTransferValues(p.buyer.idNumber, p.seller.idNumber)
      .filter((v) => v.key !== 'applicant.phone' && v.key !== 'transaction.contractNumber')
      .map((v) => (v.key === 'fund.receivingBankAccount' ? { ...v, value: '12ab' } : v));
    const form = { bundleCode: 'HOUSE-TRANSFER', values, materials: ['id-card'] };
    const check = await s.gql<{
      checkForm: { problems: { field: string; code: string; message: { zh: string } }[] };
    }>(
      `query C($v: [FormValueInput!]!, $m: [ID!]) { checkForm(bundleCode: "HOUSE-TRANSFER", values: $v, materials: $m) {
        problems { field code message { zh } } } }`,
      { v: values, m: form.materials },
      token,
    );
    const problems = check.data!.checkForm.problems;
    expect(problems.map((x) => x.field)).toEqual(
      expect.arrayContaining(['applicant.phone', 'transaction.contractNumber', 'materials.sale-contract']),
    );

    const post = (body: unknown, t?: string) =>
      fetch(`${s.gatewayUrl}/papers/one-time-notice`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(t ? { authorization: `Bearer ${t}` } : {}) },
        body: JSON.stringify(body),
      });
    const res = await post(form, token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(poppler('pdffonts', pdf)).toMatch(/^[A-Z]{6}\+NotoSansHans-Regular/m);
    const text = textOf(pdf);
    expect(text).toContain('一次性告知单');
    expect(text).toContain('《中华人民共和国行政许可法》第三十二条');
    for (const x of problems)
      expect([x.field, text.includes(squeeze(x.message.zh))]).toEqual([x.field, true]);
    expect(text).toContain('联系电话');
    expect(text).toContain('复印件1份');
    expect(text).not.toContain(p.buyer.idNumber);
    if (process.env.SCREENSHOTS === '1')
      copyFileSync(poppler('pdftoppm', pdf), join(SCREENSHOTS, 'one-time-notice.png'));

    // A complete form has nothing to notify; a form nobody signed in for is refused.
    const complete = await post(
      {
        ...form,
        values: houseTransferValues(p.buyer.idNumber, p.seller.idNumber),
        materials: ['id-card', 'sale-contract', 'bank-card'],
      },
      token,
    );
    expect(complete.status).toBe(409);
    expect(
      ((await complete.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('FORM_COMPLETE');
    expect((await post(form)).status).toBe(401);
    const bad = await post({ bundleCode: 'HOUSE-TRANSFER', values: 'nope' }, token);
    expect(bad.status).toBe(400);
    expect(
      ((await bad.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('INVALID_INPUT');
  });
});
