/** Settings of a department's circuit breaker. */
export interface BreakerSettings {
  /** How many recent calls the failure ratio is taken over. */
  readonly windowSize: number;
  /** No opening before this many calls are in the window. */
  readonly minimumCalls: number;
  /** Open when this fraction of the window failed. */
  readonly failureRatio: number;
  /** How long it stays open before letting one trial call through. */
  readonly openMs: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * A circuit breaker per department: when most recent calls failed, stop calling for a while so the
 * department can recover and callers fail fast; then let one trial call through and close on success.
 */
export class CircuitBreaker {
  private state: BreakerState = 'closed';
  private outcomes: boolean[] = [];
  private openedAt = 0;
  private trialInFlight = false;

  constructor(
    private readonly settings: BreakerSettings,
    private readonly onChange: (state: BreakerState) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  get current(): BreakerState {
    if (this.state === 'open' && this.now() - this.openedAt >= this.settings.openMs)
      this.transition('half-open');
    return this.state;
  }

  /** Whether a call may go out now; in half-open state only one trial at a time. */
  tryAcquire(): boolean {
    const state = this.current;
    if (state === 'closed') return true;
    if (state === 'half-open' && !this.trialInFlight) {
      this.trialInFlight = true;
      return true;
    }
    return false;
  }

  /** Milliseconds until a trial call will be let through (0 when closed). */
  retryInMs(): number {
    return this.state === 'open' ? Math.max(0, this.settings.openMs - (this.now() - this.openedAt)) : 0;
  }

  record(success: boolean): void {
    if (this.state === 'half-open') {
      this.trialInFlight = false;
      if (success) {
        this.outcomes = [];
        this.transition('closed');
      } else this.open();
      return;
    }
    this.outcomes.push(success);
    if (this.outcomes.length > this.settings.windowSize) this.outcomes.shift();
    const failures = this.outcomes.filter((o) => !o).length;
    if (
      this.state === 'closed' &&
      this.outcomes.length >= this.settings.minimumCalls &&
      failures / this.outcomes.length >= this.settings.failureRatio
    ) {
      this.open();
    }
  }

  /** A call that was let through but ended without telling about the department's health. */
  release(): void {
    if (this.state === 'half-open') this.trialInFlight = false;
  }

  private open(): void {
    this.openedAt = this.now();
    this.outcomes = [];
    this.transition('open');
  }

  private transition(state: BreakerState): void {
    if (this.state === state) return;
    this.state = state;
    this.onChange(state);
  }
}
