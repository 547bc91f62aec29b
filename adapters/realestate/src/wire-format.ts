import { fenToYuan, yuanToFen } from '@onething/schema';

/**
 * The registry's formats and the domain's: dates `yyyyMMdd` ↔ ISO `yyyy-MM-dd`, instants
 * `yyyyMMddHHmmss` Beijing time (UTC+8) → ISO timestamps, yuan with two decimals ↔ integer fen,
 * areas with two decimals ↔ numbers.
 */

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** `yyyyMMdd` → ISO date, or undefined when it is not a real date. */
export function isoDateOf(wire: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(wire);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : undefined;
}

/** `yyyyMMddHHmmss` in Beijing time → ISO timestamp in UTC, or undefined when it is not a real instant. */
export function isoInstantOf(wire: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(wire);
  if (!m) return undefined;
  const local = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
  const ms = Date.parse(`${local}Z`);
  if (Number.isNaN(ms) || !new Date(ms).toISOString().startsWith(local)) return undefined;
  return new Date(ms - BEIJING_OFFSET_MS).toISOString();
}

/** ISO date → `yyyyMMdd`, or undefined when it is not one. */
export function wireDateOf(iso: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && isoDateOf(iso.replaceAll('-', ''))
    ? iso.replaceAll('-', '')
    : undefined;
}

/** Yuan with exactly two decimals → fen, or undefined when it is not that. */
export function fenOf(wire: string): number | undefined {
  return /^-?\d{1,13}\.\d{2}$/.test(wire) ? yuanToFen(wire) : undefined;
}

/** Integer fen → yuan with two decimals. */
export function wireMoneyOf(fen: number): string {
  return fenToYuan(fen);
}

/** A number with at most two decimals → its two-decimal text, or undefined when it has more. */
export function wireDecimalOf(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const hundredths = Math.round(value * 100);
  return Math.abs(value * 100 - hundredths) < 1e-6 ? value.toFixed(2) : undefined;
}
