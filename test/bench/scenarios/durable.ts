import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import pg from 'pg';
import {
  confirmSale,
  HOUSE_TRANSFER_UPLOADS,
  houseTransferParties,
  houseTransferValues,
  unitOfSeller,
  uploadMaterial,
} from '../../../scripts/house-transfer-form';
import type { TestStack } from '../../stack/support';
import { population } from '../persons';
import { cpuMs, postgresCpu, residentMiB, sampleEvery } from '../processes';
import { median, round } from '../stats';

const codeOf = (e: { message?: string; extensions?: Record<string, unknown> }) =>
  String(e.extensions?.code ?? e.message ?? 'error').slice(0, 80);

/** The operations creating the cases of a house transfer's first parts: the deed tax and the fund withdrawal. */
const FIRST_PARTS = { tax: 'cases.submit', fund: 'ywsl' } as const;

export interface DurableFigures {
  readonly engine: 'pglite' | 'postgresql';
  readonly seconds: number;
  readonly concurrency: number;
  /** Applications the hall answered as stored, and applications per second over the run. */
  readonly stored: number;
  readonly storedPerSecond: number;
  /**
   * Parts (each application's first two: the deed tax and the fund withdrawal) sent to and accepted by
   * their departments during the run, counted at the stand-ins, and parts per second.
   */
  readonly dispatchedDuringRun: number;
  readonly dispatchedPerSecond: number;
  /** Time after the run until every stored application's first parts were at their departments. */
  readonly drainSeconds: number;
  /** Checked at the end: stored applications missing from the hall, parts without exactly one case. */
  readonly lost: number;
  readonly duplicated: number;
  /** Submissions answered with problems of the form (no application stored). */
  readonly refused: number;
  /** Submissions answered with GraphQL errors (or no answer), and their codes with how many of each. */
  readonly errors: number;
  readonly errorCodes?: Record<string, number>;
  /** The hall's resident memory during the run, sampled every half second, in MiB. */
  readonly hallMiB?: { readonly median: number; readonly max: number };
  /** Each process's CPU time during the run per application stored, in ms (from /proc). */
  readonly cpuMsPerApplication?: Record<string, number>;
  /**
   * On PostgreSQL, the server's side of the run per application stored: its processes' CPU (in ms, from
   * /proc) and the hall database's transactions committed and rows written (`pg_stat_database`).
   */
  readonly postgres?: {
    readonly cpuMs: number;
    readonly commits: number;
    readonly rowsInserted: number;
    readonly rowsUpdated: number;
    readonly rowsDeleted: number;
    /** Rows read by sequential scans, by table, and index entries read, by index (the largest first), per application. */
    readonly seqScanned?: Record<string, number>;
    readonly indexFetched?: Record<string, number>;
  };
}

/** The five tables whose counter grew most, by how much (per application). */
const largest = (before: Map<string, number>, after: Map<string, number>, per: (n: number) => number) =>
  Object.fromEntries(
    [...after]
      .map(([t, n]) => [t, per(n - (before.get(t) ?? 0))] as const)
      .filter(([, n]) => n >= 1)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5),
  );

/** The hall database's counters (`pg_stat_database`; the statistics collector reports them within a second). */
async function databaseCounters(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('select pg_stat_clear_snapshot()');
    const r = await c.query<Record<string, string>>(
      'select xact_commit, tup_inserted, tup_updated, tup_deleted from pg_stat_database where datname = current_database()',
    );
    const row = r.rows[0]!;
    const tables = await c.query<{ relname: string; seq: string }>(
      'select relname, coalesce(seq_tup_read, 0) as seq from pg_stat_user_tables',
    );
    const indexes = await c.query<{ indexrelname: string; idx: string }>(
      'select indexrelname, idx_tup_read as idx from pg_stat_user_indexes',
    );
    return {
      commits: Number(row.xact_commit),
      rowsInserted: Number(row.tup_inserted),
      rowsUpdated: Number(row.tup_updated),
      rowsDeleted: Number(row.tup_deleted),
      seq: new Map(tables.rows.map((t) => [t.relname, Number(t.seq)])),
      idx: new Map(indexes.rows.map((t) => [t.indexrelname, Number(t.idx)])),
    };
  } finally {
    await c.end();
  }
}

