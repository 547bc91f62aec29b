import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Bilingual } from './receipt-data';

/** A PDFKit document, as the papers draw on it. */
export type Doc = InstanceType<typeof PDFDocument>;

/**
 * Noto Sans Hans (Source Han Sans, SIL OFL 1.1) as the npm package @embedpdf/fonts-sc ships it: OpenType
 * (CFF) files PDFKit's fontkit subsets, so a paper embeds only the glyphs it uses (about 100 KB, not 8 MB)
 * and renders its Chinese on any reader, with no font installed. The package covers GB 2312; a character
 * outside it (a rare one in a name) shows as the font's blank glyph, not as another character.
 */
const FONT_FILES = { regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' } as const;
let fonts: { regular: Buffer; bold: Buffer } | undefined;

function loadFonts(): { regular: Buffer; bold: Buffer } {
  if (!fonts) {
    // The package exports its index only; the fonts are beside it, in ../fonts.
    const index = fileURLToPath(import.meta.resolve('@embedpdf/fonts-sc'));
    const file = (name: string) => readFileSync(new URL(`../fonts/${name}`, `file://${index}`));
    fonts = { regular: file(FONT_FILES.regular), bold: file(FONT_FILES.bold) };
  }
  return fonts;
}

/** The page's geometry: A4 in points, and its margin. */
export const PAGE = { width: 595.28, height: 841.89, margin: 50 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** Colours: text, lines, shading of headers. */
const INK = '#1a1a1a';
const GREY = '#555555';
const RULE = '#9a9a9a';
const SHADE = '#eeeeee';

/** Renders a paper: an A4 document with the CJK font registered (`R`, `B`), drawn by `draw`, as bytes. */
export function renderPdf(
  meta: { title: string; subject: string },
  draw: (doc: Doc) => void,
): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    info: { Title: meta.title, Subject: meta.subject, Creator: 'One-thing hall (一件事 政务服务大厅)' },
    lang: 'zh-CN',
    displayTitle: true,
    // Pages kept until the end, so each can say which of how many it is.
    bufferPages: true,
  });
  doc.registerFont('R', regular);
  doc.registerFont('B', bold);
  doc.font('R').fillColor(INK);
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      draw(doc);
      pageNumbers(doc);
      doc.end();
    } catch (e) {
      reject(e);
    }
  });
}

