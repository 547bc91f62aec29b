import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CaseState, DepartmentAdapter } from '../domain';
import { AdapterError } from '../errors';
import type { CallEvent } from '../hooks';
import { CONTRACT_SETTINGS, codeOf } from './common';
import { describeDocumentContract } from './documents';
import { describeFeeContract } from './fees';
import type {
  AdapterContractSpec,
  ClientContractSpec,
  ContractClientSettings,
  ContractHarness,
  DepartmentSystemUnderTest,
  SystemUnderTest,
} from './types';

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > deadline) return v;
    await sleep(25);
  }
}

/**
 * The contract of any adapter against its system, asserted by what the system received: reads, batching,
 * timeouts, retries of reads only, the circuit breaker, idempotent writes, error mapping and hostile
 * answers. `more` adds the system's own cases, run with the same system and adapter.
 */
export function describeClientContract<A extends { close(): void }, R, W>(
  spec: ClientContractSpec<A, R, W>,
  more?: (harness: ContractHarness<A>) => void,
): void {
  const { reads, writes } = spec;
  const { write: aWrite, written, record } = writes.words;

  describe(`${spec.department} adapter contract`, () => {
    let system: SystemUnderTest;
    let adapter: A;
    let events: CallEvent[];
    const make = (overrides: Partial<ContractClientSettings> = {}) => {
      events = [];
      return spec.adapter(
        system.url,
        { ...CONTRACT_SETTINGS, ...overrides },
        { onCall: (e) => events.push(e) },
      );
    };
    const calls = async (op: string) => (await system.control.counts()).byOp[op] ?? 0;
    let seq = 0;
    const newKey = () => `contract-${spec.department}-${process.pid}-${Date.now()}-${++seq}`;
    const held = async (key: string) => (await system.control.cases({ ref: key })).map((c) => c.caseNumber);

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
        const found = await reads.loader(adapter).load(key!);
        expect(found).not.toBeNull();
        reads.check(key!, found!);
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
        await system.control.setFaults({ latencyMs: CONTRACT_SETTINGS.timeoutMs + 600, onlyOps: [reads.op] });
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
        expect(await calls(reads.op)).toBe(1 + CONTRACT_SETTINGS.retry.retries);
      });

      it(`never retries a ${aWrite}`, async () => {
        await system.control.setFaults({ failNext: 1, onlyOps: [writes.op] });
        expect(await codeOf(writes.write(adapter, newKey()))).toBe('DEPARTMENT_UNAVAILABLE');
        expect(await calls(writes.op)).toBe(1);
      });
    });

    describe('circuit breaker', () => {
      it('opens after repeated failures, stops calling, and closes when the system recovers', async () => {
        adapter = make({ retry: { ...CONTRACT_SETTINGS.retry, retries: 0 } });
        await system.control.setFaults({ errorRate: 1, onlyOps: [reads.op] });
        const [key] = reads.keys(1);
        for (let i = 0; i < CONTRACT_SETTINGS.breaker.minimumCalls; i++)
          await codeOf(reads.loader(adapter).load(key!));
        const before = await calls(reads.op);
        expect(before).toBe(CONTRACT_SETTINGS.breaker.minimumCalls);
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
        await sleep(CONTRACT_SETTINGS.breaker.openMs + 20);
        expect(await reads.loader(adapter).load(key!)).not.toBeNull(); // the trial call
        expect(await reads.loader(adapter).load(key!)).not.toBeNull();
        expect(await calls(reads.op)).toBe(before + 2);
        expect(events.at(-1)?.breaker).toBe('closed');
      });
    });

    describe(`idempotent ${aWrite}`, () => {
      it(`makes one ${record} for the same key ${written} twice`, async () => {
        const key = newKey();
        const first = await writes.write(adapter, key);
        const second = await writes.write(adapter, key);
        expect(writes.numberOf(second)).toBe(writes.numberOf(first));
        expect(await held(key)).toHaveLength(1);
      });

      it(`makes one ${record} when the answer was lost and the ${aWrite} is retried with the same key`, async () => {
        const key = newKey();
        await system.control.setFaults({
          malformedRate: 1,
          malformedKind: 'truncated',
          onlyOps: [writes.op],
        });
        // A typed error, or the record itself where the adapter recovers by looking it up by its key.
        expect(['MALFORMED_RESPONSE', 'resolved']).toContain(await codeOf(writes.write(adapter, key)));
        expect(await held(key)).toHaveLength(1); // it did reach the system
        await system.control.clearFaults();
        const retried = await writes.write(adapter, key);
        expect(await held(key)).toEqual([writes.numberOf(retried)]);
      });

      it(`makes one ${record} when the ${aWrite} timed out and is retried with the same key`, async () => {
        const key = newKey();
        await system.control.setFaults({
          latencyMs: CONTRACT_SETTINGS.timeoutMs + 300,
          onlyOps: [writes.op],
        });
        expect(await codeOf(writes.write(adapter, key))).toBe('DEPARTMENT_TIMEOUT');
        // The system finishes the write after the adapter gave up; the retry must find it, not make another.
        await until(
          () => system.control.cases({ ref: key }),
          (c) => c.length > 0,
        );
        await system.control.clearFaults();
        const retried = await writes.write(adapter, key);
        expect(await held(key)).toEqual([writes.numberOf(retried)]);
      });

      it(`finds a ${record} by its key, and null for a key that never reached the system`, async () => {
        const key = newKey();
        const made = await writes.write(adapter, key);
        const found = await writes.find(adapter, key);
        expect(found && writes.numberOf(found)).toBe(writes.numberOf(made));
        expect(await writes.find(adapter, newKey())).toBeNull();
      });
    });

    describe('error mapping', () => {
      it('maps a refusal by the system’s rules to DEPARTMENT_REJECTED with its own code and message', async () => {
        const err = await writes.rejected(adapter, newKey()).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(AdapterError);
        expect((err as AdapterError).code).toBe('DEPARTMENT_REJECTED');
        expect((err as AdapterError).department).toBe(spec.department);
        expect((err as AdapterError).details.departmentCode).toBeTruthy();
        expect((err as AdapterError).details.departmentMessage).toBeTruthy();
      });

      it(`maps a system that is down to DEPARTMENT_UNAVAILABLE, for reads and ${aWrite}s`, async () => {
        await system.control.down();
        expect(await codeOf(reads.loader(adapter).load(reads.keys(1)[0]!))).toBe('DEPARTMENT_UNAVAILABLE');
        expect(await codeOf(writes.write(adapter, newKey()))).toBe('DEPARTMENT_UNAVAILABLE');
        await system.control.up();
        expect(await reads.loader(make()).load(reads.keys(1)[0]!)).not.toBeNull();
      });

      it('maps reset connections to DEPARTMENT_UNAVAILABLE', async () => {
        await system.control.setFaults({ resetConnections: true });
        expect(await codeOf(reads.loader(adapter).load(reads.keys(1)[0]!))).toBe('DEPARTMENT_UNAVAILABLE');
      });

      it(`answers null for a ${record} number the system does not know`, async () => {
        const made = await writes.write(adapter, newKey());
        expect(await writes.get(adapter, `${writes.numberOf(made)}9`)).toBeNull();
      });
    });

    describe('malformed and hostile answers', () => {
      it.each(['garbage', 'truncated', 'wrong-shape', 'huge'] as const)(
        'a %s answer to a read is MALFORMED_RESPONSE, not a crash',
        async (kind) => {
          await system.control.setFaults({ malformedRate: 1, malformedKind: kind, onlyOps: [reads.op] });
          expect(await codeOf(reads.loader(adapter).load(reads.keys(1)[0]!))).toBe('MALFORMED_RESPONSE');
        },
      );

      it.each(['garbage', 'wrong-shape', 'huge'] as const)(
        `a %s answer to a ${aWrite} is MALFORMED_RESPONSE (or the ${record}, recovered by its key), never two ${record}s`,
        async (kind) => {
          const key = newKey();
          await system.control.setFaults({ malformedRate: 1, malformedKind: kind, onlyOps: [writes.op] });
          expect(['MALFORMED_RESPONSE', 'resolved']).toContain(await codeOf(writes.write(adapter, key)));
          expect(await held(key)).toHaveLength(1);
        },
      );

      const forged = spec.forgedAnswers;
      if (forged)
        it('never takes an answer whose signature does not hold: MALFORMED_RESPONSE, for reads and writes', async () => {
          await forged.start();
          try {
            expect(await codeOf(reads.loader(adapter).load(reads.keys(1)[0]!))).toBe('MALFORMED_RESPONSE');
            expect(await codeOf(writes.write(adapter, newKey()))).toBe('MALFORMED_RESPONSE');
          } finally {
            await forged.stop();
          }
          expect(await reads.loader(make()).load(reads.keys(1)[0]!)).not.toBeNull();
        });
    });

    more?.({
      get system() {
        return system;
      },
      get adapter() {
        return adapter;
      },
      newKey,
      calls,
    });
  });
}

