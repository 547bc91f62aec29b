import { fenToYuan } from '@onething/schema';

/**
 * The registry's formats on the wire: dates `yyyyMMdd`, instants `yyyyMMddHHmmss` in Beijing time
 * (UTC+8, no daylight saving), money in yuan with two decimals, areas in m² with two decimals.
 */

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** ISO `yyyy-MM-dd` → `yyyyMMdd`. */
export function wireDate(isoDate: string): string {
  return isoDate.replaceAll('-', '');
}

/** `yyyyMMdd` → ISO `yyyy-MM-dd`, or undefined when it is not a real date. */
export function isoDateOf(wire: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(wire);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : undefined;
}

/** Epoch milliseconds → `yyyyMMddHHmmss`, Beijing time. */
export function wireInstant(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

/** The Beijing calendar day of an instant, ISO `yyyy-MM-dd`. */
export function beijingDate(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** Fen → yuan with two decimals, e.g. `123456` → `"1234.56"`. */
export function wireMoney(fen: number): string {
  return fenToYuan(fen);
}

/** A number with two decimals, as areas are written. */
export function wireDecimal(value: number): string {
  return value.toFixed(2);
}

/** ISO `yyyy-MM-dd` plus whole months, clamped to the month's last day. */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}
