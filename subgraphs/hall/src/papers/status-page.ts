import { createHash } from 'node:crypto';
import type { ApplicationStatus } from '../applications/model';
import type { PublicStatus } from './papers';
import type { Bilingual } from './receipt-data';

/** How the page names each status, in both languages (the SDL's ApplicationStatus). */
export const STATUS_NAMES: Readonly<Record<ApplicationStatus, Bilingual>> = {
  SUBMITTED: { zh: '已提交，待部门受理', en: 'Submitted, waiting for the departments to accept it' },
  IN_PROGRESS: { zh: '办理中', en: 'In progress' },
  CORRECTION_REQUESTED: { zh: '待补正', en: 'Waiting for a correction by the applicant' },
  PAYMENT_DUE: { zh: '待缴费', en: 'Waiting for the fees to be paid' },
  COMPLETED: { zh: '已办结', en: 'Completed' },
  DELIVERED: { zh: '已办结，结果已送达', en: 'Completed, results handed out' },
  REJECTED: { zh: '不予办理', en: 'Refused' },
};

const STYLE = `body{font-family:system-ui,"Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f4f5f7;color:#1a1a1a}
main{max-width:32rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #d0d4da;border-radius:.5rem}
h1{font-size:1.3rem;margin:0 0 .2rem}p.en{color:#555;margin:.1rem 0 1rem;font-size:.9rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.5rem 1rem;margin:0}dt{font-weight:600}dd{margin:0;word-break:break-all}
dt span,dd span{display:block;color:#555;font-size:.85rem}footer{margin-top:1.2rem;color:#555;font-size:.8rem}`;

/**
 * The page's Content-Security-Policy: nothing loads, nothing runs; the one inline style is allowed by its
 * hash. No referrer leaves it (the token is in its address), and no other site may frame it.
 */
export const STATUS_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers every answer of the status page carries. */
export const STATUS_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': STATUS_PAGE_CSP,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-robots-tag': 'noindex, nofollow',
  'cache-control': 'no-store',
};

const html = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const page = (title: Bilingual, body: string) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow"><title>${html(title.zh)} · ${html(title.en)}</title>
<style>${STYLE}</style></head>
<body><main><h1>${html(title.zh)}</h1><p class="en" lang="en">${html(title.en)}</p>
${body}
</main></body></html>
`;

/**
 * The public status page behind a receipt's QR code (办理进度查询): the application number, the bundle and
 * where it stands, in Chinese and English — nothing about the applicant. Self-contained: no script, no
 * request for anything else.
 */
export function statusPage(s: PublicStatus, asOf: Date): string {
  const status = STATUS_NAMES[s.status];
  return page(
    { zh: '办理进度查询', en: 'Application status' },
    `<dl>
<dt>申请编号<span lang="en">Number</span></dt><dd>${html(s.number)}</dd>
<dt>办理事项<span lang="en">Bundle</span></dt><dd>${html(s.bundleName.zh)}<span lang="en">${html(s.bundleName.en)}</span></dd>
<dt>办理状态<span lang="en">Status</span></dt><dd><strong>${html(status.zh)}</strong><span lang="en">${html(status.en)}</span></dd>
</dl>
<footer>查询时间 As of ${html(asOf.toISOString())}。详情请登录查看，或咨询办事窗口。<span lang="en">Sign in for the details, or ask at the window.</span></footer>`,
  );
}

/** The page for an address no application has (or that cannot be one). */
export function unknownStatusPage(): string {
  return page(
    { zh: '未找到该办件', en: 'No such application' },
    '<p>请核对回执上的二维码或地址。</p><p class="en" lang="en">Check the QR code or the address on the receipt.</p>',
  );
}
