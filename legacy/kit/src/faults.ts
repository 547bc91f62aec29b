import { z } from 'zod';
import { rngFor } from './rng';

/** How a stand-in misbehaves, set through its admin port. Every field is optional when setting. */
export const faultSettingsSchema = z
  .object({
    /** Added to every answer, before it is computed. */
    latencyMs: z.number().int().min(0).max(600_000),
    /** Up to this much more, uniformly, on top of `latencyMs`. */
    jitterMs: z.number().int().min(0).max(600_000),
    /** Fraction of requests answered with the system's own server error. */
    errorRate: z.number().min(0).max(1),
    /** The next N requests are answered with the system's own server error (deterministic). */
    failNext: z.number().int().min(0),
    /** Fraction of answers replaced by a malformed body of `malformedKind`. */
    malformedRate: z.number().min(0).max(1),
    malformedKind: z.enum(['garbage', 'truncated', 'wrong-shape', 'huge']),
    /** Accept connections and reset them at once (ECONNRESET at the client). */
    resetConnections: z.boolean(),
    /** Only these operations are affected (all when empty). */
    onlyOps: z.array(z.string()),
  })
  .strict();

export type FaultSettings = z.infer<typeof faultSettingsSchema>;

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  failNext: 0,
  malformedRate: 0,
  malformedKind: 'garbage',
  resetConnections: false,
  onlyOps: [],
};

/** What the fault state decides for one request. */
export interface FaultDecision {
  readonly delayMs: number;
  readonly fail: boolean;
  readonly malformed: FaultSettings['malformedKind'] | undefined;
}

/** The current faults of one stand-in, with deterministic dice so fault runs can be repeated. */
export class Faults {
  private settings: FaultSettings = { ...NO_FAULTS };
  private readonly dice = rngFor(7, 'faults');

  get current(): FaultSettings {
    return { ...this.settings };
  }

  /** Merges a partial setting (already validated by {@link faultSettingsSchema}). */
  set(patch: Partial<FaultSettings>): FaultSettings {
    this.settings = { ...this.settings, ...patch };
    return this.current;
  }

  clear(): void {
    this.settings = { ...NO_FAULTS };
  }

  /** Rolls the dice for one request of operation `op`. */
  decide(op: string): FaultDecision {
    const s = this.settings;
    if (s.onlyOps.length > 0 && !s.onlyOps.includes(op))
      return { delayMs: 0, fail: false, malformed: undefined };
    const delayMs = s.latencyMs + (s.jitterMs > 0 ? Math.floor(this.dice.next() * (s.jitterMs + 1)) : 0);
    let fail = false;
    if (s.failNext > 0) {
      this.settings = { ...s, failNext: s.failNext - 1 };
      fail = true;
    } else if (s.errorRate > 0 && this.dice.next() < s.errorRate) fail = true;
    const malformed =
      !fail && s.malformedRate > 0 && this.dice.next() < s.malformedRate ? s.malformedKind : undefined;
    return { delayMs, fail, malformed };
  }
}
