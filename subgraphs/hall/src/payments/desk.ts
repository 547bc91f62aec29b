import type { Logger } from '@onething/runtime';
import { fenToYuan, yuanToFen } from '@onething/schema';
import type { Application, Part } from '../applications/model';
import type { Applications } from '../applications/store';
import type { BundleCatalogue } from '../catalogue/bundle-catalogue';
import { DispatchError, retryable } from '../dispatch/department-api';
import { previewFees } from '../fees/preview';
import { Notices } from '../notices/store';
import { jitteredBackoff } from '../outbox/backoff';
import { enqueue, type Job, type JobQueue } from '../outbox/jobs';
import type { ActingFor, GraphQLAnswer, SupergraphClient } from '../platform/supergraph-client';
import type { Queryable, UnitOfWork } from '../platform/unit-of-work';
import {
  orderReference,
  type Payment,
  type PaymentEvent,
  type PaymentLine,
  type PaymentOrderRecord,
  paymentTransition,
  refundsOwed,
  SETTLED,
} from './model';
import type { Payments } from './store';

export interface PaymentDeskSettings {
  /** The platform's payee code of each department's collection account (`PAYMENT_PAYEES`). */
  readonly payees: ReadonlyMap<string, string>;
  /** How long a payment code may be paid (`PAYMENT_EXPIRES_MINUTES`). */
  readonly expiresInMinutes: number;
  readonly pollIntervalMs: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
}

/** An order as the supergraph answers it (money in yuan). */
interface WireOrder {
  readonly orderNumber: string;
  readonly reference: string;
  readonly paymentCode: string;
  readonly status: PaymentOrderRecord['status'];
  readonly revision: number;
  readonly total: string;
  readonly refunded: string;
  readonly expiresAt: string;
  readonly paidAt: string | null;
  readonly channel: PaymentOrderRecord['channel'];
  readonly latePayment: boolean;
  readonly lines: readonly { subOrderNumber: string; lineKey: string }[];
}

const ORDER = `orderNumber reference paymentCode status revision total refunded expiresAt paidAt channel
  latePayment lines { subOrderNumber lineKey }`;

const fen = (yuan: string): number => {
  const f = yuanToFen(yuan);
  if (f === undefined)
    throw new DispatchError(true, 'MALFORMED_RESPONSE', `the platform answered "${yuan}" as an amount`);
  return f;
};

const toRecord = (o: WireOrder): PaymentOrderRecord => ({
  orderNumber: o.orderNumber,
  reference: o.reference,
  paymentCode: o.paymentCode,
  total: fen(o.total),
  expiresAt: new Date(o.expiresAt),
  status: o.status,
  revision: o.revision,
  paidAt: o.paidAt ? new Date(o.paidAt) : null,
  channel: o.channel,
  latePayment: o.latePayment,
  refunded: fen(o.refunded),
  subOrders: Object.fromEntries(o.lines.map((l) => [l.lineKey, l.subOrderNumber])),
});

/** What a call through the supergraph answered, or a DispatchError (retryable as its sender said). */
function answerOf<T>(answer: GraphQLAnswer<Record<string, T>>, field: string): T {
  const error = answer.errors?.[0];
  const value = answer.data?.[field];
  if (error || value === undefined)
    throw new DispatchError(
      !error || retryable(error),
      String(error?.extensions?.code ?? 'NO_ANSWER'),
      error?.message ?? 'no answer',
    );
  return value;
}

/** A line key the platform takes (letters, digits, _ or -), unique in the order. */
const lineKey = (itemCode: string, i: number) => `${itemCode.replace(/[^A-Za-z0-9_-]/g, '_')}-${i + 1}`;

/**
 * The hall's cashier (一窗收费): makes an application's payment order from the departments' own
 * assessments when the payment falls due, follows the order until it is paid (a notification, a poll, a
 * query from the window, whichever comes first), releases what the payment held back, and makes the
 * refunds a refusal or a late payment owes. Its work runs as jobs of the payment's anchor part (kinds
 * `pay` and `refund`) in the dispatcher's outbox, under the same leases; every call to the platform is
 * idempotent by its reference, so a crash or a second hall makes no second order and no second refund.
 */
export class PaymentDesk {
  constructor(
    private readonly deps: {
      readonly apps: Applications;
      readonly payments: Payments;
      readonly jobs: JobQueue;
      readonly uow: UnitOfWork;
      readonly catalogue: BundleCatalogue;
      readonly client: SupergraphClient;
      readonly settings: PaymentDeskSettings;
      readonly log: Logger;
    },
  ) {}

