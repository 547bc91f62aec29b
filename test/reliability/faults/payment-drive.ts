import { type DeliveryAttempt, Payer, PaymentAdmin } from '@onething/legacy-payment';
import {
  APPLICATION_FIELDS,
  type ApplicationView,
  advanceClocks,
  buyerToken,
  eventually,
  houseTransferMaterials,
  houseTransferValues,
  type Parties,
  parties,
  submit,
} from '../../stack/house-transfer';
import type { TestStack } from '../../stack/support';

/**
 * The payment faults' driver: house transfers handed in and brought to their payment (一窗收费) on a
 * stack whose payers pay only when the test pays, read back as the applicant sees them, and paid through
 * the platform's payer channel (online banking, the window's POS).
 */

/** An application's payment as its applicant reads it (money in yuan). */
export interface PaymentView {
  status: string;
  total: string | null;
  paidAt: string | null;
  problem: string | null;
  refunds: { orderNumber: string; amount: string | null; refundNumber: string | null }[];
  order: {
    orderNumber: string;
    paymentCode: string;
    status: string;
    total: string;
    paid: string;
    refunded: string;
    latePayment: boolean;
  } | null;
}

const PAYMENT = `payment { status total paidAt problem refunds { orderNumber amount refundNumber }
  order { orderNumber paymentCode status total paid refunded latePayment } }`;

/** An application of the run: its applicant, and what the test did to it. */
export interface Applicant {
  readonly parties: Parties;
  readonly token: string;
  readonly id: string;
  /** The scenario it was handed in for (a row of the section). */
  readonly scenario: string;
  /** Payments the test made for it: the order paid and when the payer's call was answered. */
  readonly payments: { orderNumber: string; paidAt: string }[];
  /** Refused by the registry on purpose (its registration fee then refunded): it ends REJECTED. */
  refused?: boolean;
  /** Given a new payment code after the first expired (a second order at the platform). */
  renewed?: boolean;
}

export const fen = (yuan: string) => Math.round(Number(yuan) * 100);

export class PaymentDrive {
  readonly admin: PaymentAdmin;
  readonly payer: Payer;
  readonly applicants: Applicant[] = [];
  private pair = 0;

  constructor(readonly s: TestStack) {
    const { port, adminPort } = s.ports.platforms.payment;
    this.admin = new PaymentAdmin(`http://127.0.0.1:${adminPort}`);
    this.payer = new Payer(`http://127.0.0.1:${port}`);
  }

  /**
   * The payment as its applicant reads it. `partial`: while the platform is out, the order's own fields
   * (read from the platform) come back as errors beside what the hall recorded; answer what came.
   */
  async paymentOf(a: Applicant, partial = false): Promise<PaymentView> {
    const r = await this.s.gql<{ application: { payment: PaymentView } }>(
      `query P($id: ID!) { application(id: $id) { ${PAYMENT} } }`,
      { id: a.id },
      a.token,
    );
    if ((r.errors?.length && !partial) || !r.data?.application)
      throw new Error(`payment of ${a.id}: ${JSON.stringify(r.errors)}`);
    return r.data.application.payment;
  }

  async application(a: Applicant): Promise<ApplicationView> {
    const r = await this.s.gql<{ application: ApplicationView }>(
      `query A($id: ID!) { application(id: $id) { ${APPLICATION_FIELDS} } }`,
      { id: a.id },
      a.token,
    );
    if (r.errors?.length || !r.data) throw new Error(`application ${a.id}: ${JSON.stringify(r.errors)}`);
    return r.data.application;
  }

  /**
   * Reads until `check` passes. `tolerant`: a read that fails is not yet, rather than a failure (a hall
   * just started again may be slow to answer its first queries through the gateway); each is counted.
   */
  private async until<T>(
    read: () => Promise<T>,
    check: (v: T) => boolean,
    what: string,
    { timeoutMs = 60_000, tolerant = false } = {},
  ): Promise<T> {
    if (!tolerant) return eventually(read, check, what, timeoutMs);
    const last = await eventually(
      () =>
        read().then(
          (value) => ({ value }),
          (e: Error) => {
            this.failedReads.push(e.message);
            return { error: e.message };
          },
        ),
      (r) => 'value' in r && check(r.value),
      what,
      timeoutMs,
    );
    return (last as { value: T }).value;
  }

  /** Reads that failed while tolerated (see {@link until}), with why. */
  readonly failedReads: string[] = [];

  /** Waits until an applicant's payment passes `check` (`partial`: see {@link paymentOf}). */
  waitPayment(
    a: Applicant,
    check: (p: PaymentView) => boolean,
    what: string,
    { timeoutMs = 60_000, partial = false, tolerant = false } = {},
  ) {
    return this.until(() => this.paymentOf(a, partial), check, `${a.id}: ${what}`, { timeoutMs, tolerant });
  }

