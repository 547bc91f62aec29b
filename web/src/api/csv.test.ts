import { describe, expect, it } from 'vitest';
import { BOM, csvField, type PerformanceRow, performanceCsv, performanceFileName, toCsv } from './csv';

const row = (over: Partial<PerformanceRow>): PerformanceRow => ({
  __typename: 'PerformanceRow',
  key: 'ALL',
  label: null,
  applicationsTakenIn: 3,
  applicationsCompleted: 2,
  partsTakenIn: 9,
  partsCompleted: 6,
  onTime: 5,
  overdue: 1,
  onTimeRate: 5 / 6,
  averageWorkingDays: 1.5,
  p90WorkingDays: 3,
  averagePromisedDays: 4,
  averageLegalDays: 20,
  promisedSpeedUp: 0.8,
  actualSpeedUp: 0.625,
  instant: 2,
  corrections: 0,
  refusals: 1,
  deadLetters: 0,
  paymentsCollected: '12345.60',
  ratings: 0,
  averageRating: null,
  badRatings: 0,
  followUpsOpened: 0,
  followUpsClosed: 0,
  followUpRate: null,
  ...over,
});

describe('CSV (RFC 4180) for spreadsheets', () => {
  it('quotes fields with commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvField('王小明')).toBe('王小明');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('the "one" thing')).toBe('"the ""one"" thing"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(0.8333333333333334)).toBe('0.8333333333333334');
    expect(csvField(12345678)).toBe('12345678');
  });

  it('starts with a byte-order mark, heads every column in Chinese and by key, and ends lines with CRLF', () => {
    const csv = toCsv([{ key: 'name', zh: '名称', value: (r: { n: string }) => r.n }], [{ n: 'x, "y"' }]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1)).toBe('名称 name\r\n"x, ""y"""\r\n');
  });

  it('writes a cut’s rows with every figure unformatted, a name with a comma or a line break kept whole', () => {
    const csv = performanceCsv(
      [row({ key: 'officer-1', label: '王,"小明"\n窗口' }), row({ key: '', label: null, onTimeRate: null })],
      (r) => r.label ?? '',
    );
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(4); // heading, two rows, the empty string after the last CRLF
    const heading = lines[0]!.split(',');
    expect(heading.slice(0, 3)).toEqual(['分组 key', '名称 name', '受理申请数 applicationsTakenIn']);
    expect(heading).toContain('按时办结率 onTimeRate');
    expect(heading).toContain('收费（元） paymentsCollected');
    expect(lines[1]).toBe(
      'officer-1,"王,""小明""\n窗口",3,2,9,6,5,1,0.8333333333333334,1.5,3,4,20,0.8,0.625,2,0,1,0,12345.60,0,,0,0,0,',
    );
    expect(lines[2]!.startsWith(',,3,2,9,6,5,1,,')).toBe(true);
  });

  it('names the file by period and cut', () => {
    expect(performanceFileName('2026-01-01', '2026-12-31', 'DEPARTMENT')).toBe(
      'performance-2026-01-01-2026-12-31-department.csv',
    );
  });
});