  /** Sends the parts a settled payment held back (the dispatcher's release), in the same transaction. */
  releaseHeld: (tx: Queryable, applicationId: string, now: Date) => Promise<void> = async () => {};

  /** Whether the payment holds this item back still. */
  static holds(payment: Payment | undefined, itemCode: string): boolean {
    return !!payment && payment.holds.includes(itemCode) && !SETTLED.has(payment.status);
  }

  /**
   * After an application's parts moved (in their transaction): a payment whose assessments are all
   * approved falls due; a refused application owes back what it did not use. Answers the payment as it
   * is now.
   */
  async afterPartsMoved(tx: Queryable, parts: readonly Part[], now: Date): Promise<Payment | undefined> {
    const applicationId = parts[0]?.applicationId;
    if (!applicationId) return undefined;
    const payment = await this.deps.payments.lock(tx, applicationId);
    if (!payment) return undefined;
    const approved = parts.filter((p) => p.status === 'APPROVED').map((p) => p.itemCode);
    if (parts.some((p) => p.status === 'REJECTED'))
      return this.apply(tx, payment, { type: 'refused', used: approved }, now);
    if (payment.status === 'NOT_DUE' && payment.waitsFor.every((c) => approved.includes(c)))
      return this.apply(tx, payment, { type: 'due' }, now);
    return payment;
  }

  /** Applies an event and carries out its consequences in `tx`; a refused event changes nothing. */
  async apply(tx: Queryable, payment: Payment, event: PaymentEvent, now: Date): Promise<Payment> {
    const t = paymentTransition(payment, event);
    if (!t.ok) {
      this.deps.log.debug({ application: payment.applicationId, event: event.type }, t.refusal);
      return payment;
    }
    if (Object.keys(t.change).length === 0) return payment;
    const updated = await this.deps.payments.update(tx, payment.applicationId, t.change, now);
    if (t.next.includes('order') || t.next.includes('follow'))
      await enqueue(tx, payment.anchorPartId, 'pay', now, {}, now);
    if (t.next.includes('refund')) await enqueue(tx, payment.anchorPartId, 'refund', now, {}, now);
    if (t.next.includes('releaseHeld')) await this.releaseHeld(tx, payment.applicationId, now);
    // A payment code issued (or issued anew): the applicant is told what to pay.
    if (updated.status === 'UNPAID' && payment.status !== 'UNPAID') await this.tellDue(tx, updated, now);
    // The application's status reads its payment (PAYMENT_DUE).
    if (payment.status !== updated.status) await this.deps.apps.refreshStatus(tx, payment.applicationId, now);
    return updated;
  }

  private async tellDue(tx: Queryable, p: Payment, now: Date): Promise<void> {
    const a = await tx
      .selectFrom('applications')
      .select(['bundle_code', 'applicant_id_number', 'values'])
      .where('id', '=', p.applicationId)
      .executeTakeFirstOrThrow();
    await Notices.add(
      tx,
      { id: p.applicationId, applicantIdNumber: a.applicant_id_number, values: a.values },
      'PAYMENT_DUE',
      { ...this.deps.apps.noticeParams(p.applicationId, a.bundle_code), amount: fenToYuan(p.total ?? 0) },
      now,
    );
  }

  /** Records an event under a held job's lease, in one transaction. */
  private async record(job: Job, applicationId: string, event: PaymentEvent, now = new Date()) {
    return this.deps.uow(async (tx) => {
      if (!(await this.deps.jobs.holds(tx, job.id))) return undefined;
      const payment = await this.deps.payments.lock(tx, applicationId);
      return payment && this.apply(tx, payment, event, now);
    });
  }

  /** Runs a `pay` or `refund` job of a payment's anchor part; answers whether it released held parts. */
  async run(
    job: Job,
    part: Part,
    application: Application,
  ): Promise<'recorded' | 'retry' | 'lease_lost' | 'stale'> {
    const actingFor: ActingFor = {
      idNumber: application.applicantIdNumber,
      enterprises: application.enterprises,
    };
    const log = this.deps.log.child({ application: application.id, job: job.kind });
    try {
      const payment = await this.deps.payments.get(application.id);
      if (!payment) {
        await this.deps.uow((tx) => this.deps.jobs.complete(tx, job.id));
        return 'stale';
      }
      const settled =
        job.kind === 'refund'
          ? await this.refund(job, payment, actingFor, log)
          : await this.pay(job, payment, application, actingFor, log);
      if (settled === undefined) return 'lease_lost';
      return 'recorded';
    } catch (e) {
      const err =
        e instanceof DispatchError ? e : new DispatchError(true, 'UNEXPECTED', (e as Error).message);
      log.warn(
        { code: err.code, attempts: job.attempts + 1, part: part.id },
        `payment step failed: ${err.message}`,
      );
      const wait = jitteredBackoff(
        job.attempts + 1,
        this.deps.settings.backoffBaseMs,
        this.deps.settings.backoffMaxMs,
      );
      return this.deps.uow(async (tx) => {
        if (!(await this.deps.jobs.holds(tx, job.id))) return 'lease_lost' as const;
        const payment = await this.deps.payments.lock(tx, application.id);
        if (payment)
          await this.apply(
            tx,
            payment,
            { type: 'problem', message: `${err.code}: ${err.message}` },
            new Date(),
          );
        await this.deps.jobs.reschedule(
          tx,
          job.id,
          new Date(Date.now() + wait),
          `${err.code}: ${err.message}`,
        );
        return 'retry' as const;
      });
    }
  }

