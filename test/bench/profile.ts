import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureServicesBuilt } from '../../scripts/service-build';
import { freshPostgres } from '../../subgraphs/hall/test/databases';
import { fixReadLatencies, startBenchStack } from './bench-stack';
import { monotonicUs, type ProcessProfile, profilesByPid, summarise } from './cpu-profile';
import { environment } from './environment';
import { load } from './load';
import { knownPersons, prefillRequests } from './persons';
import { cpuMs } from './processes';
import { writeReport } from './results-files';
import { durableSubmissions } from './scenarios/durable';

/**
 * `npm run profile -- <scenario>`: where each process of the stack spends its CPU under a scenario's
 * load. Every service runs under `node --cpu-prof`; the samples of the load's window are summed per
 * function and per library, and the top frames of every process written to
 * test/bench/results/profile-<scenario>.md (the command that made it at its head). The stack is the built
 * one (`npm run build`, as deployed) unless `--tsx`.
 *
 * Scenarios: `prefill` — scenario 1's load (the prefill query of 200 persons through our gateway, 32
 * connections), the stand-ins answering after their fixed latencies; `durable` — scenario 5's load on
 * PostgreSQL (house transfers handed in by 16 applicants at once, the hall dispatching their first parts),
 * CPU per application stored.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: 'string', default: '30' },
    // A sample every 5 ms: at V8's default of 1 ms, fifteen profiled processes spend more on being
    // sampled than on the load (the whole stack's CPU per request read 10× the benchmark's).
    interval: { type: 'string', default: '5000' },
    connections: { type: 'string', default: '32' },
    top: { type: 'string', default: '15' },
    tsx: { type: 'boolean', default: false },
  },
});
const SCENARIOS = ['prefill', 'durable'] as const;
type Scenario = (typeof SCENARIOS)[number];
const scenario = (positionals[0] ?? 'prefill') as Scenario;
if (!SCENARIOS.includes(scenario)) {
  process.stderr.write(`unknown scenario "${scenario}": one of ${SCENARIOS.join(', ')}\n`);
  process.exit(2);
}
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const built = !values.tsx;
/** What the CPU is counted per. */
const unit = scenario === 'durable' ? 'application' : 'request';
const say = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

