/**
 * Money in the domain is an integer number of fen (分), never a float of yuan. Departments' wires differ
 * (tax sends fen, the fund sends yuan strings, market regulation declares capital in 万元); adapters
 * convert at the edge with these functions so nothing downstream guesses the unit.
 */

const YUAN = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/;

/** Parses a decimal yuan amount such as `"1234.5"` or `"-0.07"` into fen; `undefined` when it is not one. */
export function yuanToFen(yuan: string): number | undefined {
  const m = YUAN.exec(yuan.trim());
  if (!m) return undefined;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

/** Formats fen as a yuan decimal with exactly two places, e.g. `123456` → `"1234.56"`. */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Converts an amount in 万元 (ten thousand yuan), as registered capital is declared, into fen. */
export function wanYuanToFen(wanYuan: number): number {
  return Math.round(wanYuan * 1_000_000);
}
