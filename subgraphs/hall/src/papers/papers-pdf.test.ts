import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../calendar/working-days';
import { noticeData } from './notice-data';
import { noticePdf } from './notice-pdf';
import { receiptData } from './receipt-data';
import { receiptPdf } from './receipt-pdf';

const centre = { zh: '一件事政务服务中心', en: 'One-thing Government Service Centre' };

describe('the papers as PDF', () => {
  it('embed a subset of the CJK font, not the whole 8 MB of it', async () => {
    const pdf = await receiptPdf(
      receiptData({
        application: {
          id: '6f1c2a9e-4b7d-4f3e-9a61-0c8d2e5b7a14',
          applicantName: '王晓明',
          applicantIdNumber: '11010519491231002X',
          materials: [{ id: 'id-card', uploadId: 'u' }],
          submittedAt: new Date('2026-12-04T03:00:00Z'),
        },
        parts: [{ seq: 0, itemCode: 'TAX', department: 'tax', promisedDays: 1, deadline: null }],
        bundleName: { zh: '二手房转移登记', en: 'House transfer' },
        itemName: () => ({ zh: '契税申报', en: 'Deed tax' }),
        departmentName: () => ({ zh: '税务', en: 'Tax' }),
        materialName: () => ({ zh: '居民身份证', en: 'ID card' }),
        calendar: WorkingDayCalendar.official(),
        statusUrl: 'http://127.0.0.1:4000/papers/status/AAAAAAAAAAAAAAAAAAAAAA',
        centre,
      }),
    );
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdf.toString('latin1');
    // A subset's name carries a six-letter tag (PDF 32000-1 §9.6.4); the font program is CFF (FontFile3).
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-Regular/);
    expect(text).toContain('/FontFile3');
    expect(pdf.length).toBeLessThan(400_000);
  });

  it('render a notice of many problems over pages without failing', async () => {
    const problems = Array.from({ length: 60 }, (_, i) => ({
      field: `f${i}`,
      code: 'field.required',
      message: { zh: `第 ${i} 项为必填项`, en: `field ${i} is required` },
      items: [],
    }));
    const pdf = await noticePdf(
      noticeData({
        bundleName: { zh: '二手房转移登记', en: 'House transfer' },
        problems,
        applicant: { name: '王晓明', idNumber: '11010519491231002X' },
        date: '2026-12-04',
        centre,
      }),
    );
    expect((pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(1);
  });
});
