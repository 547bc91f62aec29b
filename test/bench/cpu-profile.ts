import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reading V8's CPU profiles (`node --cpu-prof`): where a process spent its CPU within a window of time,
 * by function and by the library the function belongs to. V8 stamps a profile's samples on the machine's
 * monotonic clock (CLOCK_MONOTONIC, in µs), the clock `process.hrtime` reads in any process, so a window
 * measured by the process that made the load selects the samples of that load in every other process.
 */

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
}
/** A `.cpuprofile` as V8 writes it. */
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** The window of the load, on the monotonic clock, in µs. */
export interface Window {
  readonly fromUs: number;
  readonly toUs: number;
}

/** Now on the monotonic clock V8's profiles use, in µs. */
export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

/** One function's share of a process's CPU in the window. */
export interface Frame {
  readonly name: string;
  /** Where it is: the library (npm package, `node:` internals, the bundle of ours) and file:line. */
  readonly where: string;
  readonly library: string;
  readonly selfMs: number;
  /** Of the process's CPU in the window, in percent. */
  readonly percent: number;
}

export interface ProcessProfile {
  /** CPU the process spent in the window (from /proc), in ms. */
  readonly cpuMs: number;
  /** Garbage collection, in ms (part of cpuMs). */
  readonly gcMs: number;
  readonly topFrames: Frame[];
  /** Self time summed by library, largest first. */
  readonly libraries: { library: string; selfMs: number; percent: number }[];
}

/** The library a script belongs to: an npm package, Node's own code, the engine, or ours. */
export function libraryOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName === '(garbage collector)') return '(garbage collector)';
    if (functionName === '(program)') return '(program: native, outside JavaScript)';
    return '(native)';
  }
  if (url.startsWith('node:')) return 'node internals';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  // Our own code: a service's bundle (dist/main.js) or its TypeScript source under tsx.
  const ours = /\/(gateway|idp|runtime|schema|legacy\/\w+|subgraphs\/\w+|adapters\/\w+)\/(dist|src)\//.exec(
    url,
  );
  return ours ? `ours: ${ours[1]}` : 'other';
}

const IDLE = '(idle)';

/**
 * What a profile's samples inside `window` spent, by function (top `top`) and by library. A sample stands
 * for the time until the next, which is wall time: a process the machine's other work keeps waiting is
 * still sampled in the code it was preempted in. So the shares come from the samples and the time from
 * the kernel: `cpuMs`, the process's CPU in the window read from /proc, is shared out among the
 * functions by their samples (none of it to idle).
 */
export function summarise(profile: CpuProfile, window: Window, cpuMs: number, top = 15): ProcessProfile {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const selfUs = new Map<string, { frame: CallFrame; us: number }>();
  const libraryUs = new Map<string, number>();
  let total = 0;
  let gc = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    // A sample stands for the time until the next one.
    const us = profile.timeDeltas[i + 1] ?? 0;
    if (at < window.fromUs || at > window.toUs) continue;
    const frame = byId.get(profile.samples[i]!);
    if (!frame || frame.functionName === IDLE) continue;
    total += us;
    if (frame.functionName === '(garbage collector)') gc += us;
    const key = `${frame.functionName}|${frame.url}|${frame.lineNumber}`;
    const entry = selfUs.get(key) ?? { frame, us: 0 };
    entry.us += us;
    selfUs.set(key, entry);
    const library = libraryOf(frame.url, frame.functionName);
    libraryUs.set(library, (libraryUs.get(library) ?? 0) + us);
  }
  const ms = (us: number) => (total ? Math.round((10 * cpuMs * us) / total) / 10 : 0);
  const percent = (us: number) => (total ? Math.round((1000 * us) / total) / 10 : 0);
  const topFrames = [...selfUs.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map(({ frame, us }) => ({
      name: frame.functionName || '(anonymous)',
      library: libraryOf(frame.url, frame.functionName),
      where: frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '',
      selfMs: ms(us),
      percent: percent(us),
    }));
  const libraries = [...libraryUs]
    .sort((a, b) => b[1] - a[1])
    .map(([library, us]) => ({ library, selfMs: ms(us), percent: percent(us) }));
  return { cpuMs: Math.round(cpuMs), gcMs: ms(gc), topFrames, libraries };
}

/** A script's URL as read in a table: from node_modules or the repository, not the machine's root. */
function shortUrl(url: string): string {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) return url.slice(modules + '/node_modules/'.length);
  const repo = /\/(gateway|idp|runtime|schema|legacy|subgraphs|adapters)\/.*$/.exec(url);
  return repo ? repo[0].slice(1) : url;
}

/**
 * The profiles `node --cpu-prof --cpu-prof-dir=<dir>` wrote, by the pid in their names
 * (`CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`).
 */
export function profilesByPid(dir: string): Map<number, CpuProfile> {
  const found = new Map<number, CpuProfile>();
  for (const file of readdirSync(dir)) {
    const m = /^CPU\.\d+\.\d+\.(\d+)\.0\.\d+\.cpuprofile$/.exec(file);
    if (m) found.set(Number(m[1]), JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile);
  }
  return found;
}
