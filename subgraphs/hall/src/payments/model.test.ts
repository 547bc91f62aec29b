import { describe, expect, it } from 'vitest';
import { type Payment, type PaymentLine, type PaymentOrderRecord, paymentTransition } from './model';

const line = (itemCode: string, amount: number, lineKey = `${itemCode}-1`): PaymentLine => ({
  lineKey,
  itemCode,
  department: itemCode.startsWith('TAX') ? 'tax' : 'realestate',
  payee: itemCode.startsWith('TAX') ? 'TAX-TREASURY' : 'RE-FEE',
  item: itemCode.startsWith('TAX') ? '契税' : '不动产登记费',
  basis: 'rule',
  amount,
  subOrderNumber: null,
});

const order = (over: Partial<PaymentOrderRecord> = {}): PaymentOrderRecord => ({
  orderNumber: 'UPP202612040000000001',
  reference: 'app-fees-1',
  paymentCode: '11010526000000000017',
  total: 1_508_000,
  expiresAt: new Date('2026-12-05T00:00:00Z'),
  status: 'UNPAID',
  revision: 0,
  paidAt: null,
  channel: null,
  latePayment: false,
  refunded: 0,
  subOrders: { 'TAX-DEED-TAX-1': 'UPP20261204000000000101', 'RE-TRANSFER-1': 'UPP20261204000000000102' },
  ...over,
});

const payment = (over: Partial<Payment> = {}): Payment => ({
  applicationId: 'app',
  anchorPartId: 'part-transfer',
  waitsFor: ['TAX-DEED-TAX'],
  holds: ['RE-TRANSFER'],
  proof: 'fee-payment-voucher',
  status: 'NOT_DUE',
  attempt: 1,
  lines: [],
  total: null,
  orders: [],
  refunds: [],
  paidAt: null,
  problem: null,
  ...over,
});

const lines = [line('TAX-DEED-TAX', 1_500_000), line('RE-TRANSFER', 8_000)];
const paidAt = new Date('2026-12-04T03:00:00Z');

