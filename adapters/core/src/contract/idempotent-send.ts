import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AdapterError } from '../errors';
import type { AdapterHooks, CallEvent } from '../hooks';
import { CONTRACT_SETTINGS, codeOf } from './common';
import type { ContractClientSettings, SystemControl } from './types';

/**
 * Control over a system that keeps what callers send under their idempotency key (an SMS gateway, a
 * payment platform): the department kit's control, with what the system holds under a key.
 */
export interface SendSystemControl extends Omit<SystemControl, 'cases'> {
  /** What the system holds under the caller's idempotency key (messages, orders…). */
  held(query: { ref: string }): Promise<readonly unknown[]>;
}

export interface SendSystemUnderTest {
  readonly url: string;
  readonly control: SendSystemControl;
  stop(): Promise<void>;
}

/**
 * The spec of a non-department system's adapter whose writes carry the caller's idempotency key and which
 * the adapter therefore retries itself: what to send, how, and how to look a send up by its key.
 */
export interface IdempotentSendSpec<A extends { close(): void }, S> {
  readonly system: string;
  start(): Promise<SendSystemUnderTest>;
  adapter(url: string, settings: ContractClientSettings, hooks: AdapterHooks): A;
  readonly send: {
    /** The operation counted at the system for a send. */
    readonly op: string;
    /** A valid send under the key (the same content each time for the same key). */
    sample(idempotencyKey: string): S;
    /** A send the system refuses by its own rules. */
    refused(idempotencyKey: string): S;
    /** A send the adapter refuses before calling. */
    invalid(idempotencyKey: string): S;
    perform(adapter: A, send: S): Promise<unknown>;
  };
  readonly lookup: {
    /** The operation counted at the system for a look-up by key. */
    readonly op: string;
    find(adapter: A, idempotencyKey: string): Promise<unknown>;
  };
}

/**
 * The contract of an adapter of a system that is not a department but takes idempotent sends: asserted,
 * like the department contract, by what the system received and holds. Unlike a department submission,
 * a send is retried by the adapter, and must still reach the system as one.
 */
