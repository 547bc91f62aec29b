import type { PerformanceRowPartsFragment } from './generated/graphql';

/**
 * CSV as spreadsheets read it (RFC 4180): fields separated by commas, lines by CRLF, a field with a comma,
 * a double quote or a line break quoted, its quotes doubled. The text starts with a byte-order mark, so
 * Excel (in China set to GBK by default) opens the UTF-8 as UTF-8.
 */

export const BOM = '\uFEFF';

/** One column: its key (the schema's field name), its heading in Chinese, and its value in a row. */
export interface CsvColumn<T> {
  readonly key: string;
  readonly zh: string;
  value(row: T): string | number | null | undefined;
}

/** A field as RFC 4180 writes it; numbers as they are (no grouping, no rounding), nothing as empty. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows under one heading line; each heading is the Chinese name then the column's key. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  const lines = [
    columns.map((c) => csvField(`${c.zh} ${c.key}`)),
    ...rows.map((r) => columns.map((c) => csvField(c.value(r)))),
  ];
  return `${BOM}${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

export type PerformanceRow = PerformanceRowPartsFragment;

type Figure = Exclude<keyof PerformanceRow, 'key' | 'label'>;

/** The figures of a row, in the order the dashboard shows them, each with its Chinese heading. */
const FIGURES: readonly [Figure, string][] = [
  ['applicationsTakenIn', '受理申请数'],
  ['applicationsCompleted', '办结申请数'],
  ['partsTakenIn', '受理事项数'],
  ['partsCompleted', '办结事项数'],
  ['onTime', '按时办结'],
  ['overdue', '超期'],
  ['onTimeRate', '按时办结率'],
  ['averageWorkingDays', '平均办理用时（工作日）'],
  ['p90WorkingDays', '办理用时90分位（工作日）'],
  ['averagePromisedDays', '平均承诺时限（工作日）'],
  ['averageLegalDays', '平均法定时限（工作日）'],
  ['promisedSpeedUp', '承诺提速'],
  ['actualSpeedUp', '实际提速'],
  ['instant', '即办件'],
  ['corrections', '补正'],
  ['refusals', '不予受理/退件'],
  ['deadLetters', '死信'],
  ['paymentsCollected', '收费（元）'],
  ['ratings', '评价数'],
  ['averageRating', '平均评分'],
  ['badRatings', '差评数'],
  ['followUpsOpened', '差评回访数'],
  ['followUpsClosed', '整改完成数'],
  ['followUpRate', '差评回访整改率'],
];

/**
 * The rows of a cut as CSV: the cut's key, the name shown for it (`nameOf`), then every figure unformatted
 * (rates from 0 to 1, days as decimals, money in yuan as the schema gives it).
 */
export function performanceCsv(
  rows: readonly PerformanceRow[],
  nameOf: (row: PerformanceRow) => string,
): string {
  const columns: CsvColumn<PerformanceRow>[] = [
    { key: 'key', zh: '分组', value: (r) => r.key },
    { key: 'name', zh: '名称', value: nameOf },
    ...FIGURES.map(([key, zh]): CsvColumn<PerformanceRow> => ({ key, zh, value: (r) => r[key] })),
  ];
  return toCsv(columns, rows);
}

/** The file name of an export: `performance-<from>-<to>-<cut>.csv`. */
export const performanceFileName = (from: string, to: string, cut: string): string =>
  `performance-${from}-${to}-${cut.toLowerCase()}.csv`;
