import type { StandInAdmin } from '@onething/legacy-kit';
import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import type { Department } from '../../stack/support';
import { MODE } from '../figures';
import { SUBMIT_OPS, SYSTEM_TIMEOUT_MS } from './fault-stack';

// The faults a department's stand-in is put through, and which departments get which.

/** The faults of the issue, and submissions alone slow (which found the registry's second case). */
export type FaultName =
  | 'down'
  | 'slow'
  | 'slow to take submissions'
  | 'erroring half the time'
  | 'answering garbage';

/** A way for a department's system to fail. */
export interface Fault {
  /** What the stand-in is told (through its admin port). */
  readonly inject: (admin: StandInAdmin, department: Department) => Promise<unknown>;
  readonly how: () => string;
  /** The codes an answer may carry for the department's fields meanwhile. */
  readonly codes: readonly string[];
}

/** Each fault: how it is injected, in words, and what an answer may say of the department meanwhile. */
export const FAULTS: Readonly<Record<FaultName, Fault>> = {
  down: {
    inject: (a) => a.down(),
    how: () => 'connections refused',
    codes: ['DEPARTMENT_UNAVAILABLE'],
  },
  slow: {
    inject: (a, d) => a.setFaults({ latencyMs: SYSTEM_TIMEOUT_MS[d] + 1_000 }),
    how: () => 'every answer 1 s past the subgraph’s timeout (3 s late; the registry 6 s)',
    // Timed out; or refused at once by the open circuit breaker.
    codes: ['DEPARTMENT_TIMEOUT', 'DEPARTMENT_UNAVAILABLE'],
  },
  'slow to take submissions': {
    // Reads answered at once, submissions late: the case is made after the caller gave up, and a look-up
    // right after the timeout does not find it yet.
    inject: (a, d) => a.setFaults({ latencyMs: SYSTEM_TIMEOUT_MS[d] + 1_000, onlyOps: SUBMIT_OPS }),
    how: () => 'only submissions answered 1 s past the timeout, reads at once',
    // Reads are whole, unless enough submissions timed out to open the breaker, which reads share.
    codes: ['DEPARTMENT_UNAVAILABLE'],
  },
  'erroring half the time': {
    inject: (a) => a.setFaults({ errorRate: 0.5 }),
    how: () => "half the requests answered with the system's own server error",
    codes: ['DEPARTMENT_UNAVAILABLE'],
  },
  'answering garbage': {
    inject: (a) => a.setFaults({ malformedRate: 1, malformedKind: 'garbage' }),
    how: () => 'every answer replaced by bytes of no protocol',
    codes: ['MALFORMED_RESPONSE', 'DEPARTMENT_UNAVAILABLE'],
  },
};

/** The faults, in the order every department goes through them. */
export const FAULT_NAMES = Object.keys(FAULTS) as FaultName[];

/**
 * Full: every department with every fault. Short: each department, each fault, and the registry (which
 * does not deduplicate) slow to take submissions. FAULT_PLAN
 * picks some to look into one (`FAULT_PLAN='realestate:slow,fund:answering garbage'`).
 */
export const PLAN: readonly (readonly [Department, FaultName])[] = process.env.FAULT_PLAN
  ? process.env.FAULT_PLAN.split(',').map((x) => x.split(':') as unknown as [Department, FaultName])
  : MODE === 'full'
    ? DEPARTMENT_KEYS.flatMap((d) => FAULT_NAMES.map((f) => [d, f] as const))
    : ([
        ['tax', 'erroring half the time'],
        ['market', 'answering garbage'],
        ['realestate', 'slow to take submissions'],
        ['fund', 'slow'],
        ['realestate', 'down'],
      ] as const);
