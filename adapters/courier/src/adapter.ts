import {
  type AdapterHooks,
  batchLoader,
  type ClientSettings,
  DepartmentClient,
  type WireResponse,
} from '@onething/adapter-core';
import { validateS10 } from '@onething/schema';
import type DataLoader from 'dataloader';
import { z } from 'zod';
import { dataOf, NO_SUCH_WAYBILL, readEnvelope, traceListSchema, waybillSchema } from './answers';
import { signedForm } from './digest';
import type { PostalOrder, Waybill } from './domain';
import { checkOrder, checkWaybillNumbers, orderToWire } from './order';

/** Waybills the platform tracks in one call at most (TRACEQUERY, 每次最多20个). */
export const COURIER_BATCH_LIMIT = 20;

export interface CourierAdapterOptions {
  readonly client: ClientSettings;
  readonly hooks?: AdapterHooks;
  /** The customer's app key (客户标识) at the courier. */
  readonly appKey: string;
  /** The app secret: the HMAC key of every data digest, the courier's requests' and pushes' alike. */
  readonly appSecret: string;
}

/** Per-request loaders of the courier's reads. */
export interface CourierLoaders {
  /** A waybill with its tracking, by number; batched 20 a call. */
  readonly waybillsByNumber: DataLoader<string, Waybill | null>;
}

/** The courier's adapter: waybills for posted results, and their tracking. */
export interface CourierAdapter {
  readonly system: 'courier';
  /** Orders a waybill for an application's results; one per order number, however often it is sent. */
  createWaybill(order: PostalOrder): Promise<Waybill>;
  /** Cancels a waybill before pickup (DEPARTMENT_REJECTED B04 once picked up); cancelling twice is no news. */
  cancelWaybill(waybillNumber: string, reason: string): Promise<Waybill>;
  /** The waybill by number; null when the courier holds none for us (or the number is no S10 number). */
  getWaybill(waybillNumber: string): Promise<Waybill | null>;
  /** The waybill made under an order number (the application number), or null when none reached the courier. */
  findWaybill(orderNumber: string): Promise<Waybill | null>;
  /** Waybills with their tracking, by number; the ones the courier does not hold for us are absent. */
  track(waybillNumbers: readonly string[]): Promise<Map<string, Waybill>>;
  /** Tells the courier where to push tracking events (PUSHSUBSCRIBE). */
  subscribe(url: string): Promise<void>;
  loaders(): CourierLoaders;
  close(): void;
}

const normalise = (key: string) => key.replace(/\s+/g, '').toUpperCase();
const chunks = <T>(list: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/**
 * Builds the courier platform's adapter (EMS 政务寄递). Every call is a form POST to
 * `/ems/api/<msg_type>` with a digest made afresh per attempt; reads are retried by the core, writes never
 * are: creating a waybill is idempotent at the courier by the order number, and a cancellation by state.
 */
export function createCourierAdapter(options: CourierAdapterOptions): CourierAdapter {
  const client = new DepartmentClient('courier', options.client, options.hooks);
  const app = { appKey: options.appKey, appSecret: options.appSecret };

  function call<T>(
    msgType: string,
    kind: 'read' | 'write',
    payload: unknown,
    interpret: (res: WireResponse) => T,
  ) {
    return client.call({
      op: msgType,
      kind,
      method: 'POST',
      path: `/ems/api/${msgType}`,
      request: () => ({
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: signedForm(msgType, payload, app),
      }),
      interpret,
    });
  }
  const answer =
    <T>(msgType: string, schema: z.ZodType<T>) =>
    (res: WireResponse) =>
      dataOf(client, msgType, readEnvelope(client, msgType, res), schema);
  const orNull =
    <T>(msgType: string, schema: z.ZodType<T>) =>
    (res: WireResponse) => {
      const env = readEnvelope(client, msgType, res);
      return env.code === NO_SUCH_WAYBILL ? null : dataOf(client, msgType, env, schema);
    };

  const adapter: CourierAdapter = {
    system: 'courier',

    async createWaybill(order) {
      const checked = checkOrder('ORDERCREATE', order);
      return call('ORDERCREATE', 'write', orderToWire(checked), answer('ORDERCREATE', waybillSchema));
    },

    async cancelWaybill(waybillNumber, reason) {
      const [waybillNo] = checkWaybillNumbers('ORDERCANCEL', [waybillNumber]);
      return call(
        'ORDERCANCEL',
        'write',
        { waybillNo, cancelReason: reason },
        answer('ORDERCANCEL', waybillSchema),
      );
    },

    async getWaybill(waybillNumber) {
      // A number that is no S10 number is no waybill the courier holds: null, without asking it.
      const s10 = validateS10(waybillNumber);
      if (!s10.ok) return null;
      return call('ORDERQUERY', 'read', { waybillNo: s10.value }, orNull('ORDERQUERY', waybillSchema));
    },

    async findWaybill(orderNumber) {
      return call('ORDERQUERY', 'read', { txLogisticId: orderNumber }, orNull('ORDERQUERY', waybillSchema));
    },

    async track(waybillNumbers) {
      const keys = [...new Set(checkWaybillNumbers('TRACEQUERY', waybillNumbers))];
      const pages = await Promise.all(
        chunks(keys, COURIER_BATCH_LIMIT).map((waybillNos) =>
          call('TRACEQUERY', 'read', { waybillNos }, answer('TRACEQUERY', traceListSchema)),
        ),
      );
      return new Map(pages.flatMap((p) => p.waybills).map((w) => [w.waybillNumber, w]));
    },

    async subscribe(url) {
      await call('PUSHSUBSCRIBE', 'write', { url }, answer('PUSHSUBSCRIBE', z.object({ url: z.string() })));
    },

    loaders() {
      return {
        waybillsByNumber: batchLoader<Waybill>({
          maxBatchSize: COURIER_BATCH_LIMIT,
          normalise,
          load: async (keys) => {
            const found = await adapter.track(keys);
            return new Map(
              keys.flatMap((k) => (found.has(normalise(k)) ? [[k, found.get(normalise(k))!]] : [])),
            );
          },
        }),
      };
    },

    close() {
      client.close();
    },
  };
  return adapter;
}
