import { Payer, PaymentAdmin } from '@onething/legacy-payment';
import { signCallback } from '@onething/runtime/callbacks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  advanceClocks,
  application,
  buyerToken,
  eventually,
  houseTransferMaterials,
  houseTransferValues,
  parties,
  statusOf,
  submit,
} from './house-transfer';
import { startTestStack, type TestStack } from './support';

/**
 * 一窗收费 on the whole stack: a house transfer's fees assessed by the tax office and the registry, shown
 * before submission, paid once in one order at the payment platform (its payer channel standing for
 * online banking and the window's POS), recorded by the hall from the platform's relayed notification or
 * its own read, and only then the transfer registration sent, carrying the payment; a refusal after
 * payment refunded once; forged and duplicate notifications; a late payment refunded; reconciliation
 * listing a mismatch injected at the platform. Payers here pay only when the test pays.
 */

const PAYMENT = `payment { status waitsFor holds total paidAt problem
  fees { itemCode department name amount }
  refunds { orderNumber reason amount refundNumber }
  order { orderNumber paymentCode status total paid refunded latePayment checkoutUrl expiresAt
    lines { item amount payee { code } receipt { kind number amount signature } } } }`;

interface PaymentView {
  status: string;
  waitsFor: string[];
  holds: string[];
  total: string | null;
  paidAt: string | null;
  problem: string | null;
  fees: { itemCode: string; department: string; name: string; amount: string }[];
  refunds: { orderNumber: string; reason: string; amount: string | null; refundNumber: string | null }[];
  order: {
    orderNumber: string;
    paymentCode: string;
    status: string;
    total: string;
    paid: string;
    refunded: string;
    latePayment: boolean;
    checkoutUrl: string | null;
    expiresAt: string;
    lines: {
      item: string;
      amount: string;
      payee: { code: string };
      receipt: { kind: string; number: string; amount: string; signature: string } | null;
    }[];
  } | null;
}

const fen = (yuan: string) => Math.round(Number(yuan) * 100);

