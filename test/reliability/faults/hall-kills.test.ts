import { setTimeout as sleep } from 'node:timers/promises';
import { rngFor } from '@onething/legacy-kit';
import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import { afterAll, describe, expect, it } from 'vitest';
import type { Department, TestStack } from '../../stack/support';
import { recordSection, rounds } from '../figures';
import { countAtStandIns, settle } from './exactly-once';
import { ended, SUBMIT_OPS, startFaultStack } from './fault-stack';
import { SteadyLoad } from './load';
import { Workload } from './workload';

/**
 * The hall killed with SIGKILL at random points of dispatch, again and again, while applications keep
 * coming: every application it answered as accepted must reach each of its departments exactly once,
 * counted at the stand-ins by each part's idempotency key — the non-idempotent registry included.
 */

const KILLS = rounds(20, 6);
const SEED = 20261122;

/**
 * Where a kill lands: while a department holds one of the hall's submissions (the call in flight); just
 * after a department answered one (the hall has the case number but may not have recorded it); or at a
 * random moment of the dispatcher's work (claiming, recording, polling, accepting a submission).
 */
type KillPoint = 'department holds a submission' | 'department just answered' | 'random moment';
const POINTS: readonly KillPoint[] = [
  'department holds a submission',
  'department just answered',
  'random moment',
];

/** Fast dispatch for tests: short leases, so the work of a killed process is taken over within seconds. */
const FAST = {
  POLL_INTERVAL_MS: '500',
  DISPATCH_LEASE_MS: '1500',
  DISPATCH_BACKOFF_MS: '100',
  DISPATCH_BACKOFF_MAX_MS: '1000',
  DISPATCH_CONCURRENCY: '4',
};

/** Watches the stand-ins' request logs for the hall's submissions. */
class SubmissionWatch {
  private readonly seen = new Map<Department, number>();

  constructor(private readonly s: TestStack) {}

  /** Marks everything logged so far as old. */
  async skipToNow(): Promise<void> {
    for (const d of DEPARTMENT_KEYS) {
      const log = await this.s.admin(d).requestLog(this.seen.get(d) ?? 0);
      if (log.length > 0) this.seen.set(d, log.at(-1)!.seq);
    }
  }

  /**
   * Waits until a submission logged from now on, at one of these departments, is in the state asked for;
   * answers its department.
   */
  async waitFor(
    outcome: 'pending' | 'ok',
    departments: readonly Department[],
    timeoutMs: number,
  ): Promise<Department | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const d of departments) {
        const log = await this.s.admin(d).requestLog(this.seen.get(d) ?? 0);
        if (log.some((e) => SUBMIT_OPS.includes(e.op) && e.outcome === outcome)) return d;
      }
      await sleep(5);
    }
    return undefined;
  }
}