describe('the payment state machine (一窗收费)', () => {
  it('falls due once, orders, and releases the held items only when paid', () => {
    const due = paymentTransition(payment(), { type: 'due' });
    expect(due).toMatchObject({ ok: true, to: 'ORDERING', next: ['order'] });
    const p1 = payment({ status: 'ORDERING' });
    const assessed = paymentTransition(p1, { type: 'assessed', lines });
    expect(assessed).toMatchObject({ ok: true, to: 'ORDERING', change: { total: 1_508_000 } });
    const p2 = payment({ status: 'ORDERING', lines, total: 1_508_000 });
    const ordered = paymentTransition(p2, { type: 'ordered', order: order() });
    expect(ordered).toMatchObject({ ok: true, to: 'UNPAID', next: ['follow'] });
    if (!ordered.ok) throw new Error();
    expect(ordered.change.lines?.map((l) => l.subOrderNumber)).toEqual([
      'UPP20261204000000000101',
      'UPP20261204000000000102',
    ]);
    const p3 = payment({ status: 'UNPAID', lines, total: 1_508_000, orders: [order()] });
    const paid = paymentTransition(p3, {
      type: 'read',
      order: order({ status: 'PAID', revision: 1, paidAt, channel: 'POS' }),
      at: paidAt,
    });
    expect(paid).toMatchObject({ ok: true, to: 'PAID', change: { paidAt }, next: ['releaseHeld'] });
  });

  it('takes an order answered already paid when made (a create sent again) as paid at once', () => {
    // The first create's answer was lost, or another hall process took the job over: the platform answers
    // the order under the same reference as it is now, paid meanwhile.
    const p = payment({ status: 'ORDERING', lines, total: 1_508_000 });
    const paidOrder = order({ status: 'PAID', revision: 1, paidAt, channel: 'ONLINE_BANKING' });
    const ordered = paymentTransition(p, { type: 'ordered', order: paidOrder });
    expect(ordered).toMatchObject({ ok: true, to: 'PAID', change: { paidAt, orders: [paidOrder] } });
    if (!ordered.ok) throw new Error();
    expect(ordered.next).toContain('releaseHeld');
    expect(ordered.change.lines?.map((l) => l.subOrderNumber)).toEqual([
      'UPP20261204000000000101',
      'UPP20261204000000000102',
    ]);
    // Read back later at the same revision, it changes nothing more.
    const recorded = payment({ ...p, ...ordered.change });
    expect(paymentTransition(recorded, { type: 'read', order: paidOrder, at: paidAt })).toMatchObject({
      ok: true,
      to: 'PAID',
      change: {},
    });
  });

  it('refuses to fall due twice, and passes at once when nothing is assessed', () => {
    expect(paymentTransition(payment({ status: 'UNPAID' }), { type: 'due' }).ok).toBe(false);
    const free = paymentTransition(payment({ status: 'ORDERING' }), {
      type: 'assessed',
      lines: [line('RE-TRANSFER', 0)],
    });
    expect(free).toMatchObject({ ok: true, to: 'NOT_NEEDED', next: ['releaseHeld'] });
  });

  it('changes nothing for a duplicate or an older state (out-of-order notifications)', () => {
    const paidOrder = order({ status: 'PAID', revision: 1, paidAt });
    const p = payment({ status: 'PAID', lines, orders: [paidOrder], paidAt });
    const again = paymentTransition(p, { type: 'read', order: paidOrder, at: paidAt });
    expect(again).toMatchObject({ ok: true, to: 'PAID', change: {}, next: [] });
    const older = paymentTransition(p, { type: 'read', order: order(), at: paidAt });
    expect(older).toMatchObject({ ok: true, to: 'PAID', change: {}, next: [] });
  });

  it('clears a problem of following the order once the platform answers again, not one of ordering', () => {
    const problem = 'DEPARTMENT_UNAVAILABLE: payment: order.query: cannot reach the department’s system';
    // The platform was down while the code waited to be paid: the applicant was told; it is back.
    const told = payment({ status: 'UNPAID', lines, orders: [order()], problem });
    const answered = paymentTransition(told, { type: 'read', order: order(), at: paidAt });
    expect(answered).toMatchObject({ ok: true, to: 'UNPAID', change: { problem: null }, next: [] });
    // Being ordered (a new code after the last expired): reading the old order says nothing of the new.
    const ordering = payment({
      status: 'ORDERING',
      attempt: 2,
      lines,
      orders: [order({ status: 'EXPIRED' })],
      problem,
    });
    const old = paymentTransition(ordering, {
      type: 'read',
      order: order({ status: 'EXPIRED' }),
      at: paidAt,
    });
    expect(old).toMatchObject({ ok: true, to: 'ORDERING', change: {} });
    // A refund made once the platform is back clears the problem its earlier tries left.
    const owed = payment({
      status: 'REFUNDED',
      lines,
      orders: [order({ status: 'PAID', revision: 1, paidAt })],
      paidAt,
      problem,
      refunds: [
        {
          reference: 'UPP202612040000000001-refund-RE-TRANSFER-1',
          orderNumber: 'UPP202612040000000001',
          subOrderNumber: 'UPP20261204000000000102',
          reason: 'not used',
          amount: null,
          refundNumber: null,
          at: null,
        },
      ],
    });
    const refunded = paymentTransition(owed, {
      type: 'refunded',
      reference: 'UPP202612040000000001-refund-RE-TRANSFER-1',
      amount: 8_000,
      refundNumber: 'RF1',
      at: paidAt,
    });
    expect(refunded).toMatchObject({ ok: true, to: 'REFUNDED', change: { problem: null } });
  });

  it('expires, renews under the next reference, and refunds a payment on the old code', () => {
    const p = payment({ status: 'UNPAID', lines, orders: [order()] });
    const expired = paymentTransition(p, {
      type: 'read',
      order: order({ status: 'EXPIRED', revision: 0 }),
      at: paidAt,
    });
    expect(expired).toMatchObject({ ok: true, to: 'EXPIRED' });
    const p2 = payment({ status: 'EXPIRED', lines, orders: [order({ status: 'EXPIRED' })] });
    expect(paymentTransition(p2, { type: 'renew' })).toMatchObject({
      ok: true,
      to: 'ORDERING',
      change: { attempt: 2 },
      next: ['order'],
    });
    expect(paymentTransition(payment({ status: 'UNPAID' }), { type: 'renew' }).ok).toBe(false);
    const late = paymentTransition(p2, {
      type: 'read',
      order: order({ status: 'PAID', revision: 1, paidAt, latePayment: true }),
      at: paidAt,
    });
    expect(late).toMatchObject({ ok: true, to: 'EXPIRED', next: ['refund'] });
    if (!late.ok) throw new Error();
    expect(late.change.refunds).toEqual([
      expect.objectContaining({
        orderNumber: 'UPP202612040000000001',
        subOrderNumber: null,
        refundNumber: null,
      }),
    ]);
  });

  it('after a refusal, refunds once what was not used; cancels what was not paid', () => {
    const paidOrder = order({ status: 'PAID', revision: 1, paidAt });
    const p = payment({ status: 'PAID', lines, orders: [paidOrder], paidAt });
    const refused = paymentTransition(p, { type: 'refused', used: ['TAX-DEED-TAX'] });
    expect(refused).toMatchObject({ ok: true, to: 'REFUNDED', next: ['refund'] });
    if (!refused.ok) throw new Error();
    expect(refused.change.refunds).toEqual([
      expect.objectContaining({
        subOrderNumber: 'UPP20261204000000000102',
        reference: 'UPP202612040000000001-refund-RE-TRANSFER-1',
      }),
    ]);
    const owed = payment({ ...p, status: 'REFUNDED', refunds: refused.change.refunds! });
    expect(paymentTransition(owed, { type: 'refused', used: [] }).ok).toBe(false);
    const made = paymentTransition(owed, {
      type: 'refunded',
      reference: 'UPP202612040000000001-refund-RE-TRANSFER-1',
      amount: 8_000,
      refundNumber: 'RF1',
      at: paidAt,
    });
    expect(made).toMatchObject({
      ok: true,
      change: { refunds: [expect.objectContaining({ amount: 8_000, refundNumber: 'RF1' })] },
    });
    expect(paymentTransition(payment({ status: 'NOT_DUE' }), { type: 'refused', used: [] })).toMatchObject({
      ok: true,
      to: 'CANCELLED',
      next: [],
    });
    const cancelledWithOrder = paymentTransition(payment({ status: 'UNPAID', orders: [order()] }), {
      type: 'refused',
      used: [],
    });
    expect(cancelledWithOrder).toMatchObject({ to: 'CANCELLED', next: ['follow'] });
    const paidAfterEnd = paymentTransition(payment({ status: 'CANCELLED', lines, orders: [order()] }), {
      type: 'read',
      order: order({ status: 'PAID', revision: 1, paidAt }),
      at: paidAt,
    });
    expect(paidAfterEnd).toMatchObject({ to: 'CANCELLED', next: ['refund'] });
  });
});
