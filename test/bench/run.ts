import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freshPostgres } from '../../subgraphs/hall/test/databases';
import type { TestStack } from '../stack/support';
import {
  fixReadLatencies,
  residentByService,
  stackResidentMiB,
  startBenchStack,
  startStockGateway,
} from './bench-stack';
import { environment } from './environment';
import { knownPersons } from './persons';
import { type BenchResults, report } from './report';
import { writeReport } from './results-files';
import { parallelApproval } from './scenarios/approval';
import { noNPlusOne } from './scenarios/batching';
import { builtFootprint } from './scenarios/built-footprint';
import { durableSubmissions } from './scenarios/durable';
import { startAndIdle } from './scenarios/footprint';
import { catalogueGrowth, usersGrowth } from './scenarios/growth';
import { gatewayOverhead } from './scenarios/overhead';
import { gatewayThroughput } from './scenarios/throughput';
import { worstLegalRequest } from './scenarios/worst-request';

/**
 * `npm run bench`: starts the stack with the stand-ins at fixed latencies, runs each scenario, and writes
 * BENCHMARKS.md and benchmarks.json. `--quick` runs every scenario briefly (a smoke test of the bench,
 * figures not for keeping: bench-quick.*); `--only 1,3` runs some scenarios (bench-partial.*; 7 is the worst legal
 * request, 10 the growth curves);
 * `--report-only` writes BENCHMARKS.md again from benchmarks.json, measuring nothing.
 */
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'report-only': { type: 'boolean', default: false },
  },
});
const ROOT_DIR = fileURLToPath(new URL('../..', import.meta.url));
if (values['report-only']) {
  // BENCHMARKS.md again from the figures of the last full run (after editing findings.md, say).
  const kept = JSON.parse(readFileSync(`${ROOT_DIR}/benchmarks.json`, 'utf8')) as BenchResults;
  writeReport(`${ROOT_DIR}/BENCHMARKS.md`, report(kept));
  process.stdout.write('wrote BENCHMARKS.md from benchmarks.json\n');
  process.exit(0);
}
const quick = values.quick!;
const only = new Set((values.only ?? '1,2,3,4,5,6,7,10').split(',').map(Number));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const log = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

const P = quick
  ? {
      connections: 16,
      seconds: 3,
      runs: 1,
      overhead: 40,
      overheadRuns: 1,
      perSize: 3,
      approvalRuns: 1,
      durableSeconds: 8,
      applicants: 10,
      starts: 1,
      worstApplications: 6,
      worstRuns: 1,
      growthSeconds: 2,
      growthRuns: 1,
    }
  : {
      connections: 32,
      seconds: 10,
      runs: 5,
      overhead: 200,
      overheadRuns: 5,
      perSize: 20,
      approvalRuns: 5,
      durableSeconds: 60,
      applicants: 60,
      starts: 3,
      worstApplications: 60,
      worstRuns: 5,
      growthSeconds: 10,
      growthRuns: 3,
    };

async function withStack<T>(run: (s: TestStack) => Promise<T>, options = {}): Promise<T> {
  const s = await startBenchStack(options);
  try {
    return await run(s);
  } finally {
    await s.stop();
  }
}

const results: BenchResults = { environment: environment(), quick, parameters: P, failed: {} };
// Sections 8 and 9 are measured by their own commands (`npm run bench:dashboard`, `npm run bench:idle-cases`):
// a full run keeps their last figures.
if (!quick && existsSync(`${ROOT_DIR}/benchmarks.json`)) {
  const kept = JSON.parse(readFileSync(`${ROOT_DIR}/benchmarks.json`, 'utf8')) as BenchResults;
  if (kept.dashboard) results.dashboard = kept.dashboard;
  if (kept.idle) results.idle = kept.idle;
}

/** Runs one scenario; a failure is recorded (and shown in the report) and the other scenarios go on. */
async function scenario(key: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    const message = (e as Error).message;
    results.failed[key] = message.slice(0, 2_000);
    log(`scenario ${key} FAILED: ${message.split('\n')[0]}`);
  }
}

// 6 first, on a quiet machine: npm start to ready, and the stack idle.
if (only.has(6))
  await scenario('6', async () => {
    log(`scenario 6: npm start to ready, ${P.starts}×`);
    results.start = await startAndIdle({ runs: P.starts });
    log('scenario 6: the production build against tsx, to ready, idle and under load');
    results.footprint = {
      environment: environment(),
      ...(await builtFootprint({
        runs: P.starts,
        loadSeconds: P.seconds,
        connections: P.connections,
        say: log,
      })),
    };
  });

