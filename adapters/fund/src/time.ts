/**
 * The fund's time formats read into the domain's: dates `yyyyMMdd` → ISO `yyyy-MM-dd`; instants
 * `yyyyMMddHHmmss` in Beijing time (UTC+8) → ISO timestamps in UTC. Both throw on anything else, so a
 * bad value surfaces as MALFORMED_RESPONSE, never as a wrong date.
 */

/** `20260701` → `2026-07-01`. */
export function isoDate(wire: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(wire);
  const iso = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  const d = new Date(`${iso}T00:00:00Z`);
  if (!m || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) {
    throw new Error(`"${wire}" is not a yyyyMMdd date`);
  }
  return iso;
}

/** `20260701000000` (Beijing) → `2026-06-30T16:00:00.000Z`. */
export function isoInstant(wire: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(wire);
  const ms = m ? Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`) : Number.NaN;
  if (Number.isNaN(ms)) throw new Error(`"${wire}" is not a yyyyMMddHHmmss instant`);
  return new Date(ms).toISOString();
}
