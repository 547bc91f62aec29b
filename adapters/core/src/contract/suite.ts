import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DepartmentAdapter } from '../domain';
import { AdapterError, type AdapterErrorCode } from '../errors';
import type { CallEvent } from '../hooks';
import { describeFeeContract } from './fees';
import type { AdapterContractSpec, ContractClientSettings, SystemUnderTest } from './types';

const SETTINGS: ContractClientSettings = {
  timeoutMs: 400,
  maxResponseBytes: 1024 * 1024,
  retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 },
  breaker: { windowSize: 10, minimumCalls: 4, failureRatio: 0.5, openMs: 300 },
};

async function codeOf(promise: Promise<unknown>): Promise<AdapterErrorCode | 'resolved' | string> {
  try {
    await promise;
    return 'resolved';
  } catch (e) {
    return e instanceof AdapterError ? e.code : `untyped: ${String(e)}`;
  }
}

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > deadline) return v;
    await sleep(25);
  }
}

/**
 * The adapter contract: what every department adapter must do against its system, asserted by what the
 * system received. Call it from a test file of the adapter with the adapter's spec.
 */
export function describeAdapterContract<A extends DepartmentAdapter, R>(
  spec: AdapterContractSpec<A, R>,
): void {
  const { reads, submission } = spec;

  describe(`${spec.department} adapter contract`, () => {
    let system: SystemUnderTest;
    let adapter: A;
    let events: CallEvent[];
    const make = (overrides: Partial<ContractClientSettings> = {}) => {
      events = [];
      return spec.adapter(system.url, { ...SETTINGS, ...overrides }, { onCall: (e) => events.push(e) });
    };
    const calls = async (op: string) => (await system.control.counts()).byOp[op] ?? 0;
    let seq = 0;
    const newKey = () => `contract-${spec.department}-${process.pid}-${Date.now()}-${++seq}`;

    beforeAll(async () => {
      system = await spec.start();
    });
    afterAll(async () => {
      await system?.stop();
    });
    beforeEach(async () => {
      await system.control.up();
      await system.control.clearFaults();
      await system.control.resetCounts();
      adapter = make();
    });
    afterEach(() => adapter.close());

    describe('reads', () => {
      it('reads a record by key, in domain terms', async () => {
        const [key] = reads.keys(1);
        const record = await reads.loader(adapter).load(key!);
        expect(record).not.toBeNull();
        reads.check(key!, record!);
      });

      it('answers null for a key the system does not hold', async () => {
        expect(await reads.loader(adapter).load(reads.missingKey)).toBeNull();
      });

      it('refuses a malformed key with INVALID_INPUT, without calling the system', async () => {
        expect(await codeOf(reads.loader(adapter).load(reads.invalidKey))).toBe('INVALID_INPUT');
        expect(await calls(reads.op)).toBe(0);
      });
    });

    describe('batching', () => {
      const sizes = [...new Set([1, reads.batchLimit, reads.batchLimit + 1, 100])].filter((n) => n <= 100);
      it.each(sizes)('%i keys cost ⌈N / batch limit⌉ calls at the system', async (n) => {
        const keys = reads.keys(n);
        const records = await reads.loader(adapter).loadMany(keys);
        expect(records.filter((r) => r === null || r instanceof Error)).toEqual([]);
        expect(await calls(reads.op)).toBe(Math.ceil(n / reads.batchLimit));
      });

      it('reads a key asked for many times in one request once', async () => {
        const [key] = reads.keys(1);
        const loader = reads.loader(adapter);
        await Promise.all([loader.load(key!), loader.load(key!), loader.loadMany([key!, key!])]);
        expect(await calls(reads.op)).toBe(1);
      });
    });

    describe('timeouts and retries', () => {
      it('gives DEPARTMENT_TIMEOUT when the system answers too late', async () => {
        await system.control.setFaults({ latencyMs: SETTINGS.timeoutMs + 600, onlyOps: [reads.op] });
        expect(await codeOf(reads.loader(adapter).load(reads.keys(1)[0]!))).toBe('DEPARTMENT_TIMEOUT');
      });

      it('retries a failed read and succeeds', async () => {
        await system.control.setFaults({ failNext: 2, onlyOps: [reads.op] });
        expect(await reads.loader(adapter).load(reads.keys(1)[0]!)).not.toBeNull();
        expect(await calls(reads.op)).toBe(3);
      });

      it('gives up after its retries with DEPARTMENT_UNAVAILABLE', async () => {
        await system.control.setFaults({ errorRate: 1, onlyOps: [reads.op] });
        expect(await codeOf(reads.loader(adapter).load(reads.keys(1)[0]!))).toBe('DEPARTMENT_UNAVAILABLE');
        expect(await calls(reads.op)).toBe(1 + SETTINGS.retry.retries);
      });

      it('never retries a submission', async () => {
        await system.control.setFaults({ failNext: 1, onlyOps: [submission.op] });
        expect(await codeOf(adapter.submitCase(submission.sample(newKey())))).toBe('DEPARTMENT_UNAVAILABLE');
        expect(await calls(submission.op)).toBe(1);
      });
    });

    describe('circuit breaker', () => {
      it('opens after repeated failures, stops calling, and closes when the system recovers', async () => {
        adapter = make({ retry: { ...SETTINGS.retry, retries: 0 } });
        await system.control.setFaults({ errorRate: 1, onlyOps: [reads.op] });
        const [key] = reads.keys(1);
        for (let i = 0; i < SETTINGS.breaker.minimumCalls; i++)
          await codeOf(reads.loader(adapter).load(key!));
        const before = await calls(reads.op);
        expect(before).toBe(SETTINGS.breaker.minimumCalls);
        for (let i = 0; i < 5; i++)
          expect(await codeOf(reads.loader(adapter).load(key!))).toBe('DEPARTMENT_UNAVAILABLE');
        expect(await calls(reads.op)).toBe(before); // open: nothing reached the system
        // …and says when the next trial will be let through, so callers can wait rather than spend a try.
        const refused = await reads
          .loader(adapter)
          .load(key!)
          .catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(AdapterError);
        expect((refused as AdapterError).details.retryAfterSeconds).toBe(1);
        expect(events.at(-1)?.breaker).toBe('open');

        await system.control.clearFaults();
        await sleep(SETTINGS.breaker.openMs + 20);
        expect(await reads.loader(adapter).load(key!)).not.toBeNull(); // the trial call
        expect(await reads.loader(adapter).load(key!)).not.toBeNull();
        expect(await calls(reads.op)).toBe(before + 2);
        expect(events.at(-1)?.breaker).toBe('closed');
      });
    });

    describe('idempotent submission', () => {
      it('makes one case for the same key submitted twice', async () => {
        const key = newKey();
        const first = await adapter.submitCase(submission.sample(key));
        const second = await adapter.submitCase(submission.sample(key));
        expect(second.caseNumber).toBe(first.caseNumber);
        expect(first.status).toBe('ACCEPTED');
        expect(await system.control.cases({ ref: key })).toHaveLength(1);
      });

      it('makes one case when the answer was lost and the submission is retried with the same key', async () => {
        const key = newKey();
        await system.control.setFaults({
          malformedRate: 1,
          malformedKind: 'truncated',
          onlyOps: [submission.op],
        });
        // A typed error, or the case itself where the adapter recovers by looking it up by its key.
        expect(['MALFORMED_RESPONSE', 'resolved']).toContain(
          await codeOf(adapter.submitCase(submission.sample(key))),
        );
        expect(await system.control.cases({ ref: key })).toHaveLength(1); // it did reach the system
        await system.control.clearFaults();
        const retried = await adapter.submitCase(submission.sample(key));
        const held = await system.control.cases({ ref: key });
        expect(held.map((c) => c.caseNumber)).toEqual([retried.caseNumber]);
      });

      it('makes one case when the submission timed out and is retried with the same key', async () => {
        const key = newKey();
        await system.control.setFaults({ latencyMs: SETTINGS.timeoutMs + 300, onlyOps: [submission.op] });
        expect(await codeOf(adapter.submitCase(submission.sample(key)))).toBe('DEPARTMENT_TIMEOUT');
        // The system finishes the case after the adapter gave up; the retry must find it, not make another.
        await until(
          () => system.control.cases({ ref: key }),
          (c) => c.length > 0,
        );
        await system.control.clearFaults();
        const retried = await adapter.submitCase(submission.sample(key));
        const held = await system.control.cases({ ref: key });
        expect(held.map((c) => c.caseNumber)).toEqual([retried.caseNumber]);
      });

      it('finds a case by its key, and null for a key that never reached the system', async () => {
        const key = newKey();
        const sample = submission.sample(key);
        const made = await adapter.submitCase(sample);
        expect((await adapter.findCase(sample.itemCode, key))?.caseNumber).toBe(made.caseNumber);
        expect(await adapter.findCase(sample.itemCode, newKey())).toBeNull();
      });

      it('reports a submitted case by its number', async () => {
        const made = await adapter.submitCase(submission.sample(newKey()));
        const state = await adapter.getCase(made.caseNumber);
        expect(state).toMatchObject({ caseNumber: made.caseNumber, department: spec.department });
        expect(['ACCEPTED', 'IN_REVIEW', 'APPROVED', 'REJECTED', 'CORRECTION_REQUESTED']).toContain(
          state?.status,
        );
        expect(Number.isNaN(Date.parse(state!.acceptedAt))).toBe(false);
      });

      it('says whose case it is, as the system holds it: submitted, by number and by key', async () => {
        // The subgraphs show a case to the hall only when it acts for this applicant.
        const key = newKey();
        const sample = submission.sample(key);
        const whose = sample.applicant.idNumber;
        const made = await adapter.submitCase(sample);
        expect(made.applicantIdNumber).toBe(whose);
        expect((await adapter.getCase(made.caseNumber))?.applicantIdNumber).toBe(whose);
        expect((await adapter.findCase(sample.itemCode, key))?.applicantIdNumber).toBe(whose);
      });
    });

    describe('error mapping', () => {
      it('maps a refusal by the system’s rules to DEPARTMENT_REJECTED with its own code and message', async () => {
        const err = await adapter.submitCase(submission.rejected(newKey())).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(AdapterError);
        expect((err as AdapterError).code).toBe('DEPARTMENT_REJECTED');
        expect((err as AdapterError).department).toBe(spec.department);
        expect((err as AdapterError).details.departmentCode).toBeTruthy();
        expect((err as AdapterError).details.departmentMessage).toBeTruthy();
      });

      it('maps a system that is down to DEPARTMENT_UNAVAILABLE, for reads and submissions', async () => {
        await system.control.down();
        expect(await codeOf(reads.loader(adapter).load(reads.keys(1)[0]!))).toBe('DEPARTMENT_UNAVAILABLE');
        expect(await codeOf(adapter.submitCase(submission.sample(newKey())))).toBe('DEPARTMENT_UNAVAILABLE');
        await system.control.up();
        expect(await reads.loader(make()).load(reads.keys(1)[0]!)).not.toBeNull();
      });

      it('maps reset connections to DEPARTMENT_UNAVAILABLE', async () => {
        await system.control.setFaults({ resetConnections: true });
        expect(await codeOf(reads.loader(adapter).load(reads.keys(1)[0]!))).toBe('DEPARTMENT_UNAVAILABLE');
      });

      it('answers null for a case number the system does not know', async () => {
        const made = await adapter.submitCase(submission.sample(newKey()));
        expect(await adapter.getCase(`${made.caseNumber}9`)).toBeNull();
      });

      it('lists the items, with fields and materials in domain terms', async () => {
        const items = await adapter.listItems();
        expect(items.length).toBeGreaterThan(0);
        for (const item of items) {
          expect(item.department).toBe(spec.department);
          expect(item.fields.length).toBeGreaterThan(0);
          for (const f of item.fields) expect(f.key).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
          expect(item.promisedLimitDays).toBeLessThanOrEqual(item.legalLimitDays);
        }
      });
    });

    describeFeeContract(spec, { system: () => system, adapter: () => adapter, calls, codeOf });

    describe('malformed and hostile answers', () => {
      it.each(['garbage', 'truncated', 'wrong-shape', 'huge'] as const)(
        'a %s answer to a read is MALFORMED_RESPONSE, not a crash',
        async (kind) => {
          await system.control.setFaults({ malformedRate: 1, malformedKind: kind, onlyOps: [reads.op] });
          expect(await codeOf(reads.loader(adapter).load(reads.keys(1)[0]!))).toBe('MALFORMED_RESPONSE');
        },
      );

      it.each(['garbage', 'wrong-shape', 'huge'] as const)(
        'a %s answer to a submission is MALFORMED_RESPONSE (or the case, recovered by its key), never two cases',
        async (kind) => {
          const key = newKey();
          await system.control.setFaults({ malformedRate: 1, malformedKind: kind, onlyOps: [submission.op] });
          expect(['MALFORMED_RESPONSE', 'resolved']).toContain(
            await codeOf(adapter.submitCase(submission.sample(key))),
          );
          expect(await system.control.cases({ ref: key })).toHaveLength(1);
        },
      );
    });
  });
}