  /**
   * Reads the application's orders back from the platform now (after the POS took the payment, or the
   * applicant came back from online banking), outside the job: the same events under the payment's row
   * lock, so a job reading at the same time changes nothing twice.
   */
  async readNow(application: Application): Promise<Payment | undefined> {
    const actingFor: ActingFor = {
      idNumber: application.applicantIdNumber,
      enterprises: application.enterprises,
    };
    let p = await this.deps.payments.get(application.id);
    for (const order of p?.orders ?? []) {
      if (order.status === 'REFUNDED') continue;
      const read = await this.readOrder(order.orderNumber, actingFor);
      if (!read) continue;
      p = await this.deps.uow(async (tx) => {
        const locked = await this.deps.payments.lock(tx, application.id);
        return locked && this.apply(tx, locked, { type: 'read', order: read, at: new Date() }, new Date());
      });
    }
    return p;
  }

  /** A new payment code after the last expired (refused otherwise, with why). */
  async renew(applicationId: string): Promise<{ payment: Payment } | { refusal: string }> {
    return this.deps.uow(async (tx) => {
      const p = await this.deps.payments.lock(tx, applicationId);
      if (!p) return { refusal: 'the application has no payment' };
      const t = paymentTransition(p, { type: 'renew' });
      if (!t.ok) return { refusal: t.refusal };
      return { payment: await this.apply(tx, p, { type: 'renew' }, new Date()) };
    });
  }

  /** Orders when due, then follows the orders until nothing more can happen to them by themselves. */
  private async pay(job: Job, payment: Payment, application: Application, actingFor: ActingFor, log: Logger) {
    let p: Payment | undefined = payment;
    if (p.status === 'ORDERING' && p.total === null) {
      p = await this.record(job, application.id, { type: 'assessed', lines: await this.assess(application) });
      if (!p) return undefined;
      log.info({ total: p.total, lines: p.lines.length }, 'fees assessed for payment');
    }
    if (p.status === 'ORDERING') {
      const order = await this.createOrder(p, application, actingFor);
      p = await this.record(job, application.id, { type: 'ordered', order });
      if (!p) return undefined;
      log.info({ orderNumber: order.orderNumber, total: order.total }, 'payment order made');
    }
    // Read back every order that may still change by itself (unpaid, not yet expired), or that a
    // notification named (the job was nudged): a notification is a prompt, never the record.
    for (const order of p.orders) {
      if (order.status === 'REFUNDED' || (order.status === 'PAID' && p.status === 'PAID')) continue;
      const read = await this.readOrder(order.orderNumber, actingFor);
      if (!read) continue;
      p = await this.record(job, application.id, { type: 'read', order: read, at: new Date() });
      if (!p) return undefined;
    }
    const following = p.orders.some((o) => o.status === 'UNPAID');
    return this.deps.uow(async (tx) => {
      if (!(await this.deps.jobs.holds(tx, job.id))) return undefined;
      if (following)
        await this.deps.jobs.reschedule(tx, job.id, new Date(Date.now() + this.deps.settings.pollIntervalMs));
      else await this.deps.jobs.complete(tx, job.id);
      return p;
    });
  }