if (only.has(1) || only.has(2) || only.has(3) || only.has(10))
  await scenario('1–3', () =>
    withStack(async (s) => {
      await fixReadLatencies(s);
      const persons = await knownPersons(s, 200);
      results.stackIdleMiB = stackResidentMiB(s.stack);
      results.idleByService = residentByService(s.stack);
      // The stock gateway stands beside ours for scenarios 1 and 2.
      const stock = only.has(1) || only.has(2) || only.has(10) ? await startStockGateway(s) : undefined;
      try {
        if (only.has(1) && stock)
          await scenario('1', async () => {
            log(
              `scenario 1: gateway throughput, ${P.runs} runs of ${P.seconds} s, ${P.connections} connections`,
            );
            results.throughput = await gatewayThroughput(s, stock, persons, {
              connections: P.connections,
              durationSeconds: P.seconds,
              runs: P.runs,
            });
          });
        if (only.has(2))
          await scenario('2', async () => {
            log(
              `scenario 2: gateway overhead, ${P.overheadRuns} runs of ${P.overhead} requests one at a time`,
            );
            results.overhead = await gatewayOverhead(
              s,
              persons.slice(0, 20),
              { requests: P.overhead, runs: P.overheadRuns },
              stock?.url,
            );
          });
        if (only.has(10) && stock)
          await scenario('10', async () => {
            log(
              `scenario 10: growth with users, ${P.growthRuns} runs of ${P.growthSeconds} s per size and gateway`,
            );
            results.growthUsers = await usersGrowth(s, stock.url, persons, {
              seconds: P.growthSeconds,
              runs: P.growthRuns,
              say: log,
            });
          });
      } finally {
        await stock?.stack.stop();
      }
      if (only.has(3))
        await scenario('3', async () => {
          log(`scenario 3: no N+1, ${P.perSize} queries per size`);
          results.batching = await noNPlusOne(s, { sizes: [1, 10, 100], queriesPerSize: P.perSize });
        });
    }),
  );

if (only.has(10))
  await scenario('10 (catalogue)', async () => {
    log(
      `scenario 10: growth with the catalogue, ${P.growthRuns} runs of ${P.growthSeconds} s per size and query`,
    );
    results.growthCatalogue = await catalogueGrowth(
      async (bundlesDir) => {
        const s = await startBenchStack({ bundlesDir });
        // The hall's own start with this catalogue (every bundle checked), apart from the stack's.
        const hall = s.stack.services.get('subgraph-hall')!;
        await hall.kill('SIGTERM');
        const t0 = performance.now();
        await hall.restart();
        return { s, hallReadySeconds: Math.round((performance.now() - t0) / 100) / 10 };
      },
      { seconds: P.growthSeconds, runs: P.growthRuns, connections: P.connections, say: log },
    );
  });

if (only.has(4))
  await scenario('4', async () => {
    log(`scenario 4: parallel approval, ${P.approvalRuns} applications per bundle`);
    results.approval = await withStack((s) => parallelApproval(s, { runs: P.approvalRuns }));
  });

if (only.has(5))
  await scenario('5', async () => {
    const options = { seconds: P.durableSeconds, concurrency: 16, applicants: P.applicants };
    log(`scenario 5: durable submissions on PGlite, ${P.durableSeconds} s`);
    const pglite = await withStack((s) => durableSubmissions(s, 'pglite', options));
    log(`scenario 5: durable submissions on PostgreSQL, ${P.durableSeconds} s`);
    const pg = await freshPostgres();
    try {
      const postgresql = await withStack(
        (s) => durableSubmissions(s, 'postgresql', { ...options, databaseUrl: pg.url }),
        {
          hallDatabaseUrl: pg.url,
        },
      );
      results.durable = [pglite, postgresql];
    } finally {
      await pg.drop();
    }
  });

if (only.has(7))
  await scenario('7', async () => {
    log(
      `scenario 7: the worst legal request, ${P.worstRuns} runs, ${P.worstApplications} applications in the hall`,
    );
    results.worst = await withStack(async (s) => {
      await fixReadLatencies(s);
      return worstLegalRequest(s, { applications: P.worstApplications, runs: P.worstRuns });
    });
  });

// Only a full run of every scenario is kept: a quick or partial one writes beside it (ignored by git).
const partial = values.only !== undefined;
const [md, json] = quick
  ? ['bench-quick.md', 'bench-quick.json']
  : partial
    ? ['bench-partial.md', 'bench-partial.json']
    : ['BENCHMARKS.md', 'benchmarks.json'];
writeReport(`${ROOT}/${json}`, `${JSON.stringify(results, null, 2)}\n`);
writeReport(`${ROOT}/${md}`, report(results));
log(`wrote ${md} and ${json}`);
if (Object.keys(results.failed).length > 0) process.exitCode = 1;
