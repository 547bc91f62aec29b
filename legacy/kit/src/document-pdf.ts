import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';

/**
 * Noto Sans Hans as @embedpdf/fonts-sc ships it (the hall's papers load it the same way): PDFKit subsets
 * it, so a document embeds only the glyphs it uses.
 */
let font: Buffer | undefined;
function regularFont(): Buffer {
  if (!font) {
    const index = fileURLToPath(import.meta.resolve('@embedpdf/fonts-sc'));
    font = readFileSync(new URL('../fonts/NotoSansHans-Regular.otf', `file://${index}`));
  }
  return font;
}

/** What a document's page shows. */
export interface DocumentPage {
  readonly title: string;
  readonly titleEn: string;
  readonly number: string;
  readonly holderName: string;
  readonly holderIdNumber: string;
  readonly subject: string | null;
  readonly issuer: string;
  /** Beijing date, yyyy-MM-dd. */
  readonly issuedOn: string;
  readonly issuedAt: number;
  readonly caseNumber: string;
}

/**
 * One A4 page of an issued document. The same page always gives the same bytes: the PDF's dates (and
 * so its file id) are the instant it was issued, not the moment it is drawn.
 */
export function renderDocumentPdf(page: DocumentPage): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 60,
    lang: 'zh-CN',
    info: {
      Title: `${page.title} ${page.number}`,
      Author: page.issuer,
      Creator: 'onething stand-in (测试用模拟系统)',
      CreationDate: new Date(page.issuedAt),
      ModDate: new Date(page.issuedAt),
    },
  });
  doc.registerFont('R', regularFont());
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      doc.font('R').fontSize(26).text(page.title, { align: 'center' });
      doc.fontSize(11).fillColor('#555555').text(page.titleEn, { align: 'center' }).moveDown(2);
      doc.fillColor('#1a1a1a').fontSize(13);
      const rows: [string, string][] = [
        ['证照编号 Number', page.number],
        ['持证人 Holder', page.holderName],
        ['持证人证件号码 Holder ID', page.holderIdNumber],
        ...(page.subject ? [['证照事项 Subject', page.subject] as [string, string]] : []),
        ['发证机关 Issuer', page.issuer],
        ['发证日期 Issued on', page.issuedOn],
        ['办件编号 Case number', page.caseNumber],
      ];
      for (const [label, value] of rows) doc.text(`${label}：${value}`).moveDown(0.6);
      doc
        .moveDown(3)
        .fontSize(10)
        .fillColor('#a00000')
        .text('本证照由测试用模拟系统签发，不具法律效力。', { align: 'center' })
        .text('Issued by a stand-in system for testing; of no legal effect.', { align: 'center' });
      doc.end();
    } catch (e) {
      reject(e);
    }
  });
}
