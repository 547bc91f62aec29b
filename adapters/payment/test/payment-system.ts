import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientSettings } from '@onething/adapter-core';
import type { SystemControl } from '@onething/adapter-core/contract';
import type { FaultSettings, StandIn } from '@onething/legacy-kit';
import {
  createPaymentStandIn,
  Payer,
  PaymentAdmin,
  paymentSettings,
  readPrivateKey,
  readPublicKey,
} from '@onething/legacy-payment';
import { createLogger } from '@onething/runtime';
import { createPaymentAdapter, type NewPaymentOrder, type PaymentAdapter } from '../src/index';

let seq = 0;
/** A fresh reference (idempotency key). */
export const newRef = () => `pay-test-${process.pid}-${Date.now()}-${++seq}`;

/** The platform's stand-in on port 0 with a stopped clock, its keys in a fresh directory. */
export async function startPaymentSystem() {
  const dataDir = mkdtempSync(join(tmpdir(), 'payment-platform-'));
  const config = {
    ...paymentSettings.load({ DATA_DIR: dataDir }),
    persons: 200,
    clockSpeed: 0,
    port: 0,
    adminPort: 0,
    host: '127.0.0.1',
    notifyRetryBaseMs: 50,
    notifyMaxAttempts: 3,
  };
  const standIn: StandIn = createPaymentStandIn(config, createLogger('legacy-payment', 'silent'));
  await standIn.listen();
  const admin = new PaymentAdmin(standIn.adminUrl);
  const keys = {
    callerKey: readPrivateKey(join(dataDir, 'caller-onething-hall-private.pem')),
    platformKey: readPublicKey(join(dataDir, 'platform-public.pem')),
    platformPrivateKey: readPrivateKey(join(dataDir, 'platform-private.pem')),
  };
  const control: SystemControl = {
    counts: () => admin.counts(),
    resetCounts: () => admin.resetCounts(),
    setFaults: (f) => admin.setFaults(f as Partial<FaultSettings>),
    clearFaults: () => admin.clearFaults(),
    down: () => admin.down(),
    up: () => admin.up(),
    cases: async ({ ref }) => (await admin.orders(ref)).map((o) => ({ caseNumber: o.order_no })),
  };
  const payer = standIn.ctx.population.persons[0]!;
  return {
    standIn,
    admin,
    control,
    keys,
    payer: new Payer(standIn.url),
    person: { idNumber: payer.idNumber, name: payer.name },
    makeAdapter: (overrides: Partial<Parameters<typeof createPaymentAdapter>[0]> = {}): PaymentAdapter =>
      createPaymentAdapter({
        client: clientSettings(standIn.url, { retry: { retries: 0 } }),
        callerId: 'onething-hall',
        callerKey: keys.callerKey,
        platformKey: keys.platformKey,
        ...overrides,
      }),
  };
}

/** An order of the deed tax and the registration fee of a house transfer, for `payer`. */
export function houseTransferOrder(
  reference: string,
  payer: { idNumber: string; name: string },
  extra: Partial<NewPaymentOrder> = {},
): NewPaymentOrder {
  return {
    reference,
    payer,
    subject: '二手房转移登记一件事',
    lines: [
      {
        lineKey: 'deed-tax',
        payeeCode: 'TAX-TREASURY',
        item: '契税',
        basis: '财政部 税务总局 住房城乡建设部公告2024年第16号：家庭唯一住房，面积90平方米以上，1%',
        amountFen: 1_500_000,
      },
      {
        lineKey: 'registration-fee',
        payeeCode: 'RE-FEE',
        item: '不动产登记费（住宅）',
        basis: '发改价格规〔2016〕2559号：住宅类不动产登记每件80元',
        amountFen: 8_000,
      },
    ],
    ...extra,
  };
}

/** A callback a test listens on: every notification is handed to `handle`, whose answer is sent back. */
export async function callbackServer(
  handle: (headers: IncomingHttpHeaders, body: Buffer) => Promise<{ status: number; body: string }>,
): Promise<{ url: string; close(): Promise<void>; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void handle(req.headers, Buffer.concat(chunks)).then(
        (answer) => res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body),
        (err: unknown) => res.writeHead(500).end(String(err)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}/notify`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
