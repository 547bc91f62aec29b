import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PaymentOrder } from './domain';
import { checkAgainstOrder, isNews, NotificationRefused, verifyNotification } from './notifications';

const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const NOW = Date.parse('2026-12-04T02:00:00Z');

const body = (over: Record<string, unknown> = {}) =>
  Buffer.from(
    JSON.stringify({
      event_id: 'EV000000000001',
      event_type: 'PAYMENT',
      order_no: 'UPP202612040000000001',
      out_trade_no: 'APP-2026-000123-fees',
      payment_code: '11010526000000000013',
      amount_fen: 8_000,
      refund_no: null,
      revision: 1,
      status: 'PAID',
      late_payment: false,
      occurred_at: '2026-12-04T01:59:59.000Z',
      ...over,
    }),
  );

function headers(b: Buffer, key = platform.privateKey, at = NOW) {
  const nonce = randomBytes(16).toString('hex');
  const text = Buffer.concat([Buffer.from(`${at}\n${nonce}\n`), b]);
  return {
    'x-upp-timestamp': String(at),
    'x-upp-nonce': nonce,
    'x-upp-signature': sign('sha256', text, key).toString('base64'),
  };
}

const reason = (f: () => unknown) => {
  try {
    f();
    return 'accepted';
  } catch (e) {
    return e instanceof NotificationRefused ? `${e.reason} ${e.code}` : String(e);
  }
};

const order: PaymentOrder = {
  orderNumber: 'UPP202612040000000001',
  paymentCode: '11010526000000000013',
  reference: 'APP-2026-000123-fees',
  status: 'PAID',
  latePayment: false,
  revision: 1,
  subject: '一件事',
  payer: { idNumber: '11010519491231002X', name: '某人' },
  totalFen: 8_000,
  paidFen: 8_000,
  refundedFen: 0,
  createdAt: '2026-12-04T01:00:00.000Z',
  expiresAt: '2026-12-05T01:00:00.000Z',
  paidAt: '2026-12-04T01:59:59.000Z',
  channel: 'POS',
  lines: [],
  refunds: [],
};

describe('payment notifications', () => {
  it('takes one signed by the platform, within five minutes of our clock', () => {
    const b = body();
    expect(verifyNotification(platform.publicKey, headers(b), b, NOW + 299_000)).toMatchObject({
      type: 'PAYMENT',
      amountFen: 8_000,
      revision: 1,
    });
  });

  it('refuses one unsigned, signed by another key, altered after signing, stale, or of another shape', () => {
    const b = body();
    expect(reason(() => verifyNotification(platform.publicKey, {}, b, NOW))).toBe(
      'UNSIGNED CALLBACK_UNSIGNED',
    );
    expect(
      reason(() => verifyNotification(platform.publicKey, headers(b, stranger.privateKey), b, NOW)),
    ).toBe('SIGNATURE_INVALID CALLBACK_SIGNATURE_INVALID');
    expect(
      reason(() => verifyNotification(platform.publicKey, headers(b), body({ amount_fen: 9_000 }), NOW)),
    ).toBe('SIGNATURE_INVALID CALLBACK_SIGNATURE_INVALID');
    expect(reason(() => verifyNotification(platform.publicKey, headers(b), b, NOW + 301_000))).toBe(
      'STALE CALLBACK_STALE',
    );
    const odd = body({ amount_fen: '80.00' });
    expect(reason(() => verifyNotification(platform.publicKey, headers(odd), odd, NOW))).toBe(
      'MALFORMED INVALID_INPUT',
    );
  });

  it('holds it against the order as the platform answers it', () => {
    const n = verifyNotification(platform.publicKey, headers(body()), body(), NOW);
    expect(checkAgainstOrder(n, order)).toBe(order);
    expect(reason(() => checkAgainstOrder(n, null))).toBe('UNKNOWN_ORDER PAYMENT_ORDER_UNKNOWN');
    expect(reason(() => checkAgainstOrder(n, { ...order, reference: 'someone-else' }))).toBe(
      'UNKNOWN_ORDER PAYMENT_ORDER_UNKNOWN',
    );
    expect(reason(() => checkAgainstOrder(n, { ...order, totalFen: 8_001 }))).toBe(
      'AMOUNT_MISMATCH PAYMENT_AMOUNT_MISMATCH',
    );
    expect(reason(() => checkAgainstOrder(n, { ...order, paidAt: null, status: 'UNPAID' }))).toBe(
      'AMOUNT_MISMATCH PAYMENT_AMOUNT_MISMATCH',
    );
    const refund = { ...n, type: 'REFUND' as const, refundNumber: 'R1', amountFen: 3_000 };
    expect(reason(() => checkAgainstOrder(refund, order))).toBe('AMOUNT_MISMATCH PAYMENT_AMOUNT_MISMATCH');
    const refunded = {
      ...order,
      refunds: [
        {
          refundNumber: 'R1',
          reference: 'r',
          subOrderNumber: null,
          amountFen: 3_000,
          reason: 'x',
          refundedAt: '',
        },
      ],
    };
    expect(checkAgainstOrder(refund, refunded)).toBe(refunded);
  });

  it('is news only when the order’s revision rises above the one recorded', () => {
    expect(isNews({ revision: 1 }, undefined)).toBe(true);
    expect(isNews({ revision: 2 }, 1)).toBe(true);
    expect(isNews({ revision: 1 }, 1)).toBe(false);
    expect(isNews({ revision: 1 }, 2)).toBe(false);
  });
});
