import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import { prepareApplication, submitPrepared } from '../../stack/bundle-applications';
import type { Department, TestStack } from '../../stack/support';
import { population } from '../persons';
import { median, round, since } from '../stats';

/** Each stand-in's fixed latency on a submission, in ms: the registry slowest, as in the field. */
export const SUBMIT_LATENCY_MS: Record<Department, number> = {
  tax: 300,
  market: 400,
  realestate: 600,
  fund: 350,
};
/** The operations that create a case at each stand-in. */
const SUBMIT_OPS = ['cases.submit', 'applications.submit', 'SubmitApplication', 'ywsl'];

const BUNDLES_DIR = fileURLToPath(new URL('../../../subgraphs/hall/bundles', import.meta.url));
const DEPARTMENT_OF: Record<string, Department> = {
  TAX: 'tax',
  MKT: 'market',
  RE: 'realestate',
  FUND: 'fund',
};

interface BundleFile {
  code: string;
  items: { code: string; after?: string[]; option?: string }[];
}

/** A bundle's items without options, with each item's department latency and what it waits for. */
function bundleDag(file: BundleFile) {
  const items = file.items.filter((i) => !i.option);
  const latency = (code: string) => SUBMIT_LATENCY_MS[DEPARTMENT_OF[code.split('-')[0]!]!];
  const finish = new Map<string, number>();
  const at = (code: string): number => {
    const known = finish.get(code);
    if (known !== undefined) return known;
    const item = items.find((i) => i.code === code)!;
    const value = Math.max(0, ...(item.after ?? []).map(at)) + latency(code);
    finish.set(code, value);
    return value;
  };
  return {
    items: items.map((i) => i.code),
    criticalPathMs: Math.max(...items.map((i) => at(i.code))),
    serialMs: items.reduce((sum, i) => sum + latency(i.code), 0),
  };
}

export interface ApprovalRow {
  readonly bundle: string;
  readonly items: number;
  readonly criticalPathMs: number;
  readonly serialMs: number;
  readonly runsMs: number[];
  readonly medianMs: number;
  /** Median time over the critical path: 1 is the best a dispatcher can do. */
  readonly overCriticalPath: number;
  /**
   * When each part was first seen accepted, and the payment first seen paid (`payment`), from handing in,
   * in ms (medians over the runs; read every 10 ms): where the time between the steps goes.
   */
  readonly seenMs?: Record<string, number>;
}

const ACCEPTED = new Set(['ACCEPTED', 'IN_REVIEW', 'APPROVED']);

/**
 * Scenario 4: for each bundle, the time from handing it in to every part accepted by its department,
 * with each stand-in taking a fixed time per submission and deciding on the spot (即办), so the
 * best possible is the bundle's critical path of submission latencies, and a serial dispatcher the sum.
 */
export async function parallelApproval(s: TestStack, options: { runs: number }): Promise<ApprovalRow[]> {
  for (const d of DEPARTMENT_KEYS) {
    await s.admin(d).reset();
    await s.admin(d).setFaults({ latencyMs: SUBMIT_LATENCY_MS[d], jitterMs: 0, onlyOps: SUBMIT_OPS });
    await s.admin(d).decideOnTheSpot(true);
  }
  const files = readdirSync(BUNDLES_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(BUNDLES_DIR, f), 'utf8')) as BundleFile);
  const rows: ApprovalRow[] = [];
  for (const file of files) {
    const dag = bundleDag(file);
    const runsMs: number[] = [];
    const seen: Record<string, number>[] = [];
    for (let run = 0; run < options.runs + 1; run++) {
      const prepared = await prepareApplication(s, population, file.code, 10 + run);
      const t0 = performance.now();
      const id = await submitPrepared(s, prepared);
      let elapsed = Number.NaN;
      const firstSeen: Record<string, number> = {};
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const r = await s.gql<{
          application: {
            parts: { itemCode: string; status: string; lastError: { code: string } | null }[];
            payment: { status: string } | null;
          };
        }>(
          'query A($id: ID!) { application(id: $id) { parts { itemCode status lastError { code } } payment { status } } }',
          { id },
          prepared.token,
        );
        const parts = r.data?.application.parts ?? [];
        const at = round(since(t0));
        for (const p of parts) if (ACCEPTED.has(p.status)) firstSeen[p.itemCode] ??= at;
        if (r.data?.application.payment?.status === 'PAID') firstSeen.payment ??= at;
        if (parts.some((p) => ['REJECTED', 'CANCELLED', 'DEAD_LETTERED'].includes(p.status)))
          throw new Error(`${file.code}: a part did not go through: ${JSON.stringify(parts)}`);
        if (parts.length === dag.items.length && parts.every((p) => ACCEPTED.has(p.status))) {
          elapsed = since(t0);
          break;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      if (Number.isNaN(elapsed)) throw new Error(`${file.code}: not every part was accepted within 60 s`);
      if (run > 0) {
        // the first of each bundle warms up
        runsMs.push(round(elapsed));
        seen.push(firstSeen);
      }
    }
    const medianMs = round(median(runsMs));
    rows.push({
      bundle: file.code,
      items: dag.items.length,
      criticalPathMs: dag.criticalPathMs,
      serialMs: dag.serialMs,
      runsMs,
      medianMs,
      overCriticalPath: round(medianMs / dag.criticalPathMs, 2),
      seenMs: Object.fromEntries(
        Object.keys(seen[0] ?? {}).map((k) => [k, round(median(seen.map((x) => x[k] ?? Number.NaN)))]),
      ),
    });
  }
  for (const d of DEPARTMENT_KEYS) await s.admin(d).reset();
  return rows;
}
