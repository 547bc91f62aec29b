import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../calendar/working-days';
import { maskIdNumber, receiptData } from './receipt-data';

const calendar = WorkingDayCalendar.official();
const input = (deadlines: (string | null)[]) => ({
  application: {
    id: '6f1c2a9e-4b7d-4f3e-9a61-0c8d2e5b7a14',
    applicantName: '王晓明',
    applicantIdNumber: '11010519491231002X',
    materials: [
      { id: 'id-card', uploadId: 'u1' },
      { id: 'gone', uploadId: 'u2' },
    ],
    // 2026-12-04 11:00 Beijing: a Friday.
    submittedAt: new Date('2026-12-04T03:00:00Z'),
  },
  parts: [
    { seq: 2, itemCode: 'RE', department: 'realestate', promisedDays: 5, deadline: deadlines[1] ?? null },
    { seq: 1, itemCode: 'TAX', department: 'tax', promisedDays: 1, deadline: deadlines[0] ?? null },
  ],
  bundleName: { zh: '二手房转移登记', en: 'House transfer' },
  itemName: (c: string) => ({ zh: `事项${c}`, en: `item ${c}` }),
  departmentName: (d: string) => ({ zh: `部门${d}`, en: d }),
  materialName: (id: string) => (id === 'id-card' ? { zh: '居民身份证', en: 'ID card' } : undefined),
  calendar,
  statusUrl: 'http://127.0.0.1:4000/papers/status/AAAAAAAAAAAAAAAAAAAAAA',
  centre: { zh: '中心', en: 'Centre' },
});

describe('maskIdNumber', () => {
  it('shows the first 6 and the last 4 characters only', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('110105491231002')).toBe('110105*****1002');
  });
  it('stars a number too short to keep 10 characters of', () => {
    expect(maskIdNumber('1234567890')).toBe('**********');
  });
});

describe('receiptData', () => {
  it('counts an expected deadline from the submission date in working days, before a department accepts', () => {
    const r = receiptData(input([null, null]));
    expect(r.items.map((i) => [i.code, i.deadline, i.expected])).toEqual([
      // Friday + 1 working day: Monday; + 5: the next Friday.
      ['TAX', '2026-12-07', true],
      ['RE', '2026-12-11', true],
    ]);
    expect(r.date).toBe('2026-12-04');
  });

  it('takes the deadline a department set on acceptance, not expected', () => {
    const r = receiptData(input(['2026-12-08', null]));
    expect(r.items[0]).toMatchObject({
      code: 'TAX',
      deadline: '2026-12-08',
      expected: false,
      promisedDays: 1,
    });
    expect(r.items[1]).toMatchObject({ code: 'RE', expected: true });
  });

  it('masks the ID number, names the materials as the form does, and says online with no officer by default', () => {
    const r = receiptData(input([null, null]));
    expect(r.applicant).toEqual({ name: '王晓明', maskedIdNumber: '110105********002X' });
    expect(JSON.stringify(r)).not.toContain('11010519491231002X');
    expect(r.materials).toEqual([
      { id: 'id-card', name: { zh: '居民身份证', en: 'ID card' } },
      { id: 'gone', name: { zh: 'gone', en: 'gone' } },
    ]);
    expect(r.channel).toBe('ONLINE');
    expect(r.responsibleOfficer).toBeNull();
    expect(r.items[0]!.department).toEqual({ zh: '部门tax', en: 'tax' });
  });

  it('carries the responsible officer and the channel when the application records them', () => {
    const r = receiptData({
      ...input([null, null]),
      responsibleOfficer: { name: '李窗口' },
      channel: 'WINDOW',
    });
    expect(r.responsibleOfficer).toEqual({ name: '李窗口' });
    expect(r.channel).toBe('WINDOW');
  });
});
