import type DataLoader from 'dataloader';
import type { CaseSubmission, DepartmentAdapter } from '../domain';
import type { FeeAssessment, FeeRequest } from '../fees';
import type { AdapterHooks } from '../hooks';
import type { ClientSettings } from '../http-client';

/** Faults the system under test can be told to inject (the stand-ins' admin port takes exactly these). */
export interface ContractFaults {
  readonly latencyMs?: number;
  readonly errorRate?: number;
  readonly failNext?: number;
  readonly malformedRate?: number;
  readonly malformedKind?: 'garbage' | 'truncated' | 'wrong-shape' | 'huge';
  readonly resetConnections?: boolean;
  readonly onlyOps?: readonly string[];
}

/**
 * Control over the system under test. The stand-ins' `StandInAdmin` implements it; a department proving
 * its own system provides the same over a test instance (or a fault-injecting proxy in front of it).
 */
export interface SystemControl {
  /** Requests received, per operation. */
  counts(): Promise<{ readonly byOp: Readonly<Record<string, number>> }>;
  resetCounts(): Promise<unknown>;
  setFaults(faults: ContractFaults): Promise<unknown>;
  clearFaults(): Promise<unknown>;
  /** Stop accepting connections (clients see connection refused), and start again. */
  down(): Promise<unknown>;
  up(): Promise<unknown>;
  /** The cases the system holds under a reference (idempotency key or external reference). */
  cases(query: { ref: string }): Promise<readonly { readonly caseNumber: string }[]>;
}

/**
 * What a department's system under test also takes, for the documents its approvals issue: deciding a
 * case now (with the numbers of what it issues), and signing documents with a key not its own.
 */
export interface DocumentControl {
  decide(
    caseNumber: string,
    decision: { outcome: 'approved'; result?: Readonly<Record<string, string>> },
  ): Promise<unknown>;
  forgeDocumentSignatures(on: boolean): Promise<unknown>;
}

/** A department's system under test: its control takes decisions and forged document signatures too. */
export interface DepartmentSystemUnderTest extends SystemUnderTest {
  readonly control: SystemControl & DocumentControl;
}

export interface SystemUnderTest {
  readonly url: string;
  readonly control: SystemControl;
  stop(): Promise<void>;
}

/** Client settings the kit builds adapters with: short timeouts and a quick breaker, to keep the suite fast. */
export type ContractClientSettings = Pick<ClientSettings, 'timeoutMs' | 'maxResponseBytes'> & {
  readonly retry: ClientSettings['retry'];
  readonly breaker: ClientSettings['breaker'];
};

/** The reads a contract asserts: batched (or single-key) reads of records by key. */
export interface ContractReads<A, R> {
  /** The operation counted at the system for the batched (or single-key) read. */
  readonly op: string;
  /** Keys per call the system accepts (1 when it cannot batch). */
  readonly batchLimit: number;
  /** `n` distinct keys of records the system holds. */
  keys(n: number): string[];
  /** A well-formed key of a record the system does not hold. */
  readonly missingKey: string;
  /** A malformed key, refused before any call. */
  readonly invalidKey: string;
  /** A per-request loader of the adapter. */
  loader(adapter: A): DataLoader<string, R | null>;
  /** Asserts the record is in domain terms (names, units, dates), not the wire's. */
  check(key: string, record: R): void;
}

/**
 * The idempotent writes a contract asserts, whatever the system keeps: a department's cases, a payment
 * platform's orders. Each is made under an idempotency key and has a number of its own.
 */
export interface ContractWrites<A, W> {
  /** The operation counted at the system for a write. */
  readonly op: string;
  /** How the test names say it: `{ write: 'submission', written: 'submitted', record: 'case' }`. */
  readonly words: { readonly write: string; readonly written: string; readonly record: string };
  /** A valid write under the key; the same key gives the same content (a retry sends what it sent). */
  write(adapter: A, idempotencyKey: string): Promise<W>;
  /** A write the system refuses by its own rules at once. */
  rejected(adapter: A, idempotencyKey: string): Promise<unknown>;
  /** The record made under a key, or null when none reached the system. */
  find(adapter: A, idempotencyKey: string): Promise<W | null>;
  /** A record by its number, or null when the system has none. */
  get(adapter: A, number: string): Promise<W | null>;
  /** The number the system gave the record. */
  numberOf(record: W): string;
}

/** What a contract's own cases get: the system and the adapter of the running test. */
export interface ContractHarness<A> {
  readonly system: SystemUnderTest;
  readonly adapter: A;
  /** A fresh idempotency key. */
  newKey(): string;
  /** Requests the system received for an operation since the test began. */
  calls(op: string): Promise<number>;
}

/** A contract for any system an adapter is written for: reads, idempotent writes, resilience, hostile answers. */
export interface ClientContractSpec<A extends { close(): void }, R, W> {
  /** The system's name, as its adapter's errors carry it. */
  readonly department: string;
  start(): Promise<SystemUnderTest>;
  adapter(url: string, settings: ContractClientSettings, hooks: AdapterHooks): A;
  readonly reads: ContractReads<A, R>;
  readonly writes: ContractWrites<A, W>;
  /**
   * For a system that signs its answers: make it sign them with a key that is not its own, and stop. An
   * answer whose signature does not hold must never be taken as data (MALFORMED_RESPONSE).
   */
  readonly forgedAnswers?: { start(): Promise<unknown>; stop(): Promise<unknown> };
}

export interface AdapterContractSpec<A extends DepartmentAdapter, R> {
  readonly department: string;
  /** Starts the system (e.g. the stand-in on port 0). */
  start(): Promise<DepartmentSystemUnderTest>;
  /** Builds the adapter against `url` with the kit's settings and hooks. */
  adapter(url: string, settings: ContractClientSettings, hooks: AdapterHooks): A;
  readonly reads: {
    /** The operation counted at the system for the batched (or single-key) read. */
    readonly op: string;
    /** Keys per call the system accepts (1 when it cannot batch). */
    readonly batchLimit: number;
    /** `n` distinct keys of records the system holds. */
    keys(n: number): string[];
    /** A well-formed key of a record the system does not hold. */
    readonly missingKey: string;
    /** A malformed key, refused before any call. */
    readonly invalidKey: string;
    /** A per-request loader of the adapter. */
    loader(adapter: A): DataLoader<string, R | null>;
    /** Asserts the record is in domain terms (names, units, dates), not the wire's. */
    check(key: string, record: R): void;
  };
  readonly submission: {
    /** The operation counted at the system for a submission. */
    readonly op: string;
    /**
     * A valid submission under the idempotency key. Called more than once for the same key, it must give
     * the same submission (a retry sends the same content; systems may refuse a key reused for other content).
     */
    sample(idempotencyKey: string): CaseSubmission;
    /** A submission the system refuses by its own rules at once. */
    rejected(idempotencyKey: string): CaseSubmission;
  };
  readonly fees: {
    /**
     * The operation counted at the system for an assessment; absent for a department that charges nothing
     * by rule and so computes nothing (its adapter must then not call the system at all).
     */
    readonly op?: string;
    /** Items and values the department assesses. */
    readonly sample: FeeRequest;
    /** Asserts the amounts and rules the department's rules give for the sample. */
    check(assessment: FeeAssessment): void;
    /** Values its rules cannot assess (one missing, one malformed): refused with every problem named. */
    readonly refused?: FeeRequest;
  };
}