  /** Waits until an applicant's application passes `check` (`tolerant`: see {@link until}). */
  waitApplication(
    a: Applicant,
    check: (v: ApplicationView) => boolean,
    what: string,
    { timeoutMs = 60_000, tolerant = false } = {},
  ) {
    return this.until(() => this.application(a), check, `${a.id}: ${what}`, { timeoutMs, tolerant });
  }

  /**
   * Hands in `n` house transfers, each by a buyer of its own, and waits until the deed tax and the
   * withdrawal are with their departments (the payment not due yet: it follows the deed tax's approval).
   */
  async handIn(n: number, scenario: string): Promise<Applicant[]> {
    const handed = await Promise.all(
      Array.from({ length: n }, async () => {
        const p = parties(this.pair++);
        const token = await buyerToken(this.s, p);
        const submitted = await submit(this.s, token, {
          bundleCode: 'HOUSE-TRANSFER',
          values: houseTransferValues(p.buyer.idNumber, p.seller.idNumber),
          materials: await houseTransferMaterials(this.s, token),
        });
        const a: Applicant = { parties: p, token, id: submitted.id, scenario, payments: [] };
        return a;
      }),
    );
    this.applicants.push(...handed);
    for (const a of handed)
      await this.waitApplication(
        a,
        (v) => v.parts.filter((x) => x.caseNumber && x.itemCode !== 'RE-TRANSFER').length === 2,
        'the deed tax and the withdrawal with their departments',
      );
    return handed;
  }

  /** Two simulated days at the departments: the deed tax and the withdrawal decided, payments fall due. */
  fallDue(): Promise<void> {
    return advanceClocks(this.s, 48);
  }

  /** Hands in `n` house transfers and brings each to its payment code, issued and unpaid. */
  async due(n: number, scenario: string): Promise<Applicant[]> {
    const handed = await this.handIn(n, scenario);
    await this.fallDue();
    for (const a of handed)
      await this.waitPayment(a, (p) => p.status === 'UNPAID', 'the payment code issued');
    return handed;
  }

  /** Pays an applicant's current order in full, as the payer's bank does; answers the platform's answer. */
  async pay(a: Applicant, channel: 'ONLINE_BANKING' | 'POS' = 'ONLINE_BANKING') {
    const view = await this.paymentOf(a);
    if (!view.order) throw new Error(`${a.id} has no order to pay: ${JSON.stringify(view)}`);
    const paid = await this.payer.pay(view.order.paymentCode, fen(view.order.total), channel);
    if (paid.code !== '0000' || !paid.data)
      throw new Error(`paying ${view.order.orderNumber} answered ${paid.code} ${paid.message}`);
    a.payments.push({ orderNumber: paid.data.order_no, paidAt: paid.data.paid_at });
    return paid.data;
  }

  /**
   * Waits until the payment is recorded paid and the registration it held back went to the registry
   * (`tolerant`: see {@link until}).
   */
  async recorded(a: Applicant, { timeoutMs = 60_000, tolerant = false } = {}): Promise<PaymentView> {
    const view = await this.waitPayment(a, (p) => p.status === 'PAID', 'the payment recorded', {
      timeoutMs,
      tolerant,
    });
    await this.waitApplication(
      a,
      (v) => !!v.parts.find((x) => x.itemCode === 'RE-TRANSFER')?.caseNumber,
      'the transfer registration sent after payment',
      { timeoutMs, tolerant },
    );
    return view;
  }

  /** Every delivery attempt of the platform's notifications so far. */
  async deliveries(): Promise<DeliveryAttempt[]> {
    return (await this.admin.notifications()).attempts;
  }

  /** Waits until the platform has made deliveries of these orders that pass `check`. */
  waitDeliveries(
    orderNumbers: readonly string[],
    check: (attempts: DeliveryAttempt[]) => boolean,
    what: string,
    timeoutMs = 60_000,
  ): Promise<DeliveryAttempt[]> {
    const mine = new Set(orderNumbers);
    return eventually(
      async () => (await this.deliveries()).filter((d) => mine.has(d.orderNo)),
      check,
      what,
      timeoutMs,
    );
  }

  /** Payment jobs the hall process ran (since it last started). */
  hallPaymentJobs(): Promise<number> {
    return this.s.metric(
      `http://127.0.0.1:${this.s.ports.hall}`,
      'onething_hall_dispatch_jobs_total{kind="pay"',
    );
  }

  /** Waits until the hall has run its payment jobs once more than `since` (a prompt taken up, a poll). */
  async hallRanPaymentJobs(since: number): Promise<void> {
    await eventually(
      () => this.hallPaymentJobs(),
      (n) => n > since,
      'the hall running its payment jobs',
    );
  }
}

/** The fields of a payment the hall records (the order's live fields aside). */
export const recordedFields = (p: PaymentView) => ({
  status: p.status,
  total: p.total,
  paidAt: p.paidAt,
  problem: p.problem,
  refunds: p.refunds,
  order: p.order && { orderNumber: p.order.orderNumber, paymentCode: p.order.paymentCode },
});
