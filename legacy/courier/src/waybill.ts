/**
 * The life of a waybill (运单) as a pure state machine: from (status, event) to the next status, or why
 * the event cannot happen now. The book applies events on the clock and carries out their effects
 * (pushes); this module only says what may follow what.
 */

/** Where a waybill is. Each has its operation code on the wire (PROTOCOL.md §5). */
export const WAYBILL_STATUSES = [
  'created',
  'picked_up',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'delivery_failed',
  'returned',
  'cancelled',
] as const;

export type WaybillStatus = (typeof WAYBILL_STATUSES)[number];

/** What happens to a waybill. */
export type WaybillEvent =
  | { readonly type: 'pick_up' }
  | { readonly type: 'depart' }
  | { readonly type: 'dispatch' }
  | { readonly type: 'deliver'; readonly signer: string }
  | { readonly type: 'fail'; readonly reason: string }
  | { readonly type: 'return' }
  | { readonly type: 'cancel'; readonly reason: string };

export type WaybillEventType = WaybillEvent['type'];

/** Which event leads from which status to which. Everything not listed is refused. */
const TRANSITIONS: Readonly<Record<WaybillStatus, Partial<Record<WaybillEventType, WaybillStatus>>>> = {
  created: { pick_up: 'picked_up', cancel: 'cancelled' },
  picked_up: { depart: 'in_transit' },
  in_transit: { dispatch: 'out_for_delivery' },
  out_for_delivery: { deliver: 'delivered', fail: 'delivery_failed' },
  delivery_failed: { dispatch: 'out_for_delivery', return: 'returned' },
  delivered: {},
  returned: {},
  cancelled: {},
};

/** Statuses nothing follows. */
export const FINAL_STATUSES: ReadonlySet<WaybillStatus> = new Set(
  WAYBILL_STATUSES.filter((s) => Object.keys(TRANSITIONS[s]).length === 0),
);

export type Transition =
  | { readonly ok: true; readonly status: WaybillStatus }
  | { readonly ok: false; readonly reason: string };

const ZH: Record<WaybillStatus, string> = {
  created: '已下单',
  picked_up: '已揽收',
  in_transit: '运输中',
  out_for_delivery: '派件中',
  delivered: '已妥投',
  delivery_failed: '未妥投',
  returned: '已退回',
  cancelled: '已取消',
};

/** The status a waybill reaches by `event`, or why it cannot (in the courier's words). */
export function transition(status: WaybillStatus, event: WaybillEvent): Transition {
  const next = TRANSITIONS[status][event.type];
  if (next) {
    if (event.type === 'deliver' && event.signer.trim() === '')
      return { ok: false, reason: '妥投须有签收人' };
    return { ok: true, status: next };
  }
  if (event.type === 'cancel') return { ok: false, reason: `运单${ZH[status]}，揽收后不可取消` };
  return { ok: false, reason: `运单${ZH[status]}，不能${EVENT_ZH[event.type]}` };
}

const EVENT_ZH: Record<WaybillEventType, string> = {
  pick_up: '揽收',
  depart: '发运',
  dispatch: '派件',
  deliver: '妥投',
  fail: '登记未妥投',
  return: '退回',
  cancel: '取消',
};

/** A status's name in the courier's words. */
export const statusName = (status: WaybillStatus): string => ZH[status];

const HOUR = 3_600_000;

/** One event planned for later, `afterMs` after the one before it. */
export interface PlannedStep {
  readonly event: WaybillEvent;
  readonly afterMs: number;
}

/**
 * What the courier does next from a status, unless something else happens first (the stand-in's simulated
 * schedule, not a promise of the service): picked up 2 h after the order, on its way 2 h later, out for
 * delivery the next morning (16 h), delivered to the recipient, who signs, 2 h after that. A failed
 * delivery is tried again the next day; a failed second attempt waits for the admin (return or dispatch).
 */
export function planFrom(status: WaybillStatus, recipient: string, failedAttempts = 0): PlannedStep[] {
  const deliver: PlannedStep = { event: { type: 'deliver', signer: recipient }, afterMs: 2 * HOUR };
  switch (status) {
    case 'created':
      return [
        { event: { type: 'pick_up' }, afterMs: 2 * HOUR },
        { event: { type: 'depart' }, afterMs: 2 * HOUR },
        { event: { type: 'dispatch' }, afterMs: 16 * HOUR },
        deliver,
      ];
    case 'picked_up':
      return [
        { event: { type: 'depart' }, afterMs: 2 * HOUR },
        { event: { type: 'dispatch' }, afterMs: 16 * HOUR },
        deliver,
      ];
    case 'in_transit':
      return [{ event: { type: 'dispatch' }, afterMs: 16 * HOUR }, deliver];
    case 'out_for_delivery':
      return [deliver];
    case 'delivery_failed':
      return failedAttempts < 2 ? [{ event: { type: 'dispatch' }, afterMs: 24 * HOUR }, deliver] : [];
    default:
      return [];
  }
}
