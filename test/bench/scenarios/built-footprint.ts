import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildService, SERVICE_ENTRIES } from '../../../scripts/service-build';
import type { RunningStack, StackOptions } from '../../../scripts/stack';
import { ensureWebBuilt } from '../../../scripts/web-build';
import { freshPostgres } from '../../../subgraphs/hall/test/databases';
import { startTestStack } from '../../stack/support';
import { fixReadLatencies, startBenchStack } from '../bench-stack';
import { load } from '../load';
import { BENCH_PERSONS, knownPersons, prefillRequests } from '../persons';
import { cpuMs, processTree, residentMiB, sampleEvery } from '../processes';
import { median, round } from '../stats';

/** One way of running the stack, started several times: to ready, and idle. */
export interface PathFigures {
  /** From the first service spawned to every service answering its ready URL, each run. */
  readonly readySeconds: number[];
  readonly medianReadySeconds: number;
  /**
   * CPU time every process of the stack had used when all were ready (user + system, from /proc), the
   * median run's: the cost of a start, which does not depend on what else the machine is doing, where the
   * time to ready does (on two idle cores a start takes about half of it).
   */
  readonly cpuSecondsToReady: number;
  /** Each service's CPU time to ready, in seconds (the median run's by memory). */
  readonly cpuByService: Record<string, number>;
  /** Every process of the stack (each service and whatever it keeps beside it), summed, 10 s after ready. */
  readonly idleMiB: number;
  readonly processes: number;
  /** Each service's process tree, idle, in MiB (the median run's). */
  readonly idleByService: Record<string, number>;
}

/** The built stack against the development one (tsx), and the built one under scenario 1's load. */
export interface BuiltFootprintFigures {
  readonly runs: number;
  readonly persons: number;
  /** `npm run build` of every service (esbuild), from nothing built. */
  readonly buildSeconds: number;
  readonly dev: PathFigures;
  readonly built: PathFigures;
  /** Built, the hall on PostgreSQL (as deployed) rather than the embedded PGlite; the server not counted. */
  readonly builtOnPostgres: PathFigures;
  /**
   * Built, each process's V8 young generation capped (NODE_OPTIONS=--max-semi-space-size=2, MiB): what
   * the heap keeps committed between collections, against more frequent scavenges.
   */
  readonly builtSmallYoungGeneration: PathFigures;
  /** The built bench stack while its gateway serves scenario 1's prefill query, the hall on PGlite. */
  readonly builtUnderLoad: LoadFigures;
  /** The same, the hall on PostgreSQL (as deployed). */
  readonly builtUnderLoadOnPostgres: LoadFigures;
}

