import { type SubgraphContext, subgraphError } from '@onething/subgraph-kit';
import type { Application } from '../applications/model';
import type { ApplicationService } from '../applications/service';
import type { Resolvers } from '../generated/resolvers-types';
import { hallId } from '../ids';
import type { PaymentDesk } from './desk';
import { currentOrder, type Payment } from './model';
import type { Reconciliation, ReconciliationResult } from './reconcile';
import type { Payments } from './store';

type Ctx = SubgraphContext<Record<string, unknown>>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** An application's payment as the schema shows it (money in fen: the hall's Money scalar writes yuan). */
export const paymentShape = (p: Payment) => {
  const order = currentOrder(p);
  return {
    status: p.status,
    waitsFor: p.waitsFor,
    holds: p.holds,
    fees: p.lines.map((l) => ({
      itemCode: l.itemCode,
      department: l.department.toUpperCase(),
      name: l.item,
      basis: l.basis,
      amount: l.amount,
    })),
    total: p.total,
    order: order ? { __typename: 'PaymentOrder' as const, orderNumber: order.orderNumber } : null,
    paidAt: iso(p.paidAt),
    refunds: p.refunds.map((r) => ({
      orderNumber: r.orderNumber,
      reason: r.reason,
      amount: r.amount,
      refundNumber: r.refundNumber,
      refundedAt: iso(r.at),
    })),
    problem: p.problem,
  };
};

const reconciliationShape = (r: ReconciliationResult) => ({
  ...r,
  reconciledAt: r.reconciledAt.toISOString(),
  mismatches: r.mismatches.map((m) => ({ ...m })),
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The payment of an application (一窗收费): shown with the application to whoever may read it; a new
 * payment code and a read-back for its applicant, their agent and window staff; the reconciliation of a
 * day for window staff.
 */
export function paymentResolvers(deps: {
  readonly service: ApplicationService;
  readonly payments: Payments;
  readonly desk: PaymentDesk;
  readonly reconciliation: Reconciliation;
  readonly wake: () => void;
}): Resolvers {
  const { service, payments, desk, reconciliation } = deps;

  /** The application, if the caller may act on its payment: its applicant, their agent, window staff. */
  const actable = async (ctx: Ctx, id: string): Promise<Application> => {
    const a = await service.visible(ctx.identity, hallId('applicationId', id, 'an application'));
    if (!a) throw subgraphError('NOT_FOUND', 'hall', `no application ${id} that you may see`);
    // Only the applicant (or their agent) and the window act on it: departments assess fees and supervisors
    // watch, neither takes payments.
    if (ctx.identity.role !== 'applicant' && ctx.identity.role !== 'window-staff')
      throw subgraphError(
        'FORBIDDEN',
        'hall',
        'an application’s payment is its applicant’s, their agent’s and the window’s: departments assess fees, supervisors watch, neither takes payments',
      );
    return a;
  };

  const windowStaff = (ctx: Ctx) => {
    if (ctx.identity.role !== 'window-staff')
      throw subgraphError('FORBIDDEN', 'hall', 'payment reconciliation is for window staff');
  };

  const day = (date: string) => {
    // The platform answers a day before its own today only; the hall checks the form.
    if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
      throw subgraphError('INVALID_INPUT', 'hall', `date must be a day as yyyy-MM-dd: got ${date}`, {
        problems: [
          {
            path: 'date',
            rule: 'date.format',
            message: { zh: '日期格式应为 yyyy-MM-dd', en: 'give the day as yyyy-MM-dd' },
          },
        ],
      });
    return date;
  };

  return {
    Application: {
      payment: async (a: Application) => {
        const p = await payments.get(a.id);
        return p ? paymentShape(p) : null;
      },
    },
    Query: {
      paymentReconciliation: async (_: unknown, { date }: { date: string }, ctx: Ctx) => {
        windowStaff(ctx);
        const r = await reconciliation.of(day(date));
        return r ? reconciliationShape(r) : null;
      },
    },
    Mutation: {
      renewPayment: async (_: unknown, { applicationId }: { applicationId: string }, ctx: Ctx) => {
        const a = await actable(ctx, applicationId);
        const renewed = await desk.renew(a.id);
        if ('refusal' in renewed)
          throw subgraphError('PAYMENT_NOT_RENEWABLE', 'hall', `no new payment code: ${renewed.refusal}`);
        deps.wake();
        return paymentShape(renewed.payment);
      },
      checkPayment: async (_: unknown, { applicationId }: { applicationId: string }, ctx: Ctx) => {
        const a = await actable(ctx, applicationId);
        const p = await desk.readNow(a);
        if (!p) throw subgraphError('NOT_FOUND', 'hall', `application ${a.id} has no payment`);
        deps.wake();
        return paymentShape(p);
      },
      reconcilePayments: async (_: unknown, { date }: { date: string }, ctx: Ctx) => {
        windowStaff(ctx);
        return reconciliationShape(await reconciliation.reconcile(day(date)));
      },
    },
  } as Resolvers;
}