/** `第 i 页 共 n 页 · Page i of n` at the foot of every page of a paper longer than one. */
function pageNumbers(doc: Doc): void {
  const { start, count } = doc.bufferedPageRange();
  if (count < 2) return;
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // In the bottom margin: lifted for the line, or PDFKit would start a page for it.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('R')
      .fontSize(8)
      .fillColor(GREY)
      .text(`第 ${i + 1} 页 共 ${count} 页 · Page ${i + 1} of ${count}`, PAGE.margin, PAGE.height - 35, {
        width: CONTENT_WIDTH,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}

/** The issuing centre's name and the paper's title, Chinese above English. */
export function titleBlock(doc: Doc, centre: Bilingual, title: Bilingual, width = CONTENT_WIDTH): void {
  const x = PAGE.margin;
  doc.font('R').fontSize(10).fillColor(GREY).text(`${centre.zh}  ${centre.en}`, x, PAGE.margin, { width });
  doc.moveDown(0.6);
  doc.font('B').fontSize(22).fillColor(INK).text(title.zh, x, doc.y, { width, align: 'center' });
  doc.font('R').fontSize(11).fillColor(GREY).text(title.en, x, doc.y, { width, align: 'center' });
  doc.fillColor(INK).moveDown(1);
}

/** Label–value rows (the label in both languages on one line, left; the value, right), ruled between. */
export function fieldRows(
  doc: Doc,
  rows: readonly (readonly [Bilingual, string])[],
  width = CONTENT_WIDTH,
): void {
  const x = PAGE.margin;
  const labelWidth = 165;
  const valueWidth = width - labelWidth - 8;
  doc
    .moveTo(x, doc.y)
    .lineTo(x + width, doc.y)
    .strokeColor(RULE)
    .lineWidth(0.5)
    .stroke();
  for (const [label, value] of rows) {
    const top = doc.y + 4;
    doc
      .font('B')
      .fontSize(9.5)
      .fillColor(INK)
      .text(label.zh, x, top + 0.5, { width: labelWidth, continued: true })
      .font('R')
      .fontSize(7.5)
      .fillColor(GREY)
      .text(`  ${label.en}`);
    const labelBottom = doc.y;
    doc
      .font('R')
      .fontSize(10)
      .fillColor(INK)
      .text(value, x + labelWidth + 8, top, { width: valueWidth });
    doc.y = Math.max(labelBottom, doc.y) + 4;
    doc
      .moveTo(x, doc.y)
      .lineTo(x + width, doc.y)
      .strokeColor(RULE)
      .lineWidth(0.5)
      .stroke();
  }
  doc.x = x;
}

/** A section heading: Chinese, then English, in one line. */
export function sectionHeading(doc: Doc, heading: Bilingual): void {
  doc.moveDown(0.8);
  ensureRoom(doc, 40);
  doc.font('B').fontSize(13).fillColor(INK).text(heading.zh, PAGE.margin, doc.y, { continued: true });
  doc.font('R').fontSize(10).fillColor(GREY).text(`  ${heading.en}`);
  doc.fillColor(INK).moveDown(0.3);
}

/** A column of a table: its heading and its share of the width. */
export interface Column {
  readonly title: Bilingual;
  readonly width: number;
}

/** A cell: its main text, and a smaller second line (English) under it. */
export interface Cell {
  readonly main: string;
  readonly sub?: string | undefined;
}

const PAD = 3.5;

function cellHeight(doc: Doc, cell: Cell, width: number): number {
  doc.font('R').fontSize(10);
  let h = doc.heightOfString(cell.main || ' ', { width: width - 2 * PAD });
  if (cell.sub) {
    doc.fontSize(8);
    h += doc.heightOfString(cell.sub, { width: width - 2 * PAD }) + 1;
  }
  return h + 2 * PAD;
}

function drawRow(doc: Doc, columns: readonly Column[], cells: readonly Cell[], header: boolean): void {
  const x0 = PAGE.margin;
  const height = Math.max(...cells.map((c, i) => cellHeight(doc, c, columns[i]!.width)));
  ensureRoom(doc, height);
  const top = doc.y;
  const total = columns.reduce((s, c) => s + c.width, 0);
  if (header) doc.rect(x0, top, total, height).fill(SHADE);
  let x = x0;
  cells.forEach((cell, i) => {
    const w = columns[i]!.width;
    doc
      .font(header ? 'B' : 'R')
      .fontSize(header ? 9.5 : 10)
      .fillColor(INK)
      .text(cell.main, x + PAD, top + PAD, { width: w - 2 * PAD });
    if (cell.sub)
      doc
        .font('R')
        .fontSize(8)
        .fillColor(GREY)
        .text(cell.sub, x + PAD, doc.y + 1, { width: w - 2 * PAD });
    doc.rect(x, top, w, height).strokeColor(RULE).lineWidth(0.5).stroke();
    x += w;
  });
  doc.fillColor(INK);
  doc.x = x0;
  doc.y = top + height;
}

/** A ruled table with a shaded header row; rows move to a new page (header repeated) when they do not fit. */
export function table(doc: Doc, columns: readonly Column[], rows: readonly (readonly Cell[])[]): void {
  const header = columns.map((c) => ({ main: c.title.zh, sub: c.title.en }));
  drawRow(doc, columns, header, true);
  for (const row of rows) {
    const height = Math.max(...row.map((c, i) => cellHeight(doc, c, columns[i]!.width)));
    if (doc.y + height > PAGE.height - PAGE.margin) {
      doc.addPage();
      drawRow(doc, columns, header, true);
    }
    drawRow(doc, columns, row, false);
  }
}

/** A paragraph in both languages: Chinese, then English smaller. */
export function paragraph(doc: Doc, text: Bilingual, options: { size?: number } = {}): void {
  const size = options.size ?? 10;
  ensureRoom(doc, 3 * size);
  doc.font('R').fontSize(size).fillColor(INK).text(text.zh, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
  doc
    .fontSize(size - 2)
    .fillColor(GREY)
    .text(text.en, PAGE.margin, doc.y + 1, { width: CONTENT_WIDTH });
  doc.fillColor(INK).moveDown(0.4);
}

/** Starts a new page unless `height` points still fit above the bottom margin. */
export function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > PAGE.height - PAGE.margin) doc.addPage();
}

/**
 * A QR code of `text` drawn as vector squares (sharp at any print size), with its quiet zone of four
 * modules, `size` points wide at (x, y). Error correction M: a receipt folded or a little smudged still scans.
 */
export function qrCode(doc: Doc, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  const unit = size / (n + 2 * quiet);
  doc.save();
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let row = 0; row < n; row++)
    for (let col = 0; col < n; col++)
      if (qr.modules.get(row, col))
        // A hair larger than a module: neighbours overlap, so no seam shows between them when rasterised.
        doc.rect(x + (col + quiet) * unit, y + (row + quiet) * unit, unit + 0.05, unit + 0.05);
  doc.fill('#000000');
  doc.restore();
}
