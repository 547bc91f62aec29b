import type { BreakerState } from './breaker';
import type { AdapterErrorCode } from './errors';

/** One attempt of a call to a department, as metrics see it. */
export interface CallEvent {
  readonly department: string;
  readonly op: string;
  readonly kind: 'read' | 'write';
  /** 1 for the first attempt, 2 for the first retry… */
  readonly attempt: number;
  readonly durationMs: number;
  readonly outcome: 'ok' | AdapterErrorCode;
  /** Calls to this department in flight while this one was (it included). */
  readonly inFlight: number;
  readonly breaker: BreakerState;
}

/** Hooks for metrics and logs; subgraphs map them to Prometheus counters and histograms. */
export interface AdapterHooks {
  onCall?(event: CallEvent): void;
  onBreaker?(event: { readonly department: string; readonly state: BreakerState }): void;
}
