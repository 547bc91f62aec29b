import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { AdapterError, clientSettings } from '@onething/adapter-core';
import type { SystemControl } from '@onething/adapter-core/contract';
import { CourierAdmin, courierSettings, createCourierStandIn } from '@onething/legacy-courier';
import { createLogger } from '@onething/runtime';
import { expect } from 'vitest';
import {
  type CourierAdapter,
  createCourierAdapter,
  type PostalOrder,
  type PushVerdict,
  PushVerifier,
  pushAnswer,
} from '../src/index';

export const APP = { appKey: 'onething-hall', appSecret: 'courier-dev-secret' } as const;
export const OTHER = { appKey: 'other-centre', appSecret: 'other-centre-secret-0001' } as const;

let seq = 0;
/** A fresh application number. */
export const newOrderNumber = () => `A-${process.pid}-${Date.now()}-${++seq}`;

/** The centre posting results to an applicant in another county of the same city. */
export const postalOrder = (
  orderNumber: string,
  recipient: Partial<PostalOrder['recipient']> = {},
): PostalOrder => ({
  orderNumber,
  sender: {
    name: '湖州市吴兴区政务服务中心',
    phone: '0572-2221234',
    province: '浙江省',
    city: '湖州市',
    county: '吴兴区',
    address: '青铜路1号',
    postalCode: '313000',
  },
  recipient: {
    name: '张三',
    phone: '13912345678',
    province: '浙江省',
    city: '湖州市',
    county: '南浔区',
    address: '南浔大道88号3幢201室',
    postalCode: '313009',
    ...recipient,
  },
  items: [
    { name: '不动产权证书', quantity: 1 },
    { name: '契税完税证明', quantity: 1 },
  ],
});

/** The AdapterError a promise rejects with (failing the test when it resolves or throws something else). */
export async function rejection(p: Promise<unknown>): Promise<AdapterError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AdapterError);
  return e as AdapterError;
}

/** Waits until `probe` answers something `ok` takes (or the time is up, answering the last). */
export async function until<T>(
  probe: () => Promise<T> | T,
  ok: (v: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > deadline) return v;
    await sleep(20);
  }
}

/** The courier stand-in as the adapter's tests use it: port 0, stopped clock, quick push retries. */
export async function startCourierSystem() {
  const standIn = createCourierStandIn(
    {
      ...courierSettings.load({}),
      apps: new Map([
        [APP.appKey, APP.appSecret],
        [OTHER.appKey, OTHER.appSecret],
      ]),
      persons: 10,
      clockSpeed: 0,
      port: 0,
      adminPort: 0,
      host: '127.0.0.1',
      settleIntervalMs: 20,
      pushRetryBaseMs: 50,
      pushMaxAttempts: 3,
    },
    createLogger('legacy-courier', 'silent'),
  );
  await standIn.listen();
  const admin = new CourierAdmin(standIn.adminUrl);
  /** The contract kit's control: the kit's admin endpoints, with the waybills made under a reference. */
  const control: SystemControl = {
    counts: () => admin.counts(),
    resetCounts: () => admin.resetCounts(),
    setFaults: ({ onlyOps, ...f }) =>
      admin.setFaults({ ...f, ...(onlyOps ? { onlyOps: [...onlyOps] } : {}) }),
    clearFaults: () => admin.clearFaults(),
    down: () => admin.down(),
    up: () => admin.up(),
    cases: async ({ ref }) => (await admin.waybills(ref)).map((w) => ({ caseNumber: w.waybillNo })),
  };
  return {
    standIn,
    admin,
    control,
    makeAdapter: (app: { appKey: string; appSecret: string } = APP, retries = 0): CourierAdapter =>
      createCourierAdapter({ client: clientSettings(standIn.url, { retry: { retries } }), ...app }),
  };
}

/** What reached the centre's push endpoint: every verdict, with the raw request to replay it. */
export interface Received {
  readonly verdict: PushVerdict;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** The centre's push endpoint, as the hall will serve it: verifies each push with the adapter's verifier. */
export async function startPushEndpoint(adapter: CourierAdapter): Promise<{
  url: string;
  received: Received[];
  accepted(): Received[];
  close(): Promise<void>;
}> {
  const verifier = new PushVerifier({
    ...APP,
    known: async (no, orderNumber) => (await adapter.getWaybill(no))?.orderNumber === orderNumber,
  });
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      const verdict = await verifier.verify(headers, body);
      received.push({ verdict, headers, body });
      const answer = pushAnswer(verdict);
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/pushes/courier`,
    received,
    accepted: () => received.filter((r) => r.verdict.ok),
    close: () => new Promise((r) => server.close(() => r())),
  };
}