/** A stack's memory while its gateway serves scenario 1's load. */
export interface LoadFigures {
  readonly seconds: number;
  readonly connections: number;
  readonly requestsPerSecond: number;
  readonly failures: number;
  readonly medianMiB: number;
  readonly maxMiB: number;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The CPU time each process of a stack and its descendants have used, in seconds, by service. */
const cpuSecondsByService = (stack: RunningStack): Record<string, number> =>
  Object.fromEntries(
    [...stack.services.values()].map((s) => [
      s.spec.name,
      processTree(s.process.pid!).reduce((sum, pid) => sum + cpuMs(pid), 0) / 1000,
    ]),
  );

/** The resident memory of every process of a stack and of each one's descendants, in MiB. */
function residentByServiceTree(stack: RunningStack): {
  total: number;
  processes: number;
  by: Record<string, number>;
} {
  const by: Record<string, number> = {};
  let total = 0;
  let processes = 0;
  for (const s of stack.services.values()) {
    const tree = processTree(s.process.pid!);
    const mib = tree.reduce((sum, pid) => sum + residentMiB(pid), 0);
    by[s.spec.name] = Math.round(mib);
    total += mib;
    processes += tree.length;
  }
  return { total, processes, by };
}

/** Starts the stack (built or not) as `npm start` sizes it, on free ports, `runs` times, one after another. */
async function startRuns(built: boolean, runs: number, options: StackOptions = {}): Promise<PathFigures> {
  const results: {
    seconds: number;
    cpu: Record<string, number>;
    idle: ReturnType<typeof residentByServiceTree>;
  }[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const s = await startTestStack({
      built,
      persons: BENCH_PERSONS,
      clockSpeed: 3600,
      logLevel: 'info',
      ...options,
    });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = cpuSecondsByService(s.stack);
    try {
      await sleep(10_000);
      results.push({ seconds, cpu, idle: residentByServiceTree(s.stack) });
    } finally {
      await s.stop();
    }
    await sleep(1_000); // its ports and files released
  }
  const byIdle = [...results].sort((a, b) => a.idle.total - b.idle.total);
  const mid = byIdle[Math.floor(byIdle.length / 2)]!;
  return {
    readySeconds: results.map((r) => round(r.seconds)),
    medianReadySeconds: round(median(results.map((r) => r.seconds))),
    cpuSecondsToReady: round(median(results.map((r) => sum(Object.values(r.cpu))))),
    cpuByService: Object.fromEntries(Object.entries(mid.cpu).map(([k, v]) => [k, round(v)])),
    idleMiB: round(median(results.map((r) => r.idle.total))),
    processes: results[0]!.idle.processes,
    idleByService: mid.idle.by,
  };
}

/**
 * Section 6, the production build: every service built from nothing (timed), then the whole stack started
 * from its build and through tsx, alternately, `runs` times each — to ready, and idle — and the built bench
 * stack under scenario 1's load (the prefill query, a different person each request).
 */
export async function builtFootprint(options: {
  runs: number;
  loadSeconds: number;
  connections: number;
  say: (line: string) => void;
}): Promise<BuiltFootprintFigures> {
  await ensureWebBuilt();
  const b0 = performance.now();
  await Promise.all(SERVICE_ENTRIES.map((e) => buildService(e)));
  const buildSeconds = round((performance.now() - b0) / 1000);
  options.say(`built every service in ${buildSeconds} s`);
  const dev: PathFigures[] = [];
  const built: PathFigures[] = [];
  // Alternately, one run at a time, so both see the same machine.
  for (let i = 0; i < options.runs; i++) {
    built.push(await startRuns(true, 1));
    options.say(
      `built stack: ready in ${built.at(-1)!.medianReadySeconds} s, idle ${built.at(-1)!.idleMiB} MiB`,
    );
    dev.push(await startRuns(false, 1));
    options.say(`tsx stack: ready in ${dev.at(-1)!.medianReadySeconds} s, idle ${dev.at(-1)!.idleMiB} MiB`);
  }
  const merge = (paths: PathFigures[]): PathFigures => {
    const mid = [...paths].sort((a, b) => a.idleMiB - b.idleMiB)[Math.floor(paths.length / 2)]!;
    return {
      readySeconds: paths.flatMap((p) => p.readySeconds),
      medianReadySeconds: round(median(paths.flatMap((p) => p.readySeconds))),
      cpuSecondsToReady: round(median(paths.map((p) => p.cpuSecondsToReady))),
      cpuByService: mid.cpuByService,
      idleMiB: round(median(paths.map((p) => p.idleMiB))),
      processes: paths[0]!.processes,
      idleByService: mid.idleByService,
    };
  };

  const pg = await freshPostgres();
  let builtOnPostgres: PathFigures;
  try {
    builtOnPostgres = await startRuns(true, 1, { hallDatabaseUrl: pg.url });
  } finally {
    await pg.drop();
  }
  options.say(`built stack, the hall on PostgreSQL: idle ${builtOnPostgres.idleMiB} MiB`);
  const builtSmallYoungGeneration = await startRuns(true, 1, {
    env: { NODE_OPTIONS: '--max-semi-space-size=2' },
  });
  options.say(`built stack, young generation capped: idle ${builtSmallYoungGeneration.idleMiB} MiB`);

  const builtUnderLoad = await underLoad({}, options);
  options.say(`built stack under load: ${builtUnderLoad.maxMiB} MiB at most`);
  const pgLoad = await freshPostgres();
  let builtUnderLoadOnPostgres: LoadFigures;
  try {
    builtUnderLoadOnPostgres = await underLoad({ hallDatabaseUrl: pgLoad.url }, options);
  } finally {
    await pgLoad.drop();
  }
  options.say(
    `built stack under load, the hall on PostgreSQL: ${builtUnderLoadOnPostgres.maxMiB} MiB at most`,
  );
  return {
    runs: options.runs,
    persons: BENCH_PERSONS,
    buildSeconds,
    dev: merge(dev),
    built: merge(built),
    builtOnPostgres,
    builtSmallYoungGeneration,
    builtUnderLoad,
    builtUnderLoadOnPostgres,
  };
}

/** The built bench stack's memory while its gateway serves scenario 1's prefill query. */
async function underLoad(
  stackOptions: StackOptions,
  options: { loadSeconds: number; connections: number },
): Promise<LoadFigures> {
  const s = await startBenchStack({ built: true, ...stackOptions });
  try {
    await fixReadLatencies(s);
    const requests = prefillRequests(await knownPersons(s, 200));
    const url = `${s.gatewayUrl}/graphql`;
    await load(url, requests, { connections: options.connections, durationSeconds: 3 }); // warm
    const sampler = sampleEvery(500, () => residentByServiceTree(s.stack).total);
    const r = await load(url, requests, {
      connections: options.connections,
      durationSeconds: options.loadSeconds,
    });
    const memory = sampler.stop();
    return {
      seconds: options.loadSeconds,
      connections: options.connections,
      requestsPerSecond: round(r.requestsPerSecond),
      failures: r.failures,
      medianMiB: round(median(memory)),
      maxMiB: round(Math.max(...memory)),
    };
  } finally {
    await s.stop();
  }
}
