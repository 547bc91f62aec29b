/**
 * The market system keeps Beijing time (UTC+8) on its wire: instants carry `+08:00`, dates are the
 * Beijing calendar day. These turn the stand-in's simulated clock (epoch ms) into that.
 */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** An instant as the wire writes it, e.g. `2026-06-30T18:04:05+08:00`. */
export function beijingInstant(ms: number): string {
  return `${new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** The Beijing calendar day of an instant, `yyyy-MM-dd`. */
export function beijingDate(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Beijing calendar day as `yyyyMMdd`, as application and document numbers embed it. */
export function beijingCompactDate(ms: number): string {
  return beijingDate(ms).replaceAll('-', '');
}
