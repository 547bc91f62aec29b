import { Counter, Gauge, type Registry } from 'prom-client';
import type { SupervisionFlag } from './calendar/working-days';
import type { DispatchOutcome } from './dispatch/dispatcher';
import type { Job, OutboxDepth } from './outbox/jobs';

/** Where the hall's gauges read the state of the store, when scraped. */
export interface HallMetricSources {
  readonly outbox: () => Promise<readonly OutboxDepth[]>;
  readonly deadLettered: () => Promise<ReadonlyMap<string, number>>;
  readonly flags: (
    asOf: Date,
  ) => Promise<readonly { department: string; flag: SupervisionFlag; parts: number }[]>;
}

interface Snapshot {
  readonly at: number;
  readonly outbox: readonly OutboxDepth[];
  readonly deadLettered: ReadonlyMap<string, number>;
  readonly flags: readonly { department: string; flag: SupervisionFlag; parts: number }[];
}

/**
 * The hall's own metrics, beside every subgraph's: the dispatch jobs it ran, and — read from the store
 * when scraped, at most once per `refreshMs` — the outbox's depth and lateness, the dead-lettered parts
 * and e-supervision's flags. The store's figures are the same from every hall process of a deployment:
 * aggregate them with max(), not sum(). A store that cannot be read leaves the last figures standing.
 */
export function hallMetrics(registry: Registry, sources: HallMetricSources, refreshMs = 15_000) {
  const dispatched = new Counter({
    name: 'onething_hall_dispatch_jobs_total',
    help: 'Dispatch jobs run by this hall process, by kind (submit, correct, poll) and outcome.',
    labelNames: ['kind', 'outcome'],
    registers: [registry],
  });
  let last: Snapshot | undefined;
  let reading: Promise<Snapshot | undefined> | undefined;
  const snapshot = (): Promise<Snapshot | undefined> => {
    if (last && Date.now() - last.at < refreshMs) return Promise.resolve(last);
    reading ??= (async () => {
      try {
        const now = new Date();
        const [outbox, deadLettered, flags] = await Promise.all([
          sources.outbox(),
          sources.deadLettered(),
          sources.flags(now),
        ]);
        last = { at: Date.now(), outbox, deadLettered, flags };
      } catch {
        // The store is away (STORE_UNAVAILABLE elsewhere): the last figures stand until it is back.
      } finally {
        reading = undefined;
      }
      return last;
    })();
    return reading;
  };
  new Gauge({
    name: 'onething_hall_outbox_jobs',
    help: 'Open dispatch jobs in the outbox, by kind and state: leased (being run), due (waiting for a worker), scheduled (a retry, a poll, later).',
    labelNames: ['kind', 'state'],
    registers: [registry],
    async collect() {
      const s = await snapshot();
      if (!s) return;
      this.reset();
      for (const d of s.outbox) this.set({ kind: d.kind, state: d.state }, d.jobs);
    },
  });
  new Gauge({
    name: 'onething_hall_outbox_oldest_due_seconds',
    help: 'How long the oldest due job (not leased) has waited for a worker; 0 when none waits.',
    registers: [registry],
    async collect() {
      const s = await snapshot();
      if (!s) return;
      const due = s.outbox.filter((d) => d.state === 'due').map((d) => d.oldestRunAt.getTime());
      this.set(due.length ? Math.max(0, (s.at - Math.min(...due)) / 1000) : 0);
    },
  });
  new Gauge({
    name: 'onething_hall_dead_lettered_parts',
    help: 'Parts dead-lettered (given up after their retries), waiting for window staff, by department.',
    labelNames: ['department'],
    registers: [registry],
    async collect() {
      const s = await snapshot();
      if (!s) return;
      this.reset();
      for (const [department, parts] of s.deadLettered) this.set({ department }, parts);
    },
  });
  new Gauge({
    name: 'onething_hall_supervision_flags',
    help: 'Open parts e-supervision flags today (电子监察): YELLOW one working day left, RED overdue, by department.',
    labelNames: ['department', 'flag'],
    registers: [registry],
    async collect() {
      const s = await snapshot();
      if (!s) return;
      this.reset();
      for (const f of s.flags) this.set({ department: f.department, flag: f.flag }, f.parts);
    },
  });
  return {
    /** Counts a dispatch job's outcome. */
    dispatched: (kind: Job['kind'], outcome: DispatchOutcome) => dispatched.inc({ kind, outcome }),
  };
}
