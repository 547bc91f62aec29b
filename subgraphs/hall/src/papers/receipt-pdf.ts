import {
  CONTENT_WIDTH,
  fieldRows,
  PAGE,
  paragraph,
  qrCode,
  renderPdf,
  sectionHeading,
  table,
  titleBlock,
} from './pdf-layout';
import type { ReceiptData } from './receipt-data';

const CHANNEL = {
  ONLINE: '网上申请  Online',
  WINDOW: '窗口受理  At the window',
} as const;

const QR_SIZE = 96;

/**
 * The acceptance receipt (受理回执) as a PDF: the application number, the bundle, each item with its
 * department, promised limit and deadline (expected ones marked 预计), the materials received, the
 * applicant (ID number masked), the responsible officer, the channel, the date, and a QR code of the public
 * status page. Data in, bytes out.
 */
export function receiptPdf(r: ReceiptData): Promise<Buffer> {
  return renderPdf({ title: `受理回执 ${r.number}`, subject: 'Acceptance receipt' }, (doc) => {
    const qrX = PAGE.margin + CONTENT_WIDTH - QR_SIZE;
    titleBlock(doc, r.centre, { zh: '受理回执', en: 'Acceptance receipt' });
    qrCode(doc, r.statusUrl, qrX, PAGE.margin + 14, QR_SIZE);
    doc
      .font('R')
      .fontSize(7)
      .fillColor('#555555')
      .text('扫码查询办理进度\nScan for the status', qrX - 10, PAGE.margin + 14 + QR_SIZE + 2, {
        width: QR_SIZE + 20,
        align: 'center',
      });
    doc.y = Math.max(doc.y, PAGE.margin + QR_SIZE + 40);
    fieldRows(doc, [
      [{ zh: '申请编号', en: 'Application number' }, r.number],
      [{ zh: '办理事项', en: 'Bundle' }, `${r.bundleName.zh}\n${r.bundleName.en}`],
      [{ zh: '申请人', en: 'Applicant' }, r.applicant.name],
      [{ zh: '身份证号码', en: 'ID number' }, r.applicant.maskedIdNumber],
      [{ zh: '受理渠道', en: 'Channel' }, CHANNEL[r.channel]],
      [
        { zh: '首问负责人', en: 'Responsible officer' },
        r.responsibleOfficer ? r.responsibleOfficer.name : '待指定  Not yet assigned',
      ],
      [{ zh: '申请日期', en: 'Date' }, r.date],
    ]);

    sectionHeading(doc, { zh: '办理事项及承诺时限', en: 'Items and promised time limits' });
    const w = CONTENT_WIDTH;
    table(
      doc,
      [
        { title: { zh: '事项', en: 'Item' }, width: w * 0.38 },
        { title: { zh: '办理部门', en: 'Department' }, width: w * 0.22 },
        { title: { zh: '承诺时限', en: 'Promised limit' }, width: w * 0.16 },
        { title: { zh: '办结期限', en: 'Deadline' }, width: w * 0.24 },
      ],
      r.items.map((i) => [
        { main: i.name.zh, sub: i.name.en },
        { main: i.department.zh, sub: i.department.en },
        {
          main: i.promisedDays === 0 ? '即办' : `${i.promisedDays} 个工作日`,
          sub:
            i.promisedDays === 0
              ? 'same day'
              : `${i.promisedDays} working day${i.promisedDays === 1 ? '' : 's'}`,
        },
        i.expected
          ? { main: `预计 ${i.deadline}`, sub: 'expected' }
          : { main: i.deadline, sub: 'set on acceptance' },
      ]),
    );
    if (r.items.some((i) => i.expected)) {
      doc.moveDown(0.3);
      paragraph(
        doc,
        {
          zh: '“预计”期限自申请日期起按工作日计算；部门受理后，以其确定的办结期限为准。',
          en: '"Expected" deadlines are counted in working days from the date of the application; once a department accepts its part, the deadline it sets prevails.',
        },
        { size: 8.5 },
      );
    }

    sectionHeading(doc, { zh: '已收材料', en: 'Materials received' });
    if (r.materials.length === 0) paragraph(doc, { zh: '无', en: 'None' });
    else {
      // Two materials a row: a bundle asks for many, and the receipt stays one page.
      const half = Math.ceil(r.materials.length / 2);
      const cell = (i: number) => {
        const m = r.materials[i];
        return m
          ? [{ main: String(i + 1) }, { main: m.name.zh, sub: m.name.en }]
          : [{ main: '' }, { main: '' }];
      };
      const column = { title: { zh: '材料名称', en: 'Material' }, width: w * 0.42 };
      const no = { title: { zh: '序号', en: 'No.' }, width: w * 0.08 };
      table(
        doc,
        [no, column, no, column],
        Array.from({ length: half }, (_, row) => [...cell(row), ...cell(row + half)]),
      );
    }

    doc.moveDown(1);
    paragraph(
      doc,
      {
        zh: `请妥善保管本回执。扫描右上角二维码或访问以下地址查询办理进度（仅显示申请编号与办理状态）：${r.statusUrl}`,
        en: `Keep this receipt. Scan the QR code above, or open the address below, for the status (it shows the number and status only): ${r.statusUrl}`,
      },
      { size: 8.5 },
    );
  });
}