const measuredOn = environment();
if (built) {
  const rebuilt = await ensureServicesBuilt();
  if (rebuilt.length) say(`built ${rebuilt.length} services`);
}
const dir = mkdtempSync(join(tmpdir(), 'onething-profile-'));
// Scenario 5 runs the hall on PostgreSQL, as deployed and as its target is set.
const database = scenario === 'durable' ? await freshPostgres() : undefined;
const s = await startBenchStack({
  built,
  ...(database ? { hallDatabaseUrl: database.url } : {}),
  // `--interval 0`: no profiler, the CPU per request alone (what profiling costs is the difference).
  ...(Number(values.interval) > 0
    ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-interval=${values.interval}`] }
    : {}),
});
const pids = new Map([...s.stack.services.values()].map((x) => [x.process.pid!, x.spec.name]));
/** What was answered whole in the window (requests, or applications stored), and the load's line. */
let answered = 0;
let summary = '';
let cpuInWindow = new Map<number, number>();
/** The PostgreSQL server's CPU in the window (scenario `durable`): not a process of the stack, not profiled. */
let serverCpuMs: number | undefined;
const window = { fromUs: 0, toUs: 0 };
let cpuBefore = new Map<number, number>();
const begin = () => {
  cpuBefore = new Map([...pids.keys()].map((pid) => [pid, cpuMs(pid)]));
  window.fromUs = monotonicUs();
};
const end = () => {
  window.toUs = monotonicUs();
  cpuInWindow = new Map([...pids.keys()].map((pid) => [pid, cpuMs(pid) - cpuBefore.get(pid)!]));
};
try {
  if (scenario === 'prefill') {
    await fixReadLatencies(s);
    const persons = await knownPersons(s, 200);
    const requests = prefillRequests(persons);
    // Warm: the engines' code compiled, the pools open, before the window.
    say('warming up, 5 s');
    await load(`${s.gatewayUrl}/graphql`, requests, { connections, durationSeconds: 5 });
    say(`profiling ${scenario}: ${seconds} s, ${connections} connections`);
    begin();
    const run = await load(`${s.gatewayUrl}/graphql`, requests, { connections, durationSeconds: seconds });
    end();
    answered = run.requests - run.failures;
    summary = `scenario 1's prefill query of 200 persons through our gateway, ${connections} connections, after a 5 s warm-up; ${run.requests} requests (${run.requestsPerSecond} req/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms), ${run.failures} failed${Object.keys(run.errorCodes).length ? ` (${JSON.stringify(run.errorCodes)})` : ''}`;
  } else {
    // No warm-up run: the departments would hold its cases, and the window's check counts them. The
    // window's first seconds therefore include compiling the hall's code.
    say(`profiling ${scenario}: ${seconds} s, 16 applicants at once`);
    const run = await durableSubmissions(s, 'postgresql', {
      seconds,
      concurrency: 16,
      applicants: 60,
      window: { begin, end },
      databaseUrl: database!.url,
    });
    answered = run.stored;
    const server = run.postgres;
    if (server) serverCpuMs = server.cpuMs * run.stored;
    summary = `scenario 5's house transfers on PostgreSQL, 16 applicants at once, no warm-up; ${run.stored} applications stored (${run.storedPerSecond}/s), ${run.dispatchedDuringRun} parts dispatched in the window (${run.dispatchedPerSecond}/s), the hall at ${run.hallMiB?.max} MiB at most; lost ${run.lost}, duplicated ${run.duplicated}, refused ${run.refused}, answered with errors ${run.errors}${server ? `; the database, per application: ${server.commits} transactions committed, ${server.rowsInserted} rows inserted, ${server.rowsUpdated} updated, ${server.rowsDeleted} deleted (\`pg_stat_database\`), index entries read ${JSON.stringify(server.indexFetched)} and read by sequential scans ${JSON.stringify(server.seqScanned)} (\`pg_stat_user_tables\`), the PostgreSQL server's processes ${server.cpuMs} ms of CPU (the row postgresql below; not profiled)` : ''}`;
  }
  say(summary);
  // Profiles are written as each process exits.
  await s.stop();
  const profiles = new Map<string, ProcessProfile>();
  for (const [pid, profile] of profilesByPid(dir)) {
    const name = pids.get(pid);
    if (name) profiles.set(name, summarise(profile, window, cpuInWindow.get(pid) ?? 0, Number(values.top)));
  }
  if (Number(values.interval) === 0)
    for (const [pid, name] of pids)
      profiles.set(name, { cpuMs: cpuInWindow.get(pid) ?? 0, gcMs: 0, topFrames: [], libraries: [] });
  if (serverCpuMs !== undefined)
    profiles.set('postgresql', { cpuMs: serverCpuMs, gcMs: 0, topFrames: [], libraries: [] });
  const missing = [...pids.values()].filter((n) => !profiles.has(n));
  const file = `test/bench/results/profile-${scenario}.md`;
  writeReport(file, render(profiles, missing));
  say(`wrote ${file}`);
} finally {
  await s.stop().catch(() => {});
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
}

function render(profiles: Map<string, ProcessProfile>, missing: string[]): string {
  const perRequest = (ms: number) => (answered ? Math.round((100 * ms) / answered) / 100 : 0);
  const ordered = [...profiles].sort((a, b) => b[1].cpuMs - a[1].cpuMs);
  const total = ordered.reduce((sum, [, p]) => sum + p.cpuMs, 0);
  const lines = [
    `# Where the CPU goes: ${scenario}`,
    '',
    `Written by \`npm run profile -- ${scenario}${values.tsx ? ' --tsx' : ''}\` on ${measuredOn.date.slice(0, 16)} UTC at ${measuredOn.commit}, ${measuredOn.cpu}, Node ${measuredOn.node}; the ${built ? 'built' : 'development (tsx)'} stack, every service under \`node --cpu-prof\` (a sample every ${Number(values.interval) / 1000} ms), the samples of a ${seconds} s window of load summed.`,
    '',
    `Load: ${summary}. CPU per ${unit} is the process's CPU in the window (user and system time from /proc) over the ${answered} ${unit === 'request' ? 'requests answered whole' : 'applications stored'}, the profiler's own cost in it; it is shared out among libraries and functions by their samples (V8 samples on wall time, so a share is of the samples taken while the process was not idle).`,
    '',
    `| process | CPU ms / ${unit} | of which GC | first library | its share |`,
    '| --- | --- | --- | --- | --- |',
    ...ordered.map(([name, p]) => {
      const first = p.libraries.find((l) => !l.library.startsWith('('));
      return `| ${name} | ${perRequest(p.cpuMs)} | ${perRequest(p.gcMs)} | ${first?.library ?? '—'} | ${first ? `${first.percent} %` : '—'} |`;
    }),
    `| the whole stack | ${perRequest(total)} | | | |`,
    '',
    ...(missing.length ? [`No profile was written by: ${missing.join(', ')}.`, ''] : []),
  ];
  for (const [name, p] of ordered) {
    if (p.cpuMs === 0 || p.topFrames.length === 0) continue;
    lines.push(
      `## ${name}`,
      '',
      `${perRequest(p.cpuMs)} ms a${unit === 'application' ? 'n' : ''} ${unit} (${p.cpuMs} ms in the window).`,
      '',
      `| library | self ms / ${unit} | share |`,
      '| --- | --- | --- |',
      ...p.libraries.slice(0, 10).map((l) => `| ${l.library} | ${perRequest(l.selfMs)} | ${l.percent} % |`),
      '',
      `| function | where | self ms / ${unit} | share |`,
      '| --- | --- | --- | --- |',
      ...p.topFrames.map(
        (f) =>
          `| ${f.name.replaceAll('|', '\\|')} | ${f.where ? `\`${f.where.replaceAll('|', '\\|')}\`` : f.library} | ${perRequest(f.selfMs)} | ${f.percent} % |`,
      ),
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}
