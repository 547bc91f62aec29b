import type { TestStack } from '../../stack/support';
import { population } from '../persons';
import { median, round, since } from '../stats';

/** The stand-ins' batch limits, as their protocols publish them (legacy/<dept>/PROTOCOL.md). */
export const BATCH_LIMIT = { realestate: 20, tax: 50, fund: 30 } as const;
const OPS = { realestate: 'QueryUnits', tax: 'deed_tax.query', fund: 'dkcx' } as const;

const QUERY =
  'query Units($codes: [UnitCode!]!) { properties(unitCodes: $codes) { unitCode address deedTaxRecords { amount } fundLoans { principal } } }';

export interface BatchingRow {
  readonly units: number;
  /** Legacy calls per query, counted at each stand-in, and what ⌈N / batch limit⌉ says they should be. */
  readonly calls: Record<keyof typeof BATCH_LIMIT, { readonly counted: number; readonly expected: number }>;
  readonly p50Ms: number;
}

export interface BatchingFigures {
  readonly queriesPerSize: number;
  readonly rows: readonly BatchingRow[];
  /** Median latency at the largest list over that at one unit: flat is 1. */
  readonly latencyGrowth: number;
}

/**
 * Scenario 3: one query for a list of N units with their tax and fund records, N = 1, 10, 100: legacy
 * calls per query counted at the stand-ins, and latency as N grows.
 */
export async function noNPlusOne(
  s: TestStack,
  options: { sizes: readonly number[]; queriesPerSize: number },
): Promise<BatchingFigures> {
  const token = await s.customToken({
    role: 'department-staff',
    name: '数据专员',
    departments: ['realestate', 'tax', 'fund'],
  });
  const rows: BatchingRow[] = [];
  for (const n of options.sizes) {
    const latencies: number[] = [];
    const counted = { realestate: [] as number[], tax: [] as number[], fund: [] as number[] };
    for (let q = 0; q < options.queriesPerSize + 1; q++) {
      // Different units each query, so no answer is the previous one's.
      const start = (q * n) % (population.properties.length - n);
      const codes = population.properties.slice(start, start + n).map((p) => p.unitCode);
      for (const d of ['realestate', 'tax', 'fund'] as const) await s.admin(d).resetCounts();
      const t0 = performance.now();
      const r = await s.gql<{ properties: unknown[] }>(QUERY, { codes }, token);
      const ms = since(t0);
      if (r.errors || r.data?.properties.length !== n)
        throw new Error(`the list of ${n} units failed: ${JSON.stringify(r.errors ?? r.data)}`);
      if (q === 0) continue; // the first of each size warms up
      latencies.push(ms);
      for (const d of ['realestate', 'tax', 'fund'] as const)
        counted[d].push((await s.admin(d).counts()).byOp[OPS[d]] ?? 0);
    }
    const calls = Object.fromEntries(
      (['realestate', 'tax', 'fund'] as const).map((d) => [
        d,
        { counted: Math.max(...counted[d]), expected: Math.ceil(n / BATCH_LIMIT[d]) },
      ]),
    ) as BatchingRow['calls'];
    rows.push({ units: n, calls, p50Ms: round(median(latencies)) });
  }
  return {
    queriesPerSize: options.queriesPerSize,
    rows,
    latencyGrowth: round(rows.at(-1)!.p50Ms / rows[0]!.p50Ms, 2),
  };
}
