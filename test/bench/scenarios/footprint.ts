import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { processTree, totalResidentMiB } from '../processes';
import { median, round } from '../stats';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface StartFigures {
  readonly runs: number;
  /** From `npm start` spawned to its "Ready" line (every service answering, the demo prepared). */
  readonly readySeconds: number[];
  readonly medianReadySeconds: number;
  /** The whole process tree of `npm start`, idle 10 s after ready. */
  readonly idleMiB: number;
  readonly processes: number;
}

/** One `npm start`, timed to ready, its memory read while idle, then stopped as Ctrl-C would. */
async function startOnce(): Promise<{ seconds: number; idleMiB: number; processes: number }> {
  const t0 = performance.now();
  const child = spawn('npm', ['start'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (b: Buffer) => {
    output += b.toString();
  });
  child.stderr.on('data', (b: Buffer) => {
    output += b.toString();
  });
  try {
    const deadline = Date.now() + 180_000;
    while (!output.includes('Ready in')) {
      if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output}`);
      if (Date.now() > deadline) throw new Error(`npm start was not ready within 180 s:\n${output}`);
      await sleep(50);
    }
    const seconds = (performance.now() - t0) / 1000;
    await sleep(10_000);
    const tree = processTree(child.pid!);
    return { seconds, idleMiB: totalResidentMiB(tree), processes: tree.length };
  } finally {
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // the group has ended already
      }
    };
    const exited = new Promise((r) => child.once('exit', r));
    signalGroup('SIGINT');
    await Promise.race([exited, sleep(20_000)]);
    signalGroup('SIGKILL'); // anything left of the group
    await sleep(1_000); // its ports free again
  }
}

/** Scenario 6 (start and idle): `npm start` to ready, and what the whole stack holds in memory idle. */
export async function startAndIdle(options: { runs: number }): Promise<StartFigures> {
  const runs = [];
  for (let i = 0; i < options.runs; i++) runs.push(await startOnce());
  return {
    runs: options.runs,
    readySeconds: runs.map((r) => round(r.seconds)),
    medianReadySeconds: round(median(runs.map((r) => r.seconds))),
    idleMiB: round(median(runs.map((r) => r.idleMiB))),
    processes: runs[0]!.processes,
  };
}