describe('one payment for one thing (一窗收费)', () => {
  let s: TestStack;
  let admin: PaymentAdmin;
  let payer: Payer;
  let pair = 40;

  beforeAll(async () => {
    s = await startTestStack({ autopayAfterMs: null });
    admin = new PaymentAdmin(`http://127.0.0.1:${s.ports.platforms.payment.adminPort}`);
    payer = new Payer(`http://127.0.0.1:${s.ports.platforms.payment.port}`);
  });
  afterAll(async () => {
    await s?.stop();
  });

  const paymentOf = async (token: string, id: string): Promise<PaymentView> => {
    const r = await s.gql<{ application: { payment: PaymentView } }>(
      `query P($id: ID!) { application(id: $id) { ${PAYMENT} } }`,
      { id },
      token,
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data!.application.payment;
  };

  /** A buyer's house transfer handed in, up to its fees due: the deed tax approved, the code issued. */
  async function dueForPayment(values: Record<string, string> = {}) {
    const p = parties(pair++);
    const token = await buyerToken(s, p);
    const input = {
      bundleCode: 'HOUSE-TRANSFER',
      values: houseTransferValues(p.buyer.idNumber, p.seller.idNumber, { values }),
      materials: await houseTransferMaterials(s, token),
    };
    // What will be paid, before submission: each department's own assessment.
    const preview = await s.gql<{ feePreview: { total: string; complete: boolean } }>(
      `query F($v: [FormValueInput!]!) { feePreview(bundleCode: "HOUSE-TRANSFER", values: $v) { total complete } }`,
      { v: input.values },
      token,
    );
    expect(preview.data!.feePreview.complete).toBe(true);
    const submitted = await submit(s, token, input);
    const before = await paymentOf(token, submitted.id);
    expect(before).toMatchObject({
      status: 'NOT_DUE',
      waitsFor: ['TAX-DEED-TAX'],
      holds: ['RE-TRANSFER'],
      order: null,
    });
    // Both accepted, then two simulated days: the deed tax and the withdrawal both decided.
    await eventually(
      () => application(s, token, submitted.id),
      (a) => a.parts.filter((x) => x.status === 'ACCEPTED').length === 2,
      'the deed tax and the withdrawal accepted',
    );
    await advanceClocks(s, 48);
    const due = await eventually(
      () => paymentOf(token, submitted.id),
      (x) => x.status === 'UNPAID',
      'the payment code issued once the deed tax was approved',
    );
    await eventually(
      () => application(s, token, submitted.id),
      (a) => statusOf(a, 'FUND-PURCHASE-WITHDRAWAL') === 'APPROVED',
      'the withdrawal approved too',
    );
    return { p, token, id: submitted.id, due, preview: preview.data!.feePreview };
  }

  it('issues one code for every fee once the deed tax is assessed, and sends the transfer only once it is paid', async () => {
    const { p, token, id, due, preview } = await dueForPayment();
    // Every fee of the application in one order: the deed tax to the treasury, the registration fee.
    expect(due.fees.map((f) => [f.itemCode, f.department])).toEqual([
      ['TAX-DEED-TAX', 'TAX'],
      ['RE-TRANSFER', 'REALESTATE'],
    ]);
    expect(due.total).toBe(preview.total);
    expect(due.order!.total).toBe(due.total);
    expect(due.order!.paymentCode).toMatch(/^\d{20}$/);
    expect(due.order!.checkoutUrl).toContain(`code=${due.order!.paymentCode}`);
    expect(due.order!.lines.map((l) => l.payee.code)).toEqual(['TAX-TREASURY', 'RE-FEE']);
    const waiting = await application(s, token, id);
    expect(waiting.status).toBe('PAYMENT_DUE');
    expect(statusOf(waiting, 'RE-TRANSFER')).toBe('WAITING');
    // Nothing reaches the registry before payment.
    expect(await s.admin('realestate').cases({ applicant: p.buyer.idNumber })).toEqual([]);

    const paid = await payer.pay(due.order!.paymentCode, fen(due.order!.total), 'ONLINE_BANKING');
    const recorded = await eventually(
      () => paymentOf(token, id),
      (x) => x.status === 'PAID',
      'the payment recorded from the relayed notification',
    );
    expect(recorded.paidAt).toBe(paid.data!.paid_at);
    // Receipts: the fiscal e-receipt of the fee and the tax payment voucher, signed by the platform.
    expect(recorded.order!.lines.map((l) => l.receipt?.kind)).toEqual([
      'TAX_PAYMENT_VOUCHER',
      'FISCAL_RECEIPT',
    ]);
    const sent = await eventually(
      () => application(s, token, id),
      (a) => statusOf(a, 'RE-TRANSFER') === 'ACCEPTED',
      'the transfer sent after payment',
    );
    expect(sent.status).toBe('IN_PROGRESS');
    const [transfer] = await s.admin('realestate').cases({ applicant: p.buyer.idNumber });
    expect(transfer!.materials).toEqual(expect.arrayContaining(['deed-tax-receipt', 'fee-payment-voucher']));
    expect(transfer!.submittedAt).toBeGreaterThanOrEqual(Date.parse(paid.data!.paid_at));

    // The same notification delivered again changes nothing.
    const { attempts } = await admin.notifications();
    const delivered = attempts.find((a) => a.orderNo === due.order!.orderNumber && a.acknowledged);
    expect(delivered).toBeTruthy();
    await admin.redeliver(delivered!.eventId);
    await eventually(
      () => admin.notifications(),
      (n) => n.attempts.filter((a) => a.eventId === delivered!.eventId && a.acknowledged).length >= 2,
      'the duplicate delivered and acknowledged',
    );
    expect(await paymentOf(token, id)).toEqual(recorded);
    expect((await admin.order(due.order!.orderNumber)).status).toBe('PAID');

    await advanceClocks(s, 24 * 10);
    const done = await eventually(
      () => application(s, token, id),
      (a) => a.status === 'COMPLETED',
      'completed',
    );
    expect(done.parts.every((x) => x.status === 'APPROVED')).toBe(true);
  });

  it('refunds once, after a refusal, what the application did not use', async () => {
    const { p, token, id, due } = await dueForPayment();
    await payer.pay(due.order!.paymentCode, fen(due.order!.total));
    await eventually(
      () => application(s, token, id),
      (a) => statusOf(a, 'RE-TRANSFER') === 'ACCEPTED',
      'sent',
    );
    const [transfer] = await s.admin('realestate').cases({ applicant: p.buyer.idNumber });
    await s
      .admin('realestate')
      .decide(transfer!.caseNumber, { outcome: 'rejected', reason: '登记簿记载的查封未解除' });
    await advanceClocks(s, 1);
    const refunded = await eventually(
      () => paymentOf(token, id),
      (x) => x.status === 'REFUNDED' && x.refunds.every((r) => r.refundNumber),
      'the unused registration fee refunded',
    );
    const fee = due.fees.find((f) => f.itemCode === 'RE-TRANSFER')!;
    // The deed tax was assessed and approved (used); the registration was refused: its fee comes back.
    expect(refunded.refunds).toEqual([
      expect.objectContaining({ orderNumber: due.order!.orderNumber, amount: fee.amount }),
    ]);
    const order = await admin.order(due.order!.orderNumber);
    expect(order.refunds).toHaveLength(1);
    expect(order.status).toBe('PARTIALLY_REFUNDED');
    expect((await application(s, token, id)).status).toBe('REJECTED');
  });

  it('refuses prompts it cannot trust, and a valid prompt changes nothing the order does not say', async () => {
    const { token, id, due } = await dueForPayment();
    const hallCallback = `http://127.0.0.1:${s.ports.hall}/callbacks/payment`;
    const body = JSON.stringify({
      department: 'payment',
      orderNumber: due.order!.orderNumber,
      status: 'PAID',
    });
    // Unsigned, and signed with another secret: refused.
    const unsigned = await fetch(hallCallback, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(unsigned.status).toBe(401);
    const forged = await fetch(hallCallback, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        ...signCallback('payment', 'not-the-payment-secret!!', body),
      },
    });
    expect(forged.status).toBe(401);
    const before = (await admin.requestLog()).length;
    // Signed as the relay signs, claiming PAID: the hall reads the order back, which is not paid.
    const prompt = await fetch(hallCallback, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        ...signCallback('payment', 'payment-callback-dev-secret', body),
      },
    });
    expect(prompt.status).toBe(202);
    await eventually(
      () => admin.requestLog(),
      (log) => log.slice(before).some((r) => r.op === 'order.query'),
      'the order read back',
    );
    expect((await paymentOf(token, id)).status).toBe('UNPAID');
    // A notification with a forged signature at the platform's side is refused by the payment subgraph.
    await admin.setNotificationFaults({ forgeSignature: true });
    await payer.pay(due.order!.paymentCode, fen(due.order!.total));
    await eventually(
      () => admin.notifications(),
      (n) => n.attempts.some((a) => a.orderNo === due.order!.orderNumber && !a.acknowledged),
      'the forged notification refused',
    );
    expect((await paymentOf(token, id)).status).toBe('UNPAID');
    // The applicant back from online banking asks: the hall reads the order and records it once.
    const checked = await s.gql<{ checkPayment: { status: string } }>(
      'mutation C($id: ID!) { checkPayment(applicationId: $id) { status } }',
      { id },
      token,
    );
    expect(checked.data?.checkPayment.status).toBe('PAID');
    await admin.setNotificationFaults({ forgeSignature: false });
  });

  it('takes the payment at the window POS: the officer reads the code, checks, and the queue moves on', async () => {
    const { token, id, due } = await dueForPayment();
    const officer = await s.token('window-staff');
    const queued = await s.gql<{ applicationQueue: { id: string }[] }>(
      'query { applicationQueue(status: PAYMENT_DUE, limit: 500) { id } }',
      {},
      officer,
    );
    expect(queued.data!.applicationQueue.map((a) => a.id)).toContain(id);
    const bill = await s.gql<{ paymentOrderByCode: { orderNumber: string; total: string } }>(
      'query B($c: String!) { paymentOrderByCode(paymentCode: $c) { orderNumber total } }',
      { c: due.order!.paymentCode },
      officer,
    );
    expect(bill.data!.paymentOrderByCode).toEqual({
      orderNumber: due.order!.orderNumber,
      total: due.order!.total,
    });
    // The notification is held: the officer's check is what records it.
    await admin.setNotificationFaults({ hold: true });
    await payer.pay(due.order!.paymentCode, fen(bill.data!.paymentOrderByCode.total), 'POS');
    const checked = await s.gql<{ checkPayment: { status: string; order: { orderNumber: string } } }>(
      'mutation C($id: ID!) { checkPayment(applicationId: $id) { status order { orderNumber } } }',
      { id },
      officer,
    );
    expect(checked.errors).toBeUndefined();
    expect(checked.data!.checkPayment.status).toBe('PAID');
    const after = await s.gql<{ applicationQueue: { id: string }[] }>(
      'query { applicationQueue(status: PAYMENT_DUE, limit: 500) { id } }',
      {},
      officer,
    );
    expect(after.data!.applicationQueue.map((a) => a.id)).not.toContain(id);
    await admin.release();
    await admin.setNotificationFaults({ hold: false });
    await eventually(
      () => application(s, token, id),
      (a) => statusOf(a, 'RE-TRANSFER') === 'ACCEPTED',
      'sent',
    );
  });

  it('refunds a payment made after the code expired, issues a new code, and reconciles the day', async () => {
    const { token, id, due } = await dueForPayment();
    // The code's day passes at the platform unpaid.
    await admin.advanceClock({ advanceHours: 25 });
    const expired = await eventually(
      () =>
        s.gql<{ checkPayment: { status: string } }>(
          'mutation C($id: ID!) { checkPayment(applicationId: $id) { status } }',
          { id },
          token,
        ),
      (r) => r.data?.checkPayment.status === 'EXPIRED',
      'the code expired',
    );
    expect(expired.data!.checkPayment.status).toBe('EXPIRED');
    expect((await application(s, token, id)).status).toBe('PAYMENT_DUE');
    // Paid anyway, late: the platform takes it, the hall refunds it whole, once.
    const late = await payer.pay(due.order!.paymentCode, fen(due.order!.total));
    expect(late.data!.late_payment).toBe(true);
    const refunded = await eventually(
      () => paymentOf(token, id),
      (x) => x.refunds.length === 1 && !!x.refunds[0]!.refundNumber,
      'the late payment refunded',
    );
    expect(refunded.status).toBe('EXPIRED');
    expect(refunded.refunds[0]!.amount).toBe(due.order!.total);
    // A new code, under the next reference.
    const renewed = await s.gql<{ renewPayment: { status: string } }>(
      'mutation R($id: ID!) { renewPayment(applicationId: $id) { status } }',
      { id },
      token,
    );
    expect(renewed.errors).toBeUndefined();
    const again = await eventually(
      () => paymentOf(token, id),
      (x) => x.status === 'UNPAID',
      'a new code',
    );
    expect(again.order!.paymentCode).not.toBe(due.order!.paymentCode);
    const paid = await payer.pay(again.order!.paymentCode, fen(again.order!.total));
    await eventually(
      () => paymentOf(token, id),
      (x) => x.status === 'PAID',
      'paid on the new code',
    );

    // Reconciliation of that day, with an amount the platform's statement books differently.
    await admin.setStatementFaults({ amountDeltaFen: { [again.order!.orderNumber]: 100 } });
    await admin.advanceClock({ advanceHours: 24 });
    const day = new Date(Date.parse(paid.data!.paid_at) + 8 * 3_600_000).toISOString().slice(0, 10);
    const officer = await s.token('window-staff');
    const r = await s.gql<{
      reconcilePayments: {
        date: string;
        mismatches: { kind: string; orderNumber: string; applicationId: string }[];
      };
    }>(
      'mutation R($d: Date!) { reconcilePayments(date: $d) { date mismatches { kind orderNumber applicationId recorded booked } } }',
      { d: day },
      officer,
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    expect(r.data!.reconcilePayments.mismatches).toEqual([
      expect.objectContaining({
        kind: 'AMOUNT_DIFFERS',
        orderNumber: again.order!.orderNumber,
        applicationId: id,
      }),
    ]);
    const kept = await s.gql<{ paymentReconciliation: { mismatches: unknown[] } }>(
      'query K($d: Date!) { paymentReconciliation(date: $d) { mismatches { kind } } }',
      { d: day },
      officer,
    );
    expect(kept.data!.paymentReconciliation.mismatches).toHaveLength(1);
    // Applicants do not reconcile.
    const refused = await s.gql(
      'query K($d: Date!) { paymentReconciliation(date: $d) { date } }',
      { d: day },
      token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await admin.clearStatementFaults();
  });
});
