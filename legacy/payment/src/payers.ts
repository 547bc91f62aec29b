import type { Logger } from '@onething/runtime';
import { Refusal } from './codes';
import type { Ledger, Order } from './ledger';

/**
 * The payers the stand-in simulates, as the departments' stand-ins simulate their officers deciding: when
 * `afterMs` is set, every order created is paid in full through online banking that many real
 * milliseconds later, unless someone paid it first. Off by default (`npm start`: the applicant pays on
 * the checkout page); load tests and scenarios whose subject is not payment turn it on (setting
 * AUTOPAY_AFTER_MS, or the admin port's `PUT /__admin/payers`).
 */
export class SimulatedPayers {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly scheduled = new Set<string>();
  paid = 0;

  constructor(
    private readonly ledger: Ledger,
    private readonly log: Logger,
    public afterMs: number | null,
  ) {}

  /** Told of every order created (a retried create of the same order is told again: it pays once). */
  created(order: Order): void {
    if (this.afterMs === null || order.paidAt !== undefined || this.scheduled.has(order.orderNo)) return;
    this.scheduled.add(order.orderNo);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      try {
        this.ledger.pay(order.paymentCode, order.totalFen, 'ONLINE_BANKING');
        this.paid++;
      } catch (e) {
        // Paid meanwhile (4003) is what a second simulated payer meets: nothing is charged twice.
        if (!(e instanceof Refusal))
          this.log.error({ err: e, order: order.orderNo }, 'simulated payment failed');
      }
    }, this.afterMs);
    timer.unref();
    this.timers.add(timer);
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