/**
 * The adapter contract of a department: the contract of any system ({@link describeClientContract}) with
 * submissions as its writes, plus what the hall needs of cases — their status, whose each is — and of
 * the department's items. Call it from a test file of the adapter with the adapter's spec.
 */
export function describeAdapterContract<A extends DepartmentAdapter, R>(
  spec: AdapterContractSpec<A, R>,
): void {
  const { submission } = spec;
  describeClientContract<A, R, CaseState>(
    {
      department: spec.department,
      start: () => spec.start(),
      adapter: (url, settings, hooks) => spec.adapter(url, settings, hooks),
      reads: spec.reads,
      writes: {
        op: submission.op,
        words: { write: 'submission', written: 'submitted', record: 'case' },
        write: (adapter, key) => adapter.submitCase(submission.sample(key)),
        rejected: (adapter, key) => adapter.submitCase(submission.rejected(key)),
        find: (adapter, key) => adapter.findCase(submission.sample(key).itemCode, key),
        get: (adapter, caseNumber) => adapter.getCase(caseNumber),
        numberOf: (c) => c.caseNumber,
      },
    },
    (h) => {
      describeFeeContract(spec, {
        system: () => h.system,
        adapter: () => h.adapter,
        calls: (op) => h.calls(op),
        codeOf,
      });

      describeDocumentContract(spec, {
        system: () => h.system as DepartmentSystemUnderTest,
        adapter: () => h.adapter,
        newKey: () => h.newKey(),
      });

      describe('cases', () => {
        it('accepts a submission as a case', async () => {
          expect((await h.adapter.submitCase(submission.sample(h.newKey()))).status).toBe('ACCEPTED');
        });

        it('reports a submitted case by its number', async () => {
          const made = await h.adapter.submitCase(submission.sample(h.newKey()));
          const state = await h.adapter.getCase(made.caseNumber);
          expect(state).toMatchObject({ caseNumber: made.caseNumber, department: spec.department });
          expect(['ACCEPTED', 'IN_REVIEW', 'APPROVED', 'REJECTED', 'CORRECTION_REQUESTED']).toContain(
            state?.status,
          );
          expect(Number.isNaN(Date.parse(state!.acceptedAt))).toBe(false);
        });

        it('says whose case it is, as the system holds it: submitted, by number and by key', async () => {
          // The subgraphs show a case to the hall only when it acts for this applicant.
          const key = h.newKey();
          const sample = submission.sample(key);
          const whose = sample.applicant.idNumber;
          const made = await h.adapter.submitCase(sample);
          expect(made.applicantIdNumber).toBe(whose);
          expect((await h.adapter.getCase(made.caseNumber))?.applicantIdNumber).toBe(whose);
          expect((await h.adapter.findCase(sample.itemCode, key))?.applicantIdNumber).toBe(whose);
        });

        it('lists the items, with fields and materials in domain terms', async () => {
          const items = await h.adapter.listItems();
          expect(items.length).toBeGreaterThan(0);
          for (const item of items) {
            expect(item.department).toBe(spec.department);
            expect(item.fields.length).toBeGreaterThan(0);
            for (const f of item.fields) expect(f.key).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
            expect(item.promisedLimitDays).toBeLessThanOrEqual(item.legalLimitDays);
          }
        });
      });
    },
  );
}
