import type { NoticeData } from './notice-data';
import {
  CONTENT_WIDTH,
  fieldRows,
  paragraph,
  renderPdf,
  sectionHeading,
  table,
  titleBlock,
} from './pdf-layout';

/**
 * The one-time notice (一次性告知单) as a PDF: every problem of the form under its field's label, every
 * material to bring and how, the bundle, the date, the centre, and the legal basis (《中华人民共和国行政许可法》
 * 第三十二条). Data in, bytes out.
 */
export function noticePdf(n: NoticeData): Promise<Buffer> {
  return renderPdf({ title: `一次性告知单 ${n.bundleName.zh}`, subject: 'One-time notice' }, (doc) => {
    const w = CONTENT_WIDTH;
    titleBlock(doc, n.centre, { zh: '一次性告知单', en: 'One-time notice of what to supplement' });
    fieldRows(doc, [
      [{ zh: '申请人', en: 'Applicant' }, n.applicant.name || '—'],
      [{ zh: '身份证号码', en: 'ID number' }, n.applicant.maskedIdNumber],
      [{ zh: '办理事项', en: 'Bundle' }, `${n.bundleName.zh}\n${n.bundleName.en}`],
      [{ zh: '告知日期', en: 'Date' }, n.date],
    ]);
    doc.moveDown(0.8);
    const count = n.problems.length + n.materials.length;
    paragraph(doc, {
      zh: `您申请办理的“${n.bundleName.zh}”，申请材料不齐全或者不符合法定形式。现一次性告知需要补正的全部内容（共 ${count} 项），请补正后再次提交：`,
      en: `Your application for "${n.bundleName.en}" is incomplete or not in the required form. Everything to supplement or correct is listed here at once (${count} in all); submit again once it is done:`,
    });

    if (n.problems.length > 0) {
      sectionHeading(doc, { zh: '一、需补正的填写内容', en: 'I. What to correct in the form' });
      table(
        doc,
        [
          { title: { zh: '序号', en: 'No.' }, width: w * 0.08 },
          { title: { zh: '项目', en: 'Field' }, width: w * 0.3 },
          { title: { zh: '问题及补正要求', en: 'What is wrong' }, width: w * 0.62 },
        ],
        n.problems.map((p, i) => [
          { main: String(i + 1) },
          { main: p.label.zh, sub: p.label.en },
          { main: p.message.zh, sub: p.message.en },
        ]),
      );
    }
    if (n.materials.length > 0) {
      sectionHeading(doc, {
        zh: `${n.problems.length > 0 ? '二' : '一'}、需补交的材料`,
        en: `${n.problems.length > 0 ? 'II' : 'I'}. Materials to bring`,
      });
      table(
        doc,
        [
          { title: { zh: '序号', en: 'No.' }, width: w * 0.08 },
          { title: { zh: '材料名称', en: 'Material' }, width: w * 0.3 },
          { title: { zh: '提交要求', en: 'What to bring' }, width: w * 0.62 },
        ],
        n.materials.map((m, i) => [
          { main: String(n.problems.length + i + 1) },
          { main: m.name.zh, sub: m.name.en },
          // The check's sentence in Chinese; in English the bring alone (its sentence repeats the name).
          {
            main: `${m.message.zh}：${m.bring.zh}`,
            sub: m.bring.en.charAt(0).toUpperCase() + m.bring.en.slice(1),
          },
        ]),
      );
    }

    sectionHeading(doc, { zh: '告知依据', en: 'Legal basis' });
    paragraph(doc, n.legalBasis, { size: 9.5 });
    doc.moveDown(1);
    doc
      .font('R')
      .fontSize(10)
      .fillColor('#1a1a1a')
      .text(`告知单位：${n.centre.zh}（盖章）    日期：${n.date}`, { width: w, align: 'right' })
      .fontSize(8)
      .fillColor('#555555')
      .text(`Issued by ${n.centre.en} (seal), ${n.date}`, { width: w, align: 'right' });
  });
}
