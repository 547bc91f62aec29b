import { currentTraceParent } from '@onething/runtime/tracing';
import { type Selectable, sql } from 'kysely';
import type { Database } from '../platform/database';
import type { DispatchJobTable } from '../platform/schema';
import type { Queryable } from '../platform/unit-of-work';

/**
 * What a job does: send a part, send its correction, read its case back; or, on a payment's anchor part,
 * make and follow the payment's order (`pay`) and make the refunds it owes (`refund`); on an application's
 * first part, post its results and follow the waybill (`post`).
 */
export type JobKind = 'submit' | 'correct' | 'poll' | 'pay' | 'refund' | 'post' | 'documents';

/** Open jobs of a kind in one state: leased (being run), due (waiting for a worker), scheduled (later). */
export interface OutboxDepth {
  readonly kind: JobKind;
  readonly state: 'leased' | 'due' | 'scheduled';
  readonly jobs: number;
  /** When the earliest of them was due. */
  readonly oldestRunAt: Date;
}

export interface Job {
  readonly id: number;
  readonly partId: string;
  readonly kind: JobKind;
  readonly payload: Record<string, unknown>;
  readonly attempts: number;
  readonly runAt: Date;
  /** The trace context (`traceparent`) of the request that made the work, which its dispatch links to. */
  readonly traceParent: string | null;
}

const toJob = (r: Selectable<DispatchJobTable>): Job => ({
  id: r.id,
  partId: r.part_id,
  kind: r.kind as JobKind,
  payload: r.payload,
  attempts: r.attempts,
  runAt: new Date(r.run_at),
  traceParent: r.trace_parent,
});

/**
 * Adds a job, in the transaction of what it is for; a part has at most one open job of a kind, so enqueuing
 * again only moves it earlier. The only insert into the outbox: applications and dispatch both come here.
 * The job keeps the trace context of the work that made it (`traceParent`: by default the request being
 * handled, while tracing is on), so its dispatch is linked to that request, even after a restart.
 */
export async function enqueue(
  tx: Queryable,
  partId: string,
  kind: JobKind,
  runAt: Date,
  payload: Record<string, unknown> = {},
  now = new Date(),
  traceParent: string | null | undefined = currentTraceParent(),
): Promise<void> {
  await tx
    .insertInto('dispatch_jobs')
    .values({
      part_id: partId,
      kind,
      payload: JSON.stringify(payload),
      run_at: runAt,
      attempts: 0,
      created_at: now,
      trace_parent: traceParent ?? null,
    })
    .onConflict((oc) =>
      oc
        .columns(['part_id', 'kind'])
        .where('done_at', 'is', null)
        .doUpdateSet((eb) => ({
          run_at: eb.fn('least', ['dispatch_jobs.run_at', eb.ref('excluded.run_at')]),
        })),
    )
    .execute();
}

/**
 * The dispatch work (the outbox): jobs written in the same transactions as what they are for, claimed by
 * one worker at a time under a lease. A worker that dies loses its lease and the job is claimed again —
 * which is safe because every department call carries the part's idempotency key.
 */
export class JobQueue {
  constructor(
    private readonly db: Database,
    readonly worker: string,
  ) {}

  /**
   * Claims up to `limit` due jobs for `leaseMs`; concurrent claimers skip each other's rows. The work that
   * moves an application on comes first, the reads of cases being decided (`poll`) after it: a backlog of
   * reads (thousands of young cases read every few seconds) does not hold submissions back.
   */
  async claim(limit: number, leaseMs: number, now = new Date()): Promise<Job[]> {
    if (limit <= 0) return [];
    const first = await this.claimDue(limit, leaseMs, now, 'first');
    if (first.length >= limit) return first;
    return [...first, ...(await this.claimDue(limit - first.length, leaseMs, now, 'poll'))];
  }

  private async claimDue(limit: number, leaseMs: number, now: Date, which: 'first' | 'poll'): Promise<Job[]> {
    const rows = await this.db
      .updateTable('dispatch_jobs')
      .set({ lease_owner: this.worker, lease_until: new Date(now.getTime() + leaseMs) })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('dispatch_jobs')
          .select('id')
          .where('done_at', 'is', null)
          .where('kind', which === 'poll' ? '=' : '<>', 'poll')
          .where('run_at', '<=', now)
          .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<', now)]))
          .orderBy('run_at')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .execute();
    return rows.map(toJob);
  }