/**
 * Scenario 5: house transfers handed in as fast as `concurrency` applicants can for `seconds`, the hall
 * storing each with its dispatch work and sending the deed tax and the fund withdrawal to their
 * departments meanwhile; at the end every stored application is read back and every part's case counted.
 */
export async function durableSubmissions(
  s: TestStack,
  engine: DurableFigures['engine'],
  options: {
    seconds: number;
    concurrency: number;
    applicants: number;
    /** Called as the run's load starts and as it ends (the profiler cuts its window there). */
    window?: { begin(): void; end(): void };
    /** The hall's PostgreSQL database, whose server side of the run is then measured too. */
    databaseUrl?: string;
  },
): Promise<DurableFigures> {
  for (const d of DEPARTMENT_KEYS) await s.admin(d).reset();
  // Applicants ready beforehand, each with their scans uploaded once: the run measures handing in.
  const pairs = houseTransferParties(population);
  const applicants: { token: string; input: Record<string, unknown> }[] = [];
  for (let n = 0; n < options.applicants; n++) {
    const p = pairs(n);
    const token = await s.customToken({ role: 'applicant', name: p.buyer.name, id_number: p.buyer.idNumber });
    // The seller confirms the sale first, as every house transfer starts.
    const confirmation = await confirmSale(
      s.gatewayUrl,
      await s.customToken({ role: 'applicant', name: p.seller.name, id_number: p.seller.idNumber }),
      unitOfSeller(population, p.seller.idNumber),
      p.buyer.idNumber,
    );
    const materials = [];
    for (const m of HOUSE_TRANSFER_UPLOADS)
      materials.push({ id: m.id, uploadId: await uploadMaterial(s.gatewayUrl, token, m.file, m.name) });
    applicants.push({
      token,
      input: {
        bundleCode: 'HOUSE-TRANSFER',
        values: houseTransferValues(population, p.buyer.idNumber, p.seller.idNumber, {
          'seller.confirmation': confirmation,
        }),
        materials,
      },
    });
  }
  const casesNow = async () => {
    let n = 0;
    for (const [d, op] of Object.entries(FIRST_PARTS))
      n += (await s.admin(d as keyof typeof FIRST_PARTS).counts()).byOp[op] ?? 0;
    return n;
  };
  for (const d of DEPARTMENT_KEYS) await s.admin(d).resetCounts();

  const stored: { id: string; token: string }[] = [];
  let refused = 0;
  let errors = 0;
  const errorCodes: Record<string, number> = {};
  let next = 0;
  const end = Date.now() + options.seconds * 1000;
  const worker = async () => {
    while (Date.now() < end) {
      const a = applicants[next++ % applicants.length]!;
      const r = await s.gql<{ submitApplication: { application: { id: string } | null } }>(
        'mutation S($i: ApplicationInput!) { submitApplication(input: $i) { application { id } problems { field code } } }',
        { i: a.input },
        a.token,
      );
      const id = r.data?.submitApplication.application?.id;
      if (r.errors?.length || !r.data) {
        // An answer with errors is a failure even where it carries an id: counted apart, never as stored.
        errors++;
        for (const c of new Set((r.errors ?? [{ message: `HTTP ${r.status}` }]).map(codeOf)))
          errorCodes[c] = (errorCodes[c] ?? 0) + 1;
      } else if (id) stored.push({ id, token: a.token });
      else refused++;
    }
  };
  const services = [...s.stack.services.values()].map((x) => ({ name: x.spec.name, pid: x.process.pid }));
  const hallPid = s.stack.services.get('subgraph-hall')?.process.pid;
  const countersBefore = options.databaseUrl ? await databaseCounters(options.databaseUrl) : undefined;
  options.window?.begin();
  const server = options.databaseUrl ? postgresCpu() : undefined;
  const cpuBefore = services.map((x) => cpuMs(x.pid));
  const hallMemory = sampleEvery(500, () => residentMiB(hallPid));
  const started = Date.now();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const runSeconds = (Date.now() - started) / 1000;
  const hallSamples = hallMemory.stop();
  const cpuMsPerApplication = Object.fromEntries(
    services.map((x, i) => [x.name, round((cpuMs(x.pid) - cpuBefore[i]!) / Math.max(1, stored.length), 2)]),
  );
  const serverCpuMs = server?.stop() ?? 0;
  options.window?.end();
  // The statistics collector sends a backend's counters at most every half second, after its transaction.
  await new Promise((r) => setTimeout(r, 1_000));
  const countersAfter = options.databaseUrl ? await databaseCounters(options.databaseUrl) : undefined;
  const per = (n: number) => round(n / Math.max(1, stored.length), 2);
  const postgres =
    countersBefore && countersAfter
      ? {
          cpuMs: per(serverCpuMs),
          commits: per(countersAfter.commits - countersBefore.commits),
          rowsInserted: per(countersAfter.rowsInserted - countersBefore.rowsInserted),
          rowsUpdated: per(countersAfter.rowsUpdated - countersBefore.rowsUpdated),
          rowsDeleted: per(countersAfter.rowsDeleted - countersBefore.rowsDeleted),
          seqScanned: largest(countersBefore.seq, countersAfter.seq, per),
          indexFetched: largest(countersBefore.idx, countersAfter.idx, per),
        }
      : undefined;
  const dispatchedDuringRun = await casesNow();

  // Drain: every stored application's two first parts at their departments.
  const drainStart = Date.now();
  while ((await casesNow()) < stored.length * 2 && Date.now() - drainStart < 300_000)
    await new Promise((r) => setTimeout(r, 250));
  const drainSeconds = (Date.now() - drainStart) / 1000;

  // Nothing lost, nothing twice: each stored application is there with a case for each first part, and
  // the departments hold no case but those.
  const atDepartments = new Set<string>();
  let casesThere = 0;
  for (const [d, item] of [
    ['tax', 'TAX-DEED-TAX'],
    ['fund', 'FUND-PURCHASE-WITHDRAWAL'],
  ] as const) {
    const cases = await s.admin(d).cases({ item });
    casesThere += cases.length;
    for (const c of cases) atDepartments.add(c.caseNumber);
  }
  let lost = 0;
  const recorded = new Set<string>();
  for (const a of stored) {
    const r = await s.gql<{
      application: { parts: { department: string; caseNumber: string | null }[] } | null;
    }>(
      'query A($id: ID!) { application(id: $id) { parts { department caseNumber } } }',
      { id: a.id },
      a.token,
    );
    const parts = r.data?.application?.parts.filter((p) => p.department === 'TAX' || p.department === 'FUND');
    if (parts?.length !== 2) {
      lost += 2 - (parts?.length ?? 0);
      continue;
    }
    for (const p of parts) {
      if (!p.caseNumber || !atDepartments.has(p.caseNumber)) lost++;
      else recorded.add(p.caseNumber);
    }
  }
  const duplicated = casesThere - recorded.size;
  return {
    engine,
    seconds: round(runSeconds),
    concurrency: options.concurrency,
    stored: stored.length,
    storedPerSecond: round(stored.length / runSeconds),
    dispatchedDuringRun,
    dispatchedPerSecond: round(dispatchedDuringRun / runSeconds),
    drainSeconds: round(drainSeconds),
    lost,
    duplicated,
    refused,
    errors,
    errorCodes,
    hallMiB: { median: round(median(hallSamples)), max: round(Math.max(...hallSamples)) },
    cpuMsPerApplication,
    ...(postgres ? { postgres } : {}),
  };
}
