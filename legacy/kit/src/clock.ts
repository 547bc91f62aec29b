/**
 * The stand-in's own clock, on which its cases advance. It runs at `speed` times real time and can be
 * moved forward by tests (and by the admin port), so a case promised in five working days can be watched
 * to completion in a test in milliseconds, or in a demo in a minute.
 */
export class SimClock {
  private anchorReal = Date.now();
  private anchorSim: number;
  private speedFactor: number;

  constructor(start: number = Date.now(), speed = 1) {
    this.anchorSim = start;
    this.speedFactor = speed;
  }

  /** Simulated now, in epoch milliseconds. */
  now(): number {
    return this.anchorSim + (Date.now() - this.anchorReal) * this.speedFactor;
  }

  get speed(): number {
    return this.speedFactor;
  }

  /** Moves the clock forward by `ms` simulated milliseconds. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError('the clock only moves forward');
    this.anchorSim += ms;
  }

  /** Sets how many simulated milliseconds pass per real one (0 stops the clock). */
  setSpeed(speed: number): void {
    if (!(speed >= 0)) throw new RangeError('speed must be zero or more');
    this.anchorSim = this.now();
    this.anchorReal = Date.now();
    this.speedFactor = speed;
  }

  toJSON() {
    return { now: new Date(this.now()).toISOString(), speed: this.speedFactor };
  }
}
