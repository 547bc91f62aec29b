import { setTimeout as sleep } from 'node:timers/promises';
import type { TestStack } from '../../stack/support';
import { type AnswerRecord, ask, type QueryName, readerToken } from './answers';
import type { BundleKind, Workload } from './workload';

export interface LoadOptions {
  /** A query is sent every this many ms, whether the ones before were answered or not. */
  readonly queryEveryMs: number;
  /** An application is handed in every this many ms (0: none), alternating the two bundles. */
  readonly submitEveryMs: number;
  /** The queries, in the order they are sent. */
  readonly mix?: readonly QueryName[];
  /** Requests in flight at most: past it, arrivals wait (a stuck stack must not pile up without end). */
  readonly maxInFlight?: number;
}

/** The queries of the mixed load, in the order they are sent. */
export const MIX: readonly QueryName[] = ['person', 'hall', 'person', 'catalogues'];

/**
 * A steady load of mixed queries and submissions against the gateway, as many front ends send them:
 * requests arrive at a steady rate whether earlier ones were answered or not (a slow department does not
 * slow the arrivals down), until stopped. Every answer is recorded with its times, every submission in the
 * workload.
 */
export class SteadyLoad {
  readonly answers: AnswerRecord[] = [];
  /** Every application handed in: when its applicant began (token, uploads, form) and whether it was accepted. */
  readonly submissions: { readonly startedAt: number; readonly endedAt: number; readonly ok: boolean }[] = [];
  private running = false;
  private readonly inFlight = new Set<Promise<unknown>>();
  private loops: Promise<void>[] = [];

  constructor(
    private readonly s: TestStack,
    private readonly workload: Workload,
    private readonly options: LoadOptions,
  ) {}

  private async arrive(everyMs: number, send: (i: number) => Promise<unknown>): Promise<void> {
    const max = this.options.maxInFlight ?? 60;
    for (let i = 0, next = Date.now(); this.running; i++) {
      while (this.inFlight.size >= max && this.running) await sleep(20);
      const request = send(i).finally(() => this.inFlight.delete(request));
      this.inFlight.add(request);
      next += everyMs;
      await sleep(Math.max(0, next - Date.now()));
    }
  }

  async start(): Promise<void> {
    const token = await readerToken(this.s);
    const mix = this.options.mix ?? MIX;
    this.running = true;
    this.loops.push(
      this.arrive(this.options.queryEveryMs, async (i) => {
        this.answers.push(await ask(this.s, mix[i % mix.length]!, token));
      }),
    );
    if (this.options.submitEveryMs > 0) {
      const kinds: BundleKind[] = ['house-transfer', 'sole-trader'];
      this.loops.push(
        this.arrive(this.options.submitEveryMs, async (i) => {
          const startedAt = Date.now();
          const { ok } = await this.workload.submit(kinds[i % 2]!);
          this.submissions.push({ startedAt, endedAt: Date.now(), ok });
        }),
      );
    }
  }

  /** Stops sending and waits for the requests in flight. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    this.loops = [];
    await Promise.allSettled([...this.inFlight]);
  }

  /** Answers to requests sent between two instants. */
  between(from: number, to: number): AnswerRecord[] {
    return this.answers.filter((a) => a.startedAt >= from && a.startedAt < to);
  }
}
