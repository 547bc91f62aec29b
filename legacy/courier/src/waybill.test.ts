import { describe, expect, it } from 'vitest';
import {
  FINAL_STATUSES,
  planFrom,
  transition,
  WAYBILL_STATUSES,
  type WaybillEvent,
  type WaybillStatus,
} from './waybill';

const EVENTS: readonly WaybillEvent[] = [
  { type: 'pick_up' },
  { type: 'depart' },
  { type: 'dispatch' },
  { type: 'deliver', signer: '张三' },
  { type: 'fail', reason: '收件人不在' },
  { type: 'return' },
  { type: 'cancel', reason: '申请人改为窗口领取' },
];

/** Every transition the courier allows; everything else must be refused. */
const ALLOWED: readonly [WaybillStatus, WaybillEvent['type'], WaybillStatus][] = [
  ['created', 'pick_up', 'picked_up'],
  ['created', 'cancel', 'cancelled'],
  ['picked_up', 'depart', 'in_transit'],
  ['in_transit', 'dispatch', 'out_for_delivery'],
  ['out_for_delivery', 'deliver', 'delivered'],
  ['out_for_delivery', 'fail', 'delivery_failed'],
  ['delivery_failed', 'dispatch', 'out_for_delivery'],
  ['delivery_failed', 'return', 'returned'],
];

describe('a waybill’s state machine', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, type, to) => {
    expect(transition(from, EVENTS.find((e) => e.type === type)!)).toEqual({ ok: true, status: to });
  });

  const refused = WAYBILL_STATUSES.flatMap((s) =>
    EVENTS.filter((e) => !ALLOWED.some(([f, t]) => f === s && t === e.type)).map((e) => [s, e] as const),
  );
  it.each(refused)('%s refuses %o, saying why', (from, event) => {
    const t = transition(from, event);
    expect(t.ok).toBe(false);
    expect(!t.ok && t.reason).toMatch(/运单/);
  });

  it('refuses to cancel once picked up, in the courier’s words', () => {
    expect(transition('picked_up', { type: 'cancel', reason: 'x' })).toEqual({
      ok: false,
      reason: '运单已揽收，揽收后不可取消',
    });
  });

  it('refuses a delivery nobody signed for', () => {
    expect(transition('out_for_delivery', { type: 'deliver', signer: ' ' })).toEqual({
      ok: false,
      reason: '妥投须有签收人',
    });
  });

  it('ends in delivered, returned and cancelled, and nowhere else', () => {
    expect([...FINAL_STATUSES].sort()).toEqual(['cancelled', 'delivered', 'returned']);
  });
});

describe('the simulated schedule', () => {
  it('walks a new waybill through every status to delivered, signed by the recipient', () => {
    let status: WaybillStatus = 'created';
    for (const step of planFrom('created', '李四')) {
      const t = transition(status, step.event);
      expect(t.ok).toBe(true);
      if (t.ok) status = t.status;
    }
    expect(status).toBe('delivered');
    expect(planFrom('created', '李四').at(-1)!.event).toEqual({ type: 'deliver', signer: '李四' });
  });

  it('tries a failed delivery again once, then waits', () => {
    expect(planFrom('delivery_failed', '李四', 1).map((s) => s.event.type)).toEqual(['dispatch', 'deliver']);
    expect(planFrom('delivery_failed', '李四', 2)).toEqual([]);
  });

  it.each([...FINAL_STATUSES])('plans nothing after %s', (s) => {
    expect(planFrom(s, '李四')).toEqual([]);
  });
});
