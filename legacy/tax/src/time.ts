/**
 * The tax system's time formats: instants as `yyyy-MM-dd HH:mm:ss` and dates as `yyyy-MM-dd`, both in
 * Beijing time (UTC+8, no daylight saving), whatever the server's own zone.
 */

const BEIJING_OFFSET_MS = 8 * 3_600_000;

function beijing(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString();
}

/** `yyyy-MM-dd HH:mm:ss` in Beijing time. */
export function wireTime(ms: number): string {
  const iso = beijing(ms);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** An ISO timestamp (as the population holds them) as a wire instant. */
export function wireTimeOf(iso: string): string {
  return wireTime(Date.parse(iso));
}

/** `yyyy-MM-dd`: the Beijing calendar day of an instant. */
export function wireDate(ms: number): string {
  return beijing(ms).slice(0, 10);
}

/** `yyyyMMdd`: the Beijing day, as case and document numbers carry it. */
export function compactDate(ms: number): string {
  return wireDate(ms).replaceAll('-', '');
}
