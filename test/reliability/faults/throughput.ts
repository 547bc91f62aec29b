import type { TestStack } from '../../stack/support';
import { type AnswerRecord, ask, judge, type QueryName } from './answers';
import { MIX } from './load';

/** What a closed loop of clients got through in a while: answers, whole ones per second, latencies. */
export interface Throughput {
  readonly answers: number;
  readonly whole: number;
  /** Whole answers per second of the measurement. */
  readonly perSecond: number;
  /** Latency of the whole answers, median and 95th percentile (ms). */
  readonly p50: number;
  readonly p95: number;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/**
 * As many of the mixed load's queries as `clients` clients get answered in `durationMs`, each sending its
 * next as soon as the last is answered (a closed loop: the system's capacity, not an arrival rate).
 */
export async function saturate(
  s: TestStack,
  token: string,
  clients: number,
  durationMs: number,
  mix: readonly QueryName[] = MIX,
): Promise<Throughput> {
  const answers: AnswerRecord[] = [];
  const started = Date.now();
  const until = started + durationMs;
  let sent = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) answers.push(await ask(s, mix[sent++ % mix.length]!, token));
    }),
  );
  const elapsed = Date.now() - started;
  const whole = answers.filter((a) => judge(a, undefined, new Set()) === 'complete');
  const latencies = whole.map((a) => a.endedAt - a.startedAt).sort((a, b) => a - b);
  return {
    answers: answers.length,
    whole: whole.length,
    perSecond: Math.round((whole.length / elapsed) * 10_000) / 10,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
  };
}