export function describeIdempotentSendContract<A extends { close(): void }, S>(
  spec: IdempotentSendSpec<A, S>,
): void {
  const { send, lookup } = spec;

  describe(`${spec.system} adapter contract (idempotent sends)`, () => {
    let system: SendSystemUnderTest;
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
    const held = (key: string) => system.control.held({ ref: key });
    let seq = 0;
    const newKey = () => `contract-${spec.system}-${process.pid}-${Date.now()}-${++seq}`;

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

    describe('one send per key', () => {
      it('holds one send for the same key sent twice', async () => {
        const key = newKey();
        await send.perform(adapter, send.sample(key));
        await send.perform(adapter, send.sample(key));
        expect(await held(key)).toHaveLength(1);
        expect(await calls(send.op)).toBe(2);
      });

      it('retries a failed send with the same key, and the system holds one', async () => {
        const key = newKey();
        await system.control.setFaults({ failNext: 1, onlyOps: [send.op] });
        expect(await codeOf(send.perform(adapter, send.sample(key)))).toBe('resolved');
        expect(await calls(send.op)).toBe(2);
        expect(await held(key)).toHaveLength(1);
      });

      it('holds one send when every answer was lost, and the send is made again later', async () => {
        const key = newKey();
        await system.control.setFaults({ malformedRate: 1, malformedKind: 'truncated', onlyOps: [send.op] });
        expect(await codeOf(send.perform(adapter, send.sample(key)))).toBe('MALFORMED_RESPONSE');
        expect(await calls(send.op)).toBe(1 + CONTRACT_SETTINGS.retry.retries);
        await system.control.clearFaults();
        expect(await codeOf(send.perform(make(), send.sample(key)))).toBe('resolved');
        expect(await held(key)).toHaveLength(1);
      });

      it('holds one send when it timed out, and the send is made again later', async () => {
        const key = newKey();
        await system.control.setFaults({ latencyMs: CONTRACT_SETTINGS.timeoutMs + 300, onlyOps: [send.op] });
        expect(await codeOf(send.perform(adapter, send.sample(key)))).toBe('DEPARTMENT_TIMEOUT');
        await system.control.clearFaults();
        // The system finishes the send after the adapter gave up on it; the later send must find it.
        for (let i = 0; i < 200 && (await held(key)).length === 0; i++) await sleep(25);
        expect(await held(key)).toHaveLength(1);
        expect(await codeOf(send.perform(make(), send.sample(key)))).toBe('resolved');
        expect(await held(key)).toHaveLength(1);
      });

      it.each(['garbage', 'wrong-shape', 'huge'] as const)(
        'a %s answer to a send is MALFORMED_RESPONSE, never two sends',
        async (kind) => {
          const key = newKey();
          await system.control.setFaults({ malformedRate: 1, malformedKind: kind, onlyOps: [send.op] });
          expect(await codeOf(send.perform(adapter, send.sample(key)))).toBe('MALFORMED_RESPONSE');
          expect(await held(key)).toHaveLength(1);
        },
      );
    });

    describe('refusals', () => {
      it('maps a refusal by the system’s rules to DEPARTMENT_REJECTED with its code, and does not retry it', async () => {
        const err = await send.perform(adapter, send.refused(newKey())).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(AdapterError);
        expect((err as AdapterError).code).toBe('DEPARTMENT_REJECTED');
        expect((err as AdapterError).department).toBe(spec.system);
        expect((err as AdapterError).details.departmentCode).toBeTruthy();
        expect((err as AdapterError).details.departmentMessage).toBeTruthy();
        expect(await calls(send.op)).toBe(1);
      });

      it('refuses an invalid send with INVALID_INPUT, without calling the system', async () => {
        expect(await codeOf(send.perform(adapter, send.invalid(newKey())))).toBe('INVALID_INPUT');
        expect(await calls(send.op)).toBe(0);
      });

      it('maps a system that is down, and reset connections, to DEPARTMENT_UNAVAILABLE', async () => {
        await system.control.down();
        expect(await codeOf(send.perform(adapter, send.sample(newKey())))).toBe('DEPARTMENT_UNAVAILABLE');
        expect(await codeOf(lookup.find(adapter, newKey()))).toBe('DEPARTMENT_UNAVAILABLE');
        await system.control.up();
        await system.control.setFaults({ resetConnections: true });
        expect(await codeOf(lookup.find(make(), newKey()))).toBe('DEPARTMENT_UNAVAILABLE');
      });
    });

    describe('look-up by key', () => {
      it('finds a send by its key, and null for a key that never reached the system', async () => {
        const key = newKey();
        await send.perform(adapter, send.sample(key));
        expect(await lookup.find(adapter, key)).not.toBeNull();
        expect(await lookup.find(adapter, newKey())).toBeNull();
      });

      it('gives DEPARTMENT_TIMEOUT when the system answers too late', async () => {
        await system.control.setFaults({
          latencyMs: CONTRACT_SETTINGS.timeoutMs + 600,
          onlyOps: [lookup.op],
        });
        expect(await codeOf(lookup.find(adapter, newKey()))).toBe('DEPARTMENT_TIMEOUT');
      });

      it('retries a failed look-up and succeeds', async () => {
        await system.control.setFaults({ failNext: 2, onlyOps: [lookup.op] });
        expect(await codeOf(lookup.find(adapter, newKey()))).toBe('resolved');
        expect(await calls(lookup.op)).toBe(3);
      });

      it.each(['garbage', 'truncated', 'wrong-shape', 'huge'] as const)(
        'a %s answer to a look-up is MALFORMED_RESPONSE',
        async (kind) => {
          const key = newKey();
          await send.perform(adapter, send.sample(key));
          await system.control.setFaults({ malformedRate: 1, malformedKind: kind, onlyOps: [lookup.op] });
          expect(await codeOf(lookup.find(adapter, key))).toBe('MALFORMED_RESPONSE');
        },
      );

      it('opens the breaker after repeated failures, stops calling, and closes when the system recovers', async () => {
        adapter = make({ retry: { ...CONTRACT_SETTINGS.retry, retries: 0 } });
        await system.control.setFaults({ errorRate: 1, onlyOps: [lookup.op] });
        for (let i = 0; i < CONTRACT_SETTINGS.breaker.minimumCalls; i++)
          await codeOf(lookup.find(adapter, newKey()));
        const before = await calls(lookup.op);
        expect(before).toBe(CONTRACT_SETTINGS.breaker.minimumCalls);
        for (let i = 0; i < 3; i++)
          expect(await codeOf(lookup.find(adapter, newKey()))).toBe('DEPARTMENT_UNAVAILABLE');
        expect(await calls(lookup.op)).toBe(before);
        expect(events.at(-1)?.breaker).toBe('open');
        await system.control.clearFaults();
        await sleep(CONTRACT_SETTINGS.breaker.openMs + 20);
        expect(await codeOf(lookup.find(adapter, newKey()))).toBe('resolved');
        expect(await calls(lookup.op)).toBe(before + 1);
        expect(events.at(-1)?.breaker).toBe('closed');
      });
    });
  });
}
