/**
 * The fund's wire formats of time: dates `yyyyMMdd`, instants `yyyyMMddHHmmss` in Beijing time (UTC+8,
 * no daylight saving), whatever the server's own time zone.
 */

const BEIJING_OFFSET_MS = 8 * 3_600_000;

function beijingIso(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString();
}

/** An instant as `yyyyMMddHHmmss`, Beijing time. */
export function wireInstant(at: number | string): string {
  const iso = beijingIso(typeof at === 'number' ? at : Date.parse(at));
  return iso.slice(0, 19).replace(/[-T:]/g, '');
}

/** The Beijing calendar day of an instant, as `yyyyMMdd`. */
export function wireDay(at: number): string {
  return beijingIso(at).slice(0, 10).replaceAll('-', '');
}

/** An ISO date `yyyy-MM-dd` as `yyyyMMdd`. */
export function wireDate(isoDate: string): string {
  return isoDate.replaceAll('-', '');
}

/** Parses a wire date `yyyyMMdd` into ISO `yyyy-MM-dd`; undefined when it is not a real calendar day. */
export function parseWireDate(text: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/** The Beijing calendar day of an instant, as ISO `yyyy-MM-dd` (how the records keep dates). */
export function beijingDate(at: number): string {
  return beijingIso(at).slice(0, 10);
}