describe('the hall killed at random points of dispatch', () => {
  let s: TestStack | undefined;
  afterAll(async () => {
    await s?.stop();
  });

  it(`loses and duplicates nothing though killed with SIGKILL ${KILLS} times`, async () => {
    s = await startFaultStack({ hallEnv: FAST });
    const stack = s;
    // Slow submissions: a department holds each for a while, so kills land while calls are in flight.
    for (const d of DEPARTMENT_KEYS)
      await stack.admin(d).setFaults({ latencyMs: 300, jitterMs: 400, onlyOps: SUBMIT_OPS });
    const hall = stack.stack.services.get('subgraph-hall')!;
    const workload = new Workload(stack);
    const load = new SteadyLoad(stack, workload, {
      queryEveryMs: 1_000,
      submitEveryMs: 1_000,
      mix: ['hall'],
    });
    await load.start();
    const watch = new SubmissionWatch(stack);
    const rng = rngFor(SEED, 'hall-kills');
    const kills: { point: KillPoint; department: Department | undefined; restartMs: number }[] = [];

    await sleep(3_000);
    for (let k = 0; k < KILLS; k++) {
      let point = rng.pick(POINTS);
      let department: Department | undefined;
      await watch.skipToNow();
      if (point === 'random moment') await sleep(rng.int(0, 3_000));
      else {
        // At a department drawn too, so that each (the registry above all) gets its share.
        const outcome = point === 'department holds a submission' ? 'pending' : 'ok';
        department =
          (await watch.waitFor(outcome, [rng.pick(DEPARTMENT_KEYS)], 30_000)) ??
          (await watch.waitFor(outcome, DEPARTMENT_KEYS, 10_000));
        // Nothing to land on (no work at that point): kill at once, and say so.
        if (!department) point = 'random moment';
      }
      const killedAt = Date.now();
      await hall.restart(); // SIGKILL, then the same process started again, ready
      kills.push({ point, department, restartMs: Date.now() - killedAt });
      // Let the restarted hall take up its work before the next kill.
      await sleep(rng.int(1_000, 4_000));
    }
    await load.stop();
    for (const d of DEPARTMENT_KEYS) await stack.admin(d).clearFaults();

    const views = await settle(stack, workload.accepted);
    const counted = await countAtStandIns(stack, workload.accepted, views);
    expect(counted.notApproved, 'parts that did not end approved').toEqual([]);
    expect(counted.lost, 'parts lost').toBe(0);
    expect(counted.cases, 'cases at the stand-ins, one per part accepted').toBe(counted.parts);
    expect(counted.duplicated, 'duplicate cases at the stand-ins').toBe(0);
    expect(counted.otherDuplicated, 'duplicate cases of submissions that got no answer').toBe(0);
    expect(counted.mismatched, 'parts recording another case than the department holds').toBe(0);
    expect(ended(stack), 'services that ended').toEqual([]);
    expect(kills).toHaveLength(KILLS);

    const unanswered = workload.refused.length;
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    recordSection({
      key: '11-hall-kills',
      title: 'The hall killed mid-dispatch',
      about: [
        `The hall process killed with SIGKILL ${KILLS} times and started again, while an application (a house transfer or a sole trader`,
        'start-up) is handed in every second and every department holds each submission for 300–700 ms. Each kill lands at a point',
        `drawn at random (seed ${SEED}): while a department holds one of the hall’s submissions, just after a department answered one`,
        '(the hall has the case number but may not have stored it), or at a random moment of its work. Counted at the stand-ins, once',
        'every application has come to an end: a part lost is one with no case; a duplicate is a second case under a part’s idempotency key.',
      ].join(' '),
      command:
        'RELIABILITY=full npx vitest run --project reliability test/reliability/faults/hall-kills.test.ts',
      rows: [
        ...POINTS.map((point) => {
          const at = kills.filter((k) => k.point === point);
          return {
            'kill point': point,
            kills: at.length,
            departments: DEPARTMENT_KEYS.map((d) => `${d} ${at.filter((k) => k.department === d).length}`)
              .filter((x) => !x.endsWith(' 0'))
              .join(', '),
            'applications accepted': null,
            'parts accepted': null,
            'cases at the stand-ins': null,
            lost: null,
            duplicated: null,
          };
        }),
        {
          'kill point': 'all',
          kills: kills.length,
          departments: null,
          'applications accepted': counted.applications,
          'parts accepted': counted.parts,
          'cases at the stand-ins': counted.cases,
          lost: counted.lost,
          duplicated: counted.duplicated + counted.otherDuplicated,
        },
      ],
      notes: [
        `The hall was ready again a median ${median(kills.map((k) => k.restartMs))} ms after each kill (started anew: bundles checked against the catalogues, store opened). ${unanswered} submissions got no answer because the hall was down at the time: not accepted, so not counted as lost; ${counted.otherCases} parts of them had been stored and were sent all the same (in the duplicate count too).`,
        'No defect found: the outbox, the leases and the idempotency keys (the registry’s lookup by reference before any resend) held at every kill point.',
        'Hall settings for the test: `DISPATCH_LEASE_MS=1500` (default 30 s, the wait before a killed process’s jobs are taken over), `POLL_INTERVAL_MS=500`, `DISPATCH_BACKOFF_MS=100`, `DISPATCH_BACKOFF_MAX_MS=1000`, `DISPATCH_CONCURRENCY=4`; the embedded PGlite store, as `npm start` runs it.',
      ],
    });
  }, 1_200_000);
});
