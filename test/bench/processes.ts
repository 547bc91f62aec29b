import { readdirSync, readFileSync } from 'node:fs';

/** Resident memory of a process in MiB, from /proc (0 when it is gone). */
export function residentMiB(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

/** The resident memory of a set of processes, summed, in MiB. */
export const totalResidentMiB = (pids: readonly (number | undefined)[]): number =>
  pids.reduce((sum: number, pid) => sum + residentMiB(pid), 0);

/** The pids of a process and all its descendants (from /proc), for a process tree such as `npm start`. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

/** Samples a memory figure every `everyMs` until stopped; answers the samples. */
export function sampleEvery(everyMs: number, read: () => number): { stop(): number[] } {
  const samples: number[] = [read()];
  const timer = setInterval(() => samples.push(read()), everyMs);
  return {
    stop() {
      clearInterval(timer);
      samples.push(read());
      return samples;
    },
  };
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (0 when it is gone). */
export function cpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** The PostgreSQL server's processes on this machine (postmaster, backends, workers), from /proc. */
export function postgresPids(): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/comm`, 'utf8').trim() === 'postgres') out.push(Number(name));
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/**
 * A meter of the PostgreSQL server's CPU from now: backends that started meanwhile count whole, those that
 * ended meanwhile are lost (a connection pool keeps its backends, so little is).
 */
export function postgresCpu(): { stop(): number } {
  const before = new Map(postgresPids().map((pid) => [pid, cpuMs(pid)]));
  return {
    stop: () => postgresPids().reduce((sum, pid) => sum + cpuMs(pid) - (before.get(pid) ?? 0), 0),
  };
}
