import { clientSettings } from '@onething/adapter-core';
import { describeClientContract } from '@onething/adapter-core/contract';
import { isPaymentCode } from '@onething/legacy-payment';
import { expect } from 'vitest';
import {
  createPaymentAdapter,
  PAYMENT_BATCH_LIMIT,
  type PaymentAdapter,
  type PaymentOrder,
} from '../src/index';
import { houseTransferOrder, newRef, startPaymentSystem } from './payment-system';

/** Orders made before the suite, to read back (the platform holds nothing until a caller creates it). */
const held: string[] = [];
let system: Awaited<ReturnType<typeof startPaymentSystem>>;

describeClientContract<PaymentAdapter, PaymentOrder, PaymentOrder>({
  department: 'payment',
  async start() {
    system = await startPaymentSystem();
    const adapter = system.makeAdapter();
    for (let i = 0; i < 101; i++)
      held.push((await adapter.createOrder(houseTransferOrder(newRef(), system.person))).orderNumber);
    adapter.close();
    return { url: system.standIn.url, control: system.control, stop: () => system.standIn.close() };
  },
  adapter: (url, settings, hooks) =>
    createPaymentAdapter({
      client: clientSettings(url, settings),
      hooks,
      callerId: 'onething-hall',
      callerKey: system.keys.callerKey,
      platformKey: system.keys.platformKey,
    }),
  reads: {
    op: 'order.query',
    batchLimit: PAYMENT_BATCH_LIMIT,
    keys: (n) => held.slice(0, n),
    missingKey: `UPP${'9'.repeat(18)}`,
    invalidKey: 'UPP2026',
    loader: (adapter) => adapter.loaders().ordersByNumber,
    check(key, order) {
      expect(order.orderNumber).toBe(key);
      expect(isPaymentCode(order.paymentCode)).toBe(true);
      expect(order.totalFen).toBe(1_508_000);
      expect(order.lines.map((l) => [l.payee.kind, l.amountFen])).toEqual([
        ['TAX', 1_500_000],
        ['NON_TAX', 8_000],
      ]);
      expect(order.status).toBe('UNPAID');
      expect(Number.isNaN(Date.parse(order.expiresAt))).toBe(false);
    },
  },
  writes: {
    op: 'order.create',
    words: { write: 'order creation', written: 'created', record: 'order' },
    write: (adapter, key) => adapter.createOrder(houseTransferOrder(key, system.person)),
    // The platform refuses at once a sub-order to a payee it does not collect for (3005).
    rejected: (adapter, key) =>
      adapter.createOrder({
        ...houseTransferOrder(key, system.person),
        lines: [{ lineKey: 'x', payeeCode: 'NO-SUCH-PAYEE', item: '契税', basis: '—', amountFen: 100 }],
      }),
    find: (adapter, key) => adapter.findOrder(key),
    get: (adapter, orderNumber) => adapter.getOrder(orderNumber),
    numberOf: (order) => order.orderNumber,
  },
  forgedAnswers: {
    start: () => system.admin.forgeAnswers(true),
    stop: () => system.admin.forgeAnswers(false),
  },
});