  /** Whether this worker still holds the job (locks it for the rest of the transaction). */
  async holds(tx: Queryable, jobId: number): Promise<boolean> {
    const row = await tx
      .selectFrom('dispatch_jobs')
      .select('id')
      .where('id', '=', jobId)
      .where('lease_owner', '=', this.worker)
      .where('done_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    return row !== undefined;
  }

  async complete(tx: Queryable, jobId: number, now = new Date()): Promise<void> {
    await tx
      .updateTable('dispatch_jobs')
      .set({ done_at: now, lease_owner: null, lease_until: null })
      .where('id', '=', jobId)
      .execute();
  }

  /** Gives up the job with an error (it stays in the table, for the dead-letter view and a retry). */
  async fail(tx: Queryable, jobId: number, error: string, now = new Date()): Promise<void> {
    await tx
      .updateTable('dispatch_jobs')
      .set({ done_at: now, last_error: error, lease_owner: null, lease_until: null })
      .where('id', '=', jobId)
      .execute();
  }

  /** Runs the job again at `runAt` (counting an attempt when it failed). */
  async reschedule(
    tx: Queryable,
    jobId: number,
    runAt: Date,
    failure?: string,
    payload?: Record<string, unknown>,
  ): Promise<void> {
    await tx
      .updateTable('dispatch_jobs')
      .set((eb) => ({
        run_at: runAt,
        lease_owner: null,
        lease_until: null,
        ...(failure !== undefined ? { attempts: eb('attempts', '+', 1), last_error: failure } : {}),
        ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
      }))
      .where('id', '=', jobId)
      .execute();
  }

  /**
   * Asks for a read of a part's case soon, coalescing: the part's poll runs at most `coalesceMs` from now
   * (sooner if it was due sooner), so every nudge within the window is answered by one read.
   */
  async nudge(partId: string, coalesceMs: number, now = new Date(), kind: JobKind = 'poll'): Promise<void> {
    await enqueue(this.db, partId, kind, new Date(now.getTime() + coalesceMs), {}, now);
  }

  /** How much work is open, by kind and state (metrics: the outbox's depth and how late it runs). */
  async depth(now = new Date()): Promise<OutboxDepth[]> {
    const state = sql<
      OutboxDepth['state']
    >`case when lease_until is not null and lease_until >= ${now} then 'leased' when run_at <= ${now} then 'due' else 'scheduled' end`;
    const rows = await this.db
      .selectFrom('dispatch_jobs')
      .select((eb) => [
        'kind',
        state.as('state'),
        eb.fn.countAll<string | number>().as('jobs'),
        eb.fn.min('run_at').as('oldest'),
      ])
      .where('done_at', 'is', null)
      // By position: the state's expression, repeated, would hold other parameters and not match.
      .groupBy([sql`1`, sql`2`])
      .execute();
    return rows.map((r) => ({
      kind: r.kind as JobKind,
      state: r.state,
      jobs: Number(r.jobs),
      oldestRunAt: new Date(r.oldest as Date | string),
    }));
  }

  /** A part's open job of a kind, if it has one (at most one: see {@link enqueue}). */
  async open(partId: string, kind: JobKind): Promise<Job | undefined> {
    const r = await this.db
      .selectFrom('dispatch_jobs')
      .selectAll()
      .where('part_id', '=', partId)
      .where('kind', '=', kind)
      .where('done_at', 'is', null)
      .executeTakeFirst();
    return r ? toJob(r) : undefined;
  }

  /** The last failed job of a part (to retry a dead-lettered part as it failed). */
  async lastFailed(partId: string): Promise<Job | undefined> {
    const r = await this.db
      .selectFrom('dispatch_jobs')
      .selectAll()
      .where('part_id', '=', partId)
      .where('kind', 'in', ['submit', 'correct', 'poll'])
      .where('last_error', 'is not', null)
      .where('done_at', 'is not', null)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return r ? toJob(r) : undefined;
  }
}
