import { orderReference } from '../../../subgraphs/hall/src/payments/model';
import { type Applicant, fen, type PaymentDrive } from './payment-drive';

/**
 * The payment platform down, or slow past the payment subgraph's timeout, at checkout: as payments fall
 * due (the hall cannot make the orders) or while the codes wait to be paid (the applicant cannot pay, the
 * hall cannot read the orders back). The applicant is told (the payment's problem); no second order is
 * made however often the hall tries; once the platform is back the problem is gone, the code is there
 * and paying works — once, though the applicant pays twice at once (a double click on the bank's page).
 */

/** How long the slow platform takes to make an order: past the payment subgraph's timeout of 3 s. */
const SLOW_MS = 4_500;

const FAULTS = {
  down: {
    start: (d: PaymentDrive) => d.admin.down(),
    end: (d: PaymentDrive) => d.admin.up(),
  },
  slow: {
    start: (d: PaymentDrive) => d.admin.setFaults({ latencyMs: SLOW_MS, onlyOps: ['order.create'] }),
    end: (d: PaymentDrive) => d.admin.clearFaults(),
  },
} as const;

/**
 * Each outage: the fault, when it comes, and how many orders each application may have at the platform
 * while it lasts (least, most): none can be made while it is down; the slow one makes an order for a
 * request that timed out; a code waiting to be paid has its order.
 */
export const OUTAGES = {
  'down as payments fall due': {
    fault: 'down',
    when: 'falling due',
    how: 'the platform down (connections refused) as the payments fall due',
    ordersEachWhileOut: [0, 0],
  },
  'slow as payments fall due': {
    fault: 'slow',
    when: 'falling due',
    ordersEachWhileOut: [0, 1],
    how: `the platform slow as the payments fall due: \`order.create\` answered ${SLOW_MS} ms late, past the payment subgraph’s 3 s timeout (the order made all the same)`,
  },
  'down while codes are unpaid': {
    fault: 'down',
    when: 'unpaid',
    how: 'the platform down while the payment codes wait to be paid (the applicant trying to pay)',
    ordersEachWhileOut: [1, 1],
  },
} as const;
export type Outage = keyof typeof OUTAGES;

export interface OutageOutcome {
  readonly applicants: readonly Applicant[];
  /**
   * Applicants told while the platform was out: the payment with a problem (ORDERING as it falls due,
   * UNPAID once its code is issued), the application waiting for payment (PAYMENT_DUE).
   */
  readonly told: number;
  /** What the first of them was told. */
  readonly problem: string | null;
  /** Orders at the platform under the applications' references while it was out (a slow one still makes them). */
  readonly ordersDuring: number;
  /** Payments the applicants tried while the platform was out, which did not go through. */
  readonly paymentsFailedDuring: number;
  /** Second payments of a code the platform refused (each applicant paid twice at once). */
  readonly secondPaymentsRefused: number;
}

export async function outageAtCheckout(d: PaymentDrive, outage: Outage, n: number): Promise<OutageOutcome> {
  const { fault, when } = OUTAGES[outage];
  const apps =
    when === 'unpaid' ? await d.due(n, `platform ${outage}`) : await d.handIn(n, `platform ${outage}`);
  const codes = new Map<string, { paymentCode: string; total: string }>();
  for (const a of apps) if (when === 'unpaid') codes.set(a.id, (await d.paymentOf(a)).order!);
  await FAULTS[fault].start(d);
  let told = 0;
  let problem: string | null = null;
  let ordersDuring = 0;
  let paymentsFailedDuring = 0;
  try {
    if (when === 'falling due') await d.fallDue();
    for (const a of apps) {
      const code = codes.get(a.id);
      if (code)
        paymentsFailedDuring += await d.payer.pay(code.paymentCode, fen(code.total)).then(
          (r) => (r.code === '0000' ? 0 : 1),
          () => 1,
        );
      // The hall tries again and again meanwhile (backoff of at most a second): the applicant is told.
      const p = await d.waitPayment(
        a,
        (x) => x.status === (when === 'unpaid' ? 'UNPAID' : 'ORDERING') && !!x.problem,
        'the applicant told the platform is out',
        { partial: true },
      );
      problem ??= p.problem;
      if ((await d.application(a)).status === 'PAYMENT_DUE') told++;
    }
    for (const a of apps) ordersDuring += (await d.admin.orders(orderReference(a.id, 1))).length;
  } finally {
    await FAULTS[fault].end(d);
  }
  let secondPaymentsRefused = 0;
  for (const a of apps) {
    // The payment subgraph's breaker may still be open a moment: its order's fields then come back as
    // errors; wait for them.
    const due = await d.waitPayment(
      a,
      (x) => x.status === 'UNPAID' && x.problem === null && !!x.order,
      'the code there and the problem gone once the platform is back',
      { partial: true },
    );
    // Paid twice at once: the platform takes one payment and refuses the other (4003).
    const order = due.order!;
    const answers = await Promise.all(
      [0, 1].map(() => d.payer.pay(order.paymentCode, fen(order.total), 'ONLINE_BANKING')),
    );
    for (const r of answers)
      if (r.code === '0000' && r.data)
        a.payments.push({ orderNumber: r.data.order_no, paidAt: r.data.paid_at });
      else if (r.code === '4003') secondPaymentsRefused++;
    await d.recorded(a);
  }
  return { applicants: apps, told, problem, ordersDuring, paymentsFailedDuring, secondPaymentsRefused };
}
