/**
 * The platform's wire format of time: `yyyy-MM-dd HH:mm:ss` in Beijing time (UTC+8, no daylight saving),
 * whatever the server's own time zone.
 */

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** An instant as `yyyy-MM-dd HH:mm:ss`, Beijing time. */
export function wireTime(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** Parses `yyyy-MM-dd HH:mm:ss` (Beijing time) into epoch ms; undefined when it is not a real instant. */
export function parseWireTime(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  return Number.isNaN(ms) || wireTime(ms) !== text ? undefined : ms;
}
