import { clientSettings } from '@onething/adapter-core';
import { describeClientContract } from '@onething/adapter-core/contract';
import { validateS10 } from '@onething/schema';
import { expect, it } from 'vitest';
import { COURIER_BATCH_LIMIT, type CourierAdapter, createCourierAdapter, type Waybill } from '../src/index';
import { APP, newOrderNumber, postalOrder, startCourierSystem } from './courier-system';

/** Waybills made before the suite, to read back (the platform holds nothing until a customer orders). */
const held: string[] = [];
let system: Awaited<ReturnType<typeof startCourierSystem>>;

describeClientContract<CourierAdapter, Waybill, Waybill>(
  {
    department: 'courier',
    async start() {
      system = await startCourierSystem();
      const adapter = system.makeAdapter();
      for (let i = 0; i < 101; i++)
        held.push((await adapter.createWaybill(postalOrder(newOrderNumber()))).waybillNumber);
      adapter.close();
      return { url: system.standIn.url, control: system.control, stop: () => system.standIn.close() };
    },
    adapter: (url, settings, hooks) =>
      createCourierAdapter({ client: clientSettings(url, settings), hooks, ...APP }),
    reads: {
      op: 'TRACEQUERY',
      batchLimit: COURIER_BATCH_LIMIT,
      keys: (n) => held.slice(0, n),
      // A well-formed S10 number (its check digit holds) the platform never issued.
      missingKey: 'EA000000014CN',
      invalidKey: 'EA000000012CN',
      loader: (adapter) => adapter.loaders().waybillsByNumber,
      check(key, w) {
        expect(w.waybillNumber).toBe(key);
        expect(validateS10(key).ok).toBe(true);
        expect(w.status).toBe('CREATED');
        expect(w.recipient).toEqual({
          name: '张三',
          maskedPhone: '139****5678',
          province: '浙江省',
          city: '湖州市',
        });
        expect(Number.isNaN(Date.parse(w.createdAt))).toBe(false);
        expect(w.events.map((e) => [e.seq, e.status])).toEqual([[1, 'CREATED']]);
      },
    },
    writes: {
      op: 'ORDERCREATE',
      words: { write: 'waybill order', written: 'ordered', record: 'waybill' },
      write: (adapter, key) => adapter.createWaybill(postalOrder(key)),
      // The platform refuses at once a second order under the same number with other content (B02).
      rejected: async (adapter, key) => {
        await adapter.createWaybill(postalOrder(key));
        return adapter.createWaybill(postalOrder(key, { name: '李四' }));
      },
      find: (adapter, key) => adapter.findWaybill(key),
      get: (adapter, no) => adapter.getWaybill(no),
      numberOf: (w) => w.waybillNumber,
    },
  },
  (h) => {
    it('says which waybill numbers are its own: the S10 check digit of every one it issued holds', async () => {
      const made = await h.adapter.createWaybill(postalOrder(h.newKey()));
      expect(validateS10(made.waybillNumber)).toMatchObject({ ok: true, details: { country: 'CN' } });
      expect(made.orderNumber).toMatch(/^contract-courier-/);
    });
  },
);
