import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Watches a department's circuit breaker from outside, as an operator would: the subgraph's
 * `onething_legacy_breaker_open` gauge on its /metrics (0 closed, 0.5 half-open, 1 open), sampled every
 * `everyMs`. The figures "time to open" and "time to recover" are read from these samples.
 */
export class BreakerWatch {
  readonly samples: { at: number; value: number }[] = [];
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly subgraphUrl: string,
    private readonly department: string,
    private readonly everyMs = 100,
  ) {}

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const value = await this.read().catch(() => undefined);
        if (value !== undefined) this.samples.push({ at: Date.now(), value });
        await sleep(this.everyMs);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** The gauge now (0 before the breaker ever changed). */
  async read(): Promise<number> {
    const text = await (
      await fetch(`${this.subgraphUrl}/metrics`, { signal: AbortSignal.timeout(5_000) })
    ).text();
    const line = text
      .split('\n')
      .find(
        (l) => l.startsWith('onething_legacy_breaker_open{') && l.includes(`department="${this.department}"`),
      );
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
  }

  /** The first sample at or after `from` (and before `to`) that satisfies `test`. */
  first(from: number, test: (value: number) => boolean, to = Number.POSITIVE_INFINITY) {
    return this.samples.find((s) => s.at >= from && s.at < to && test(s.value));
  }

  /** Whether the breaker was seen open between two instants. */
  openedBetween(from: number, to: number): boolean {
    return this.first(from, (v) => v === 1, to) !== undefined;
  }

  /** The last sample before an instant. */
  last(before: number) {
    return this.samples.filter((s) => s.at < before).at(-1);
  }
}
