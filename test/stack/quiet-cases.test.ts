import { generatePopulation } from '@onething/legacy-kit';
import type { HallSubgraph } from '@onething/subgraph-hall';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareApplication, submitPrepared } from './bundle-applications';
import { eventually } from './house-transfer';
import { type InProcessStack, startInProcessTestStack } from './in-process';

/**
 * Dispatch at scale (issue 22): a case its department has not changed is read less and less often (each
 * unchanged read doubles the wait, POLL_INTERVAL_MS up to POLL_MAX_INTERVAL_MS), and a read that fails —
 * the department down, its adapter's breaker open — counts as an unchanged one: a department in trouble
 * is not asked more often than one that answers "no change". The decision still comes through at once by
 * the department's signed callback. The hall runs in this process so the test can read its poll job.
 */
const population = generatePopulation({ seed: 20261122, persons: 2000 });
const INTERVAL_MS = 200;

describe('a quiet case is read less and less often', () => {
  let s: InProcessStack;
  let hall: HallSubgraph;
  let partId: string;
  let caseNumber: string;
  let token: string;
  let applicationId: string;

  const pollJob = async () => (await hall.jobs.open(partId, 'poll')) ?? null;
  const quietOf = (job: { payload: Record<string, unknown> } | null) => Number(job?.payload.quiet ?? 0);
  const part = async () => {
    const r = await s.gql<{
      application: { parts: { id: string; status: string; caseNumber: string | null }[] };
    }>(
      'query A($id: ID!) { application(id: $id) { parts { id status caseNumber } } }',
      { id: applicationId },
      token,
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data!.application.parts[0]!;
  };

  beforeAll(async () => {
    s = await startInProcessTestStack({
      hallEnv: {
        POLL_INTERVAL_MS: String(INTERVAL_MS),
        POLL_MAX_INTERVAL_MS: '600000',
        // The dispatch backoff is short, so a wait a failed read keeps is the quiet case's, not this one.
        DISPATCH_BACKOFF_MS: '20',
        DISPATCH_BACKOFF_MAX_MS: '50',
      },
    });
    hall = s.service<HallSubgraph>('subgraph-hall');
    const prepared = await prepareApplication(s, population, 'SOLE-TRADER', 0);
    token = prepared.token;
    applicationId = await submitPrepared(s, prepared);
    const accepted = await eventually(part, (p) => p.status === 'ACCEPTED', 'the registration accepted');
    partId = accepted.id;
    caseNumber = accepted.caseNumber!;
  }, 180_000);

  afterAll(async () => {
    await s?.stop();
  });

  it('waits twice as long after each read that finds the case unchanged', async () => {
    const job = await eventually(pollJob, (j) => quietOf(j) >= 3, 'three unchanged reads');
    // Scheduled from the moment of the third read: at most 200 ms × 2³ from now, and the attempts clean.
    expect(job!.attempts).toBe(0);
    expect(job!.runAt.getTime() - Date.now()).toBeLessThanOrEqual(INTERVAL_MS * 2 ** quietOf(job));
    expect((await part()).status).toBe('ACCEPTED');
  });

  it('counts a failed read as an unchanged one, so a failing department is not asked more often', async () => {
    const before = (await pollJob())!;
    await s.admin('market').setFaults({ errorRate: 1, onlyOps: ['applications.get'] });
    try {
      // Each failed read (an attempt) adds one to the quiet count with it: the wait keeps doubling. Before,
      // a failed read was retried on the dispatch backoff (50 ms here), the quiet count left as it was.
      const failed = await eventually(
        pollJob,
        (j) => (j?.attempts ?? 0) >= before.attempts + 2,
        'two failed reads',
        60_000,
      );
      expect(quietOf(failed) - quietOf(before)).toBe(failed!.attempts - before.attempts);
      expect(failed!.runAt.getTime() - Date.now()).toBeLessThanOrEqual(INTERVAL_MS * 2 ** quietOf(failed));
      const log = await s.admin('market').requestLog();
      expect(log.some((r) => r.op === 'applications.get' && r.outcome === 'fault')).toBe(true);
    } finally {
      await s.admin('market').clearFaults();
    }
  });

  it('still sees a decision at once: the department’s callback brings the read forward', async () => {
    // The department answers again (its adapter's breaker closed: a read went through unchanged), and
    // the next read is seconds away.
    const cleared = (await pollJob())!;
    const waiting = (await eventually(
      pollJob,
      (j) =>
        j !== null &&
        j.attempts === cleared.attempts &&
        quietOf(j) > quietOf(cleared) &&
        j.runAt.getTime() - Date.now() >= 4_000,
      'a read that went through, the next seconds away',
      60_000,
    ))!;
    await s.admin('market').decide(caseNumber, { outcome: 'approved' });
    await eventually(part, (p) => p.status === 'APPROVED', 'the registration approved', 60_000);
    // Seen before the read the backoff had scheduled: the callback brought it forward.
    expect(Date.now()).toBeLessThan(waiting.runAt.getTime());
    expect(await pollJob()).toBeNull();
  });
});
