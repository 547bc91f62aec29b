import type { SimClock } from '@onething/legacy-kit';
import type { WaybillOrder } from './order';
import {
  FINAL_STATUSES,
  type PlannedStep,
  planFrom,
  transition,
  type WaybillEvent,
  type WaybillStatus,
} from './waybill';

/** One thing that happened to a waybill, as its trace (轨迹) shows it. */
export interface TraceEvent {
  /** 1 for the order, then one more per event: receivers order pushes by it. */
  readonly seq: number;
  readonly status: WaybillStatus;
  readonly at: number;
  readonly signer?: string;
  readonly reason?: string;
}

/** A waybill the platform holds for a customer (app key). */
export interface Waybill {
  readonly waybillNo: string;
  readonly appKey: string;
  readonly txLogisticId: string;
  readonly order: WaybillOrder;
  /** Hash of the order's content, to tell a retry from another order under the same customer order number. */
  readonly fingerprint: string;
  readonly createdAt: number;
  readonly trace: TraceEvent[];
  /** Events still to come, at simulated times. */
  plan: { readonly event: WaybillEvent; readonly at: number }[];
  failedAttempts: number;
}

export type TraceListener = (waybill: Waybill, event: TraceEvent) => void;

const statusOf = (w: Waybill): WaybillStatus => w.trace.at(-1)!.status;

/** Why an event could not be applied (the state machine's reason). */
export class WaybillRefusal extends Error {}

/**
 * The waybills the platform holds, advancing on the simulated clock: each follows its plan
 * ({@link planFrom}) unless an event comes first (a cancellation, an event the admin forces). Planned
 * events are applied when {@link settle} finds them due, in time order, and each applied event is told to
 * the listeners (who push it).
 */
export class WaybillBook {
  private readonly byNumber = new Map<string, Waybill>();
  private readonly byOrder = new Map<string, Waybill>();
  private readonly open = new Set<Waybill>();
  private readonly listeners: TraceListener[] = [];

  constructor(private readonly clock: SimClock) {}

  onEvent(listener: TraceListener): void {
    this.listeners.push(listener);
  }

  /** The waybill of a customer's order number, if the customer made one. */
  byCustomerOrder(appKey: string, txLogisticId: string): Waybill | undefined {
    this.settle();
    return this.byOrder.get(`${appKey}\u0000${txLogisticId}`);
  }

  get(waybillNo: string): Waybill | undefined {
    this.settle();
    return this.byNumber.get(waybillNo);
  }

  /** Every waybill made under a customer order number, whoever the customer (the admin port's view). */
  withOrderNumber(txLogisticId: string): Waybill[] {
    this.settle();
    return [...this.byOrder.values()].filter((w) => w.txLogisticId === txLogisticId);
  }

  get size(): number {
    return this.byNumber.size;
  }

  status(w: Waybill): WaybillStatus {
    this.settle();
    return statusOf(w);
  }

  create(input: Omit<Waybill, 'createdAt' | 'trace' | 'plan' | 'failedAttempts'>): Waybill {
    const now = this.clock.now();
    const w: Waybill = {
      ...input,
      createdAt: now,
      trace: [{ seq: 1, status: 'created', at: now }],
      plan: [],
      failedAttempts: 0,
    };
    this.replan(w, now);
    this.byNumber.set(w.waybillNo, w);
    this.byOrder.set(`${w.appKey}\u0000${w.txLogisticId}`, w);
    this.open.add(w);
    return w;
  }

  /** Applies an event now (a cancellation, or one the admin forces), replacing the rest of the plan. */
  apply(w: Waybill, event: WaybillEvent): TraceEvent {
    this.settle();
    return this.applyAt(w, event, this.clock.now());
  }

  private applyAt(w: Waybill, event: WaybillEvent, at: number): TraceEvent {
    const t = transition(statusOf(w), event);
    if (!t.ok) throw new WaybillRefusal(t.reason);
    const entry: TraceEvent = {
      seq: w.trace.length + 1,
      status: t.status,
      at,
      ...(event.type === 'deliver' ? { signer: event.signer } : {}),
      ...(event.type === 'fail' || event.type === 'cancel' ? { reason: event.reason } : {}),
    };
    w.trace.push(entry);
    if (event.type === 'fail') w.failedAttempts++;
    this.replan(w, at);
    for (const listener of this.listeners) listener(w, entry);
    return entry;
  }

  private replan(w: Waybill, from: number): void {
    let at = from;
    w.plan = planFrom(statusOf(w), w.order.receiver.name, w.failedAttempts).map((s: PlannedStep) => {
      at += s.afterMs;
      return { event: s.event, at };
    });
    if (FINAL_STATUSES.has(statusOf(w)) || w.plan.length === 0) this.open.delete(w);
    else this.open.add(w);
  }

  /** Applies every planned event that has come due, in time order across all waybills. */
  settle(): void {
    const now = this.clock.now();
    for (;;) {
      let next: { w: Waybill; at: number } | undefined;
      for (const w of this.open) {
        const step = w.plan[0];
        if (step && step.at <= now && (!next || step.at < next.at)) next = { w, at: step.at };
      }
      if (!next) return;
      // Applying it plans the rest afresh from the new status, timed from this event.
      const step = next.w.plan.shift()!;
      this.applyAt(next.w, step.event, step.at);
    }
  }
}