  /** Each department's assessment of its items, from the application's values, as payment lines. */
  private async assess(application: Application): Promise<PaymentLine[]> {
    const bundle = this.deps.catalogue.bundle(application.bundleCode);
    if (!bundle)
      throw new DispatchError(false, 'BUNDLE_UNKNOWN', `the hall no longer serves ${application.bundleCode}`);
    const preview = await previewFees(
      this.deps.catalogue,
      this.deps.client,
      bundle,
      application.options,
      application.values,
    );
    if (!preview.complete) {
      const missing = preview.departments.filter((d) => d.problem);
      throw new DispatchError(
        true,
        missing[0]?.problem?.code ?? 'DEPARTMENT_UNAVAILABLE',
        `the fees cannot be assessed: ${missing.map((d) => `${d.department} (${d.problem?.detail ?? d.problem?.message.en})`).join(', ')}`,
      );
    }
    return preview.departments.flatMap((d) =>
      d.lines.map((l, i): PaymentLine => {
        const payee = this.deps.settings.payees.get(d.department);
        if (!payee && l.amount > 0)
          throw new DispatchError(
            false,
            'PAYEE_UNKNOWN',
            `no payee is configured for ${d.department} (PAYMENT_PAYEES)`,
          );
        return {
          lineKey: lineKey(l.itemCode, i),
          itemCode: l.itemCode,
          department: d.department,
          payee: payee ?? '',
          item: l.name.zh,
          basis: `${l.rule.zh}（${l.rule.citation}）`.slice(0, 200),
          amount: l.amount,
          subOrderNumber: null,
        };
      }),
    );
  }

  private async createOrder(
    p: Payment,
    application: Application,
    actingFor: ActingFor,
  ): Promise<PaymentOrderRecord> {
    const bundle = this.deps.catalogue.bundle(application.bundleCode);
    const answer = await this.call<WireOrder>(
      `mutation Order($input: PaymentOrderInput!) { createPaymentOrder(input: $input) { ${ORDER} } }`,
      {
        input: {
          reference: orderReference(application.id, p.attempt),
          payerIdNumber: application.applicantIdNumber,
          payerName: application.applicantName,
          subject: `${bundle?.name.zh ?? application.bundleCode}一件事（${application.id}）`.slice(0, 60),
          expiresInMinutes: this.deps.settings.expiresInMinutes,
          lines: p.lines.map((l) => ({
            lineKey: l.lineKey,
            payee: l.payee,
            item: l.item,
            basis: l.basis,
            amount: fenToYuan(l.amount),
          })),
        },
      },
      'createPaymentOrder',
      actingFor,
    );
    return toRecord(answer);
  }

  private async readOrder(orderNumber: string, actingFor: ActingFor): Promise<PaymentOrderRecord | null> {
    const order = await this.call<WireOrder | null>(
      `query Order($n: String!) { paymentOrder(orderNumber: $n) { ${ORDER} } }`,
      { n: orderNumber },
      'paymentOrder',
      actingFor,
    );
    return order ? toRecord(order) : null;
  }

  /** Makes every refund owed, once each (the platform refunds once per reference). */
  private async refund(job: Job, payment: Payment, actingFor: ActingFor, log: Logger) {
    let p: Payment | undefined = payment;
    for (const owed of refundsOwed(payment)) {
      const done = await this.call<{
        refund: { refundNumber: string; amount: string; refundedAt: string };
        order: WireOrder;
      }>(
        `mutation Refund($input: PaymentRefundInput!) { refundPayment(input: $input) { refund { refundNumber amount refundedAt } order { ${ORDER} } } }`,
        {
          input: {
            orderNumber: owed.orderNumber,
            reference: owed.reference,
            ...(owed.subOrderNumber ? { subOrderNumber: owed.subOrderNumber } : {}),
            reason: owed.reason,
          },
        },
        'refundPayment',
        actingFor,
      );
      p = await this.record(job, payment.applicationId, {
        type: 'refunded',
        reference: owed.reference,
        amount: fen(done.refund.amount),
        refundNumber: done.refund.refundNumber,
        at: new Date(done.refund.refundedAt),
      });
      if (!p) return undefined;
      p = await this.record(job, payment.applicationId, {
        type: 'read',
        order: toRecord(done.order),
        at: new Date(),
      });
      if (!p) return undefined;
      log.info(
        { refundNumber: done.refund.refundNumber, orderNumber: owed.orderNumber, amount: done.refund.amount },
        'refunded',
      );
    }
    return this.deps.uow(async (tx) => {
      if (!(await this.deps.jobs.holds(tx, job.id))) return undefined;
      await this.deps.jobs.complete(tx, job.id);
      return p;
    });
  }

  private async call<T>(
    query: string,
    variables: Record<string, unknown>,
    field: string,
    actingFor: ActingFor,
  ): Promise<T> {
    let answer: GraphQLAnswer<Record<string, T>>;
    try {
      answer = await this.deps.client.query<Record<string, T>>(query, variables, actingFor);
    } catch (e) {
      throw new DispatchError(
        true,
        'GATEWAY_UNREACHABLE',
        `the gateway cannot be reached: ${(e as Error).message}`,
      );
    }
    return answerOf(answer, field);
  }
}
