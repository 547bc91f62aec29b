import { SimClock } from '@onething/legacy-kit';
import { describe, expect, it } from 'vitest';
import { type TraceEvent, WaybillBook, WaybillRefusal } from './book';
import { readOrder } from './order';

const HOUR = 3_600_000;
const order = readOrder({
  txLogisticId: 'A2026120400017',
  sender: {
    name: '湖州市吴兴区政务服务中心',
    mobile: '0572-2221234',
    prov: '浙江省',
    city: '湖州市',
    county: '吴兴区',
    address: '青铜路1号',
    postCode: '313000',
  },
  receiver: {
    name: '张三',
    mobile: '13912345678',
    prov: '浙江省',
    city: '湖州市',
    county: '南浔区',
    address: '南浔大道88号',
    postCode: '313009',
  },
  items: [{ itemName: '不动产权证书', quantity: 1 }],
}).order!;

function setUp() {
  const clock = new SimClock(Date.UTC(2026, 11, 4, 1), 0);
  const book = new WaybillBook(clock);
  const told: TraceEvent[] = [];
  book.onEvent((_w, e) => told.push(e));
  const w = book.create({
    waybillNo: 'EA100000008CN',
    appKey: 'hall',
    txLogisticId: order.txLogisticId,
    order,
    fingerprint: 'f',
  });
  return { clock, book, told, w };
}

describe('the waybill book on the clock', () => {
  it('moves a waybill to delivered as the clock moves, telling each event once, in order', () => {
    const { clock, book, told, w } = setUp();
    expect(book.status(w)).toBe('created');
    clock.advance(2 * HOUR);
    expect(book.status(w)).toBe('picked_up');
    clock.advance(40 * HOUR);
    book.settle();
    book.settle();
    expect(book.status(w)).toBe('delivered');
    expect(told.map((e) => [e.seq, e.status])).toEqual([
      [2, 'picked_up'],
      [3, 'in_transit'],
      [4, 'out_for_delivery'],
      [5, 'delivered'],
    ]);
    expect(told.at(-1)?.signer).toBe('张三');
    // Each event at its planned time, not when the clock was looked at.
    expect(told.map((e) => (e.at - w.createdAt) / HOUR)).toEqual([2, 4, 20, 22]);
  });

  it('cancels before pickup, and nothing follows', () => {
    const { clock, book, told, w } = setUp();
    book.apply(w, { type: 'cancel', reason: '改为窗口领取' });
    clock.advance(100 * HOUR);
    expect(book.status(w)).toBe('cancelled');
    expect(told.map((e) => e.status)).toEqual(['cancelled']);
  });

  it('refuses a cancellation after pickup', () => {
    const { clock, book, w } = setUp();
    clock.advance(3 * HOUR);
    expect(() => book.apply(w, { type: 'cancel', reason: 'x' })).toThrow(WaybillRefusal);
    expect(book.status(w)).toBe('picked_up');
  });

  it('after a failed delivery tries again the next day, and the recipient signs', () => {
    const { clock, book, told, w } = setUp();
    clock.advance(20 * HOUR);
    expect(book.status(w)).toBe('out_for_delivery');
    book.apply(w, { type: 'fail', reason: '收件人不在，电话无人接听' });
    clock.advance(26 * HOUR);
    expect(book.status(w)).toBe('delivered');
    expect(told.map((e) => e.status).slice(-3)).toEqual(['delivery_failed', 'out_for_delivery', 'delivered']);
    expect(told.find((e) => e.status === 'delivery_failed')?.reason).toContain('收件人不在');
  });

  it('finds a waybill by its customer’s order number, only for that customer', () => {
    const { book, w } = setUp();
    expect(book.byCustomerOrder('hall', order.txLogisticId)).toBe(w);
    expect(book.byCustomerOrder('another', order.txLogisticId)).toBeUndefined();
    expect(book.withOrderNumber(order.txLogisticId)).toEqual([w]);
  });
});
