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

export interface AdapterContractSpec<A extends DepartmentAdapter, R> {
  readonly department: string;
  /** Starts the system (e.g. the stand-in on port 0). */
  start(): Promise<SystemUnderTest>;
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
