import { createHash } from 'node:crypto';
import { validateS10 } from '@onething/schema';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CourierApps, NonceStore } from '../auth';
import { type Waybill, type WaybillBook, WaybillRefusal } from '../book';
import { COURIER_CODES, type FieldError, invalidFields, Refusal } from '../codes';
import type { WaybillNumbers } from '../numbering';
import { ORDER_NUMBER, readOrder } from '../order';
import type { Pusher } from '../pusher';
import { registerService } from '../service';
import { waybillToWire } from '../wire';

/** Waybill numbers one TRACEQUERY may ask for at most (the platform's own limit, PROTOCOL.md §3.4). */
export const MAX_WAYBILLS_PER_QUERY = 20;

/** What the platform's services share. */
export interface CourierServices {
  readonly book: WaybillBook;
  readonly numbers: WaybillNumbers;
  readonly pusher: Pusher;
  readonly auth: { readonly apps: CourierApps; readonly nonces: NonceStore };
}

const fingerprint = (payload: unknown) => createHash('sha256').update(JSON.stringify(payload)).digest('hex');

function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ field: i.path.join('.') || '(logistics_interface)', reason: i.message }));
}

function parse<T>(schema: z.ZodType<T>, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw invalidFields(fieldErrors(parsed.error));
  return parsed.data;
}

const waybillNo = z.string().refine((v) => validateS10(v).ok, '应为UPU S10邮件号码（13位，含校验位）');
const cancelShape = z.object({ waybillNo, cancelReason: z.string().trim().min(1, '不能为空').max(100) });
const queryShape = z.union([
  z.object({ waybillNo }).strict(),
  z.object({ txLogisticId: z.string().regex(ORDER_NUMBER, '应为1至64位可见字符') }).strict(),
]);
const traceShape = z.object({
  waybillNos: z
    .array(waybillNo)
    .min(1, '至少一个')
    .max(MAX_WAYBILLS_PER_QUERY, `每次最多${MAX_WAYBILLS_PER_QUERY}个`),
});
const subscribeShape = z.object({ url: z.url({ protocol: /^https?$/ }) });

/**
 * The platform's five services (PROTOCOL.md §3): ORDERCREATE (idempotent by the customer order number),
 * ORDERCANCEL (before pickup), ORDERQUERY, TRACEQUERY (≤ 20 waybills) and PUSHSUBSCRIBE.
 */
export function registerCourierServices(app: FastifyInstance, s: CourierServices): void {
  const { book } = s;
  const mine = (appKey: string, no: string): Waybill | undefined => {
    const w = book.get(no);
    return w && w.appKey === appKey ? w : undefined;
  };

  registerService(app, s.auth, 'ORDERCREATE', (appKey, payload, req) => {
    const { order, errors } = readOrder(payload);
    if (!order) throw invalidFields(errors);
    req.logged?.keys.push(order.txLogisticId);
    const print = fingerprint(order);
    const earlier = book.byCustomerOrder(appKey, order.txLogisticId);
    if (earlier) {
      if (earlier.fingerprint !== print)
        throw new Refusal('B02', `${COURIER_CODES.B02}：${order.txLogisticId}已下单为${earlier.waybillNo}`);
      req.logged?.keys.push(earlier.waybillNo);
      return waybillToWire(earlier);
    }
    const w = book.create({
      waybillNo: s.numbers.issue(),
      appKey,
      txLogisticId: order.txLogisticId,
      order,
      fingerprint: print,
    });
    req.logged?.keys.push(w.waybillNo);
    return waybillToWire(w);
  });

  registerService(app, s.auth, 'ORDERCANCEL', (appKey, payload, req) => {
    const { waybillNo: no, cancelReason } = parse(cancelShape, payload);
    req.logged?.keys.push(no);
    const w = mine(appKey, no);
    if (!w) throw new Refusal('B03', `${COURIER_CODES.B03}：${no}`);
    if (book.status(w) === 'cancelled') return waybillToWire(w); // cancelling twice is no news
    try {
      book.apply(w, { type: 'cancel', reason: cancelReason });
    } catch (e) {
      if (e instanceof WaybillRefusal) throw new Refusal('B04', `${COURIER_CODES.B04}：${e.message}`);
      throw e;
    }
    return waybillToWire(w);
  });

  registerService(app, s.auth, 'ORDERQUERY', (appKey, payload, req) => {
    const q = parse(queryShape, payload);
    const key = 'waybillNo' in q ? q.waybillNo : q.txLogisticId;
    req.logged?.keys.push(key);
    const w = 'waybillNo' in q ? mine(appKey, q.waybillNo) : book.byCustomerOrder(appKey, q.txLogisticId);
    if (!w) throw new Refusal('B03', `${COURIER_CODES.B03}：${key}`);
    return waybillToWire(w);
  });

  registerService(app, s.auth, 'TRACEQUERY', (appKey, payload, req) => {
    const asked = (payload as { waybillNos?: unknown } | null)?.waybillNos;
    if (Array.isArray(asked) && asked.length > MAX_WAYBILLS_PER_QUERY)
      throw new Refusal(
        'B05',
        `${COURIER_CODES.B05}：每次最多${MAX_WAYBILLS_PER_QUERY}个，收到${asked.length}个`,
      );
    const { waybillNos } = parse(traceShape, payload);
    req.logged?.keys.push(...waybillNos);
    const found = [...new Set(waybillNos)].flatMap((no) => {
      const w = mine(appKey, no);
      return w ? [waybillToWire(w)] : [];
    });
    return { waybills: found };
  });

  registerService(app, s.auth, 'PUSHSUBSCRIBE', (appKey, payload) => {
    const { url } = parse(subscribeShape, payload);
    s.pusher.subscribe(appKey, url);
    return { url };
  });
}
