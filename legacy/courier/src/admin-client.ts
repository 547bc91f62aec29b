import { StandInAdmin } from '@onething/legacy-kit';
import type { PushAttempt, PushFaults } from './pusher';
import type { WaybillEvent } from './waybill';
import type { WireWaybill } from './wire';

/** A client of the courier stand-in's admin port: the kit's endpoints plus its waybills and pushes. */
export class CourierAdmin extends StandInAdmin {
  private async own<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.adminUrl}/__admin${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`admin ${method} ${path} answered ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  /** Every waybill made under a customer order number. */
  waybills(ref: string) {
    return this.own<WireWaybill[]>('GET', `/waybills?ref=${encodeURIComponent(ref)}`);
  }
  waybill(no: string) {
    return this.own<WireWaybill>('GET', `/waybills/${encodeURIComponent(no)}`);
  }
  /** Makes something happen to a waybill now (a failed delivery, a return…), instead of its plan. */
  event(no: string, event: WaybillEvent) {
    return this.own<WireWaybill>('POST', `/waybills/${encodeURIComponent(no)}/events`, event);
  }
  pushes() {
    return this.own<{ faults: PushFaults; held: number; attempts: PushAttempt[] }>('GET', '/pushes');
  }
  setPushFaults(patch: Partial<PushFaults>) {
    return this.own<PushFaults>('PUT', '/pushes', patch);
  }
  releasePushes(order: 'fifo' | 'reverse' = 'fifo') {
    return this.own<{ released: number }>('POST', '/pushes/release', { order });
  }
}
