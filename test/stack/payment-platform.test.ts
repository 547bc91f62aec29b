import { verify } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { isNews } from '@onething/adapter-payment';
import { generatePopulation } from '@onething/legacy-kit';
import { Payer, PaymentAdmin, readPublicKey } from '@onething/legacy-payment';
import { verifyCallback } from '@onething/runtime/callbacks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { actingFor } from './department-cases';
import { eventually } from './house-transfer';
import { startTestStack, type TestStack } from './support';

/**
 * The payment platform on the whole stack, as `npm start` runs it: an order created through the
 * supergraph by the hall acting for the payer, paid at the platform's payer channel, its notification
 * checked by the payment subgraph and relayed (here to a receiver standing for the hall), refunds and
 * the daily statement — and every notification that must change nothing: forged, wrong in amount,
 * duplicate, out of order, late.
 */

const RELAY_SECRET = 'payment-callback-dev-secret';

/** What the relay's receiver got: every prompt, and what a recorder keeping the latest revision would record. */
interface Prompt {
  readonly orderNumber: string;
  readonly status: string;
  readonly revision: number;
  readonly latePayment: boolean;
  readonly eventType: string;
}

const ORDER = `orderNumber paymentCode reference status latePayment revision subject payerIdNumber payerName
  total paid refunded paidAt channel
  lines { subOrderNumber lineKey item basis amount refunded payee { code name kind } receipt { kind number amount document signature } }
  refunds { refundNumber reference subOrderNumber amount }`;
const CREATE = `mutation Create($input: PaymentOrderInput!) { createPaymentOrder(input: $input) { ${ORDER} } }`;
const BY_NUMBER = `query Order($n: String!) { paymentOrder(orderNumber: $n) { ${ORDER} } }`;
const BY_CODE = `query ByCode($c: String!) { paymentOrderByCode(paymentCode: $c) { orderNumber total lines { item amount } } }`;
const REFUND = `mutation Refund($input: PaymentRefundInput!) { refundPayment(input: $input) { refund { refundNumber amount subOrderNumber } order { status refunded revision } } }`;
const STATEMENT = `query Statement($d: Date!) { paymentStatement(date: $d) { date paid refunded lines { type orderNumber subOrderNumber amount } } }`;

type Order = {
  orderNumber: string;
  paymentCode: string;
  status: string;
  latePayment: boolean;
  revision: number;
  total: string;
  lines: {
    subOrderNumber: string;
    item: string;
    amount: string;
    receipt: { kind: string; amount: string; document: string; signature: string } | null;
  }[];
};

describe('the payment platform on the whole stack', () => {
  let s: TestStack;
  let relay: Server;
  const prompts: Prompt[] = [];
  let hall: string;
  let admin: PaymentAdmin;
  let payer: Payer;
  let seq = 0;
  const population = generatePopulation({ seed: 20261122, persons: 2000 });
  const person = population.persons[7]!;
  const other = population.persons[8]!;
  const promptsOf = (orderNumber: string) => prompts.filter((p) => p.orderNumber === orderNumber);
  const newRef = () => `stack-pay-${process.pid}-${Date.now()}-${++seq}`;

  beforeAll(async () => {
    // The receiver of relayed notifications, standing for the hall: it checks the relay's signature.
    relay = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        const verdict = verifyCallback(req.headers, body, new Map([['payment', RELAY_SECRET]]), 300_000);
        if (!verdict.ok) return res.writeHead(401).end();
        prompts.push(JSON.parse(body) as Prompt);
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    const relayUrl = `http://127.0.0.1:${(relay.address() as AddressInfo).port}/callbacks/payment`;
    s = await startTestStack({ env: { PAYMENT_RELAY_URL: relayUrl }, autopayAfterMs: null });
    hall = await s.serviceToken();
    admin = new PaymentAdmin(`http://127.0.0.1:${s.ports.platforms.payment.adminPort}`);
    payer = new Payer(`http://127.0.0.1:${s.ports.platforms.payment.port}`);
  });
  afterAll(async () => {
    await s?.stop();
    await new Promise<void>((r) => relay?.close(() => r()));
  });
  afterEach(() => admin.reset());

  const asHall = <T>(query: string, variables: Record<string, unknown>, payerId = person.idNumber) =>
    s.gql<T>(query, variables, hall, actingFor(payerId));

  async function createOrder(extra: Record<string, unknown> = {}): Promise<Order> {
    const answer = await asHall<{ createPaymentOrder: Order }>(CREATE, {
      input: {
        reference: newRef(),
        payerIdNumber: person.idNumber,
        payerName: person.name,
        subject: '二手房转移登记一件事',
        lines: [
          {
            lineKey: 'deed-tax',
            payee: 'TAX-TREASURY',
            item: '契税',
            basis: '家庭唯一住房，1%',
            amount: '15000.00',
          },
          {
            lineKey: 'registration-fee',
            payee: 'RE-FEE',
            item: '不动产登记费（住宅）',
            basis: '发改价格规〔2016〕2559号：每件80元',
            amount: '80.00',
          },
        ],
        ...extra,
      },
    });
    expect(answer.errors).toBeUndefined();
    return answer.data!.createPaymentOrder;
  }
  const read = async (orderNumber: string) =>
    (await asHall<{ paymentOrder: Order | null }>(BY_NUMBER, { n: orderNumber })).data?.paymentOrder;
  const pay = (o: Order, channel: 'ONLINE_BANKING' | 'POS' = 'ONLINE_BANKING') =>
    payer.pay(o.paymentCode, Math.round(Number(o.total) * 100), channel);
  const deliveries = async (orderNumber: string) =>
    (await admin.notifications()).attempts.filter((a) => a.orderNo === orderNumber);

  it('creates an order for the applicant the hall acts for, which they read with its payment code and what it covers', async () => {
    const order = await createOrder();
    expect(order).toMatchObject({ status: 'UNPAID', total: '15080.00' });
    expect(order.paymentCode).toMatch(/^\d{20}$/);
    const applicant = await s.customToken({
      role: 'applicant',
      id_number: person.idNumber,
      name: person.name,
    });
    const mine = await s.gql<{ paymentOrder: Order }>(BY_NUMBER, { n: order.orderNumber }, applicant);
    expect(mine.data?.paymentOrder.lines.map((l) => [l.item, l.amount])).toEqual([
      ['契税', '15000.00'],
      ['不动产登记费（住宅）', '80.00'],
    ]);
    // Another applicant learns nothing, not even that it exists; window staff find it by its code only.
    const stranger = await s.customToken({ role: 'applicant', id_number: other.idNumber, name: other.name });
    expect((await s.gql(BY_NUMBER, { n: order.orderNumber }, stranger)).data).toEqual({ paymentOrder: null });
    const officer = await s.token('window-staff');
    expect(
      (await s.gql<{ paymentOrderByCode: Order }>(BY_CODE, { c: order.paymentCode }, officer)).data
        ?.paymentOrderByCode.total,
    ).toBe('15080.00');
    expect((await s.gql(BY_NUMBER, { n: order.orderNumber }, officer)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    // Nobody but the hall acting for the payer sets what is to be paid.
    const forged = await s.gql(
      CREATE,
      {
        input: {
          reference: newRef(),
          payerIdNumber: person.idNumber,
          payerName: person.name,
          subject: 'x',
          lines: [{ lineKey: 'a', payee: 'RE-FEE', item: 'x', basis: 'x', amount: '0.01' }],
        },
      },
      applicant,
    );
    expect(forged.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const forOther = await asHall(
      CREATE,
      {
        input: {
          reference: newRef(),
          payerIdNumber: person.idNumber,
          payerName: person.name,
          subject: 'x',
          lines: [{ lineKey: 'a', payee: 'RE-FEE', item: 'x', basis: 'x', amount: '0.01' }],
        },
      },
      other.idNumber,
    );
    expect(forOther.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('is reached only through the gateway: the subgraph refuses a call without its signed identity', async () => {
    const res = await fetch(`http://127.0.0.1:${s.ports.platforms.payment.subgraph}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ paymentOrderByCode(paymentCode: "11010526000000000013") { orderNumber } }',
      }),
    });
    expect(res.status).toBe(401);
    expect(
      ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
    ).toBe('UNAUTHENTICATED');
  });

  it('creates one order per reference, however often the hall sends it', async () => {
    const reference = newRef();
    const input = {
      reference,
      payerIdNumber: person.idNumber,
      payerName: person.name,
      subject: '一件事',
      lines: [{ lineKey: 'fee', payee: 'RE-FEE', item: '不动产登记费', basis: '每件80元', amount: '80.00' }],
    };
    const [a, b] = await Promise.all([
      asHall<{ createPaymentOrder: Order }>(CREATE, { input }),
      asHall<{ createPaymentOrder: Order }>(CREATE, { input }),
    ]);
    expect(a.data?.createPaymentOrder.orderNumber).toBe(b.data?.createPaymentOrder.orderNumber);
    expect(await admin.orders(reference)).toHaveLength(1);
  });

  it('is paid at the window’s POS: the notification is checked and relayed once, and each line’s receipt is downloadable and signed', async () => {
    const order = await createOrder();
    expect((await pay(order, 'POS')).code).toBe('0000');
    const [prompt] = await eventually(
      async () => promptsOf(order.orderNumber),
      (p) => p.length === 1,
      'the payment relayed',
    );
    expect(prompt).toMatchObject({ status: 'PAID', revision: 1, eventType: 'PAYMENT', latePayment: false });
    const paid = await read(order.orderNumber);
    expect(paid).toMatchObject({ status: 'PAID', revision: 1 });
    const platformKey = readPublicKey(join(s.logDir, 'payment', 'platform-public.pem'));
    const canonical = (v: unknown): string =>
      Array.isArray(v)
        ? `[${v.map(canonical).join(',')}]`
        : v && typeof v === 'object'
          ? `{${Object.keys(v)
              .sort()
              .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
              .join(',')}}`
          : JSON.stringify(v);
    expect(paid!.lines.map((l) => [l.receipt?.kind, l.receipt?.amount])).toEqual([
      ['TAX_PAYMENT_VOUCHER', '15000.00'],
      ['FISCAL_RECEIPT', '80.00'],
    ]);
    for (const line of paid!.lines)
      expect(
        verify(
          'sha256',
          Buffer.from(canonical(JSON.parse(line.receipt!.document))),
          platformKey,
          Buffer.from(line.receipt!.signature, 'base64'),
        ),
      ).toBe(true);
    // Acknowledged at the first delivery, and the same code cannot be paid twice.
    expect((await deliveries(order.orderNumber)).map((d) => [d.status, d.acknowledged])).toEqual([
      [200, true],
    ]);
    expect((await pay(order)).code).toBe('4003');
  });

  it('refuses a forged notification and one of another amount: nothing is relayed, nothing marked paid', async () => {
    await admin.setNotificationFaults({ forgeSignature: true });
    const forged = await createOrder();
    await pay(forged);
    const refusedForged = await eventually(
      () => deliveries(forged.orderNumber),
      (d) => d.length >= 2,
      'the forged notification redelivered',
    );
    expect(refusedForged.every((d) => d.forged && d.status === 401 && !d.acknowledged)).toBe(true);

    await admin.setNotificationFaults({ forgeSignature: false, amountDeltaFen: -8000 });
    const short = await createOrder();
    await pay(short);
    const [refusedShort] = await eventually(
      () => deliveries(short.orderNumber),
      (d) => d.length >= 1,
      'the wrong amount delivered',
    );
    expect(refusedShort).toMatchObject({ status: 409, acknowledged: false });
    expect(promptsOf(forged.orderNumber)).toEqual([]);
    expect(promptsOf(short.orderNumber)).toEqual([]);
  });

  it('relays duplicate and out-of-order notifications with the order’s current state: recorded once, never backwards', async () => {
    await admin.setNotificationFaults({ hold: true, duplicate: true });
    const order = await createOrder();
    await pay(order);
    const refund = await asHall<{ refundPayment: { order: { status: string } } }>(REFUND, {
      input: {
        orderNumber: order.orderNumber,
        reference: newRef(),
        subOrderNumber: order.lines[1]!.subOrderNumber,
        reason: '登记被驳回，退还登记费',
      },
    });
    expect(refund.data?.refundPayment.order.status).toBe('PARTIALLY_REFUNDED');
    await eventually(
      async () => (await admin.notifications()).held,
      (n) => n === 2,
      'both notifications held',
    );
    await admin.release('reverse');
    const got = await eventually(
      async () => promptsOf(order.orderNumber),
      (p) => p.length === 4,
      'each notification twice',
    );
    expect(got[0]?.eventType).toBe('REFUND');
    expect(got.map((p) => [p.status, p.revision])).toEqual(Array(4).fill(['PARTIALLY_REFUNDED', 2]));
    let recorded: number | undefined;
    const news = got.filter((p) => {
      const fresh = isNews(p, recorded);
      if (fresh) recorded = p.revision;
      return fresh;
    });
    expect(news.map((p) => p.status)).toEqual(['PARTIALLY_REFUNDED']);
  });

  it('reads a payment by query before its late notification, which is then no news', async () => {
    await admin.setNotificationFaults({ delayMs: 1_500 });
    const order = await createOrder();
    await pay(order);
    const queried = await read(order.orderNumber);
    expect(queried).toMatchObject({ status: 'PAID', revision: 1 });
    const [late] = await eventually(
      async () => promptsOf(order.orderNumber),
      (p) => p.length === 1,
      'the late notification',
    );
    expect(isNews(late!, queried!.revision)).toBe(false);
  });

  it('refunds a payment made after the order expired, once per reference', async () => {
    const order = await createOrder({ expiresInMinutes: 30 });
    await admin.advanceClock({ advanceHours: 1 });
    expect((await read(order.orderNumber))?.status).toBe('EXPIRED');
    expect((await pay(order)).data?.late_payment).toBe(true);
    const [prompt] = await eventually(
      async () => promptsOf(order.orderNumber),
      (p) => p.length === 1,
      'the late payment relayed',
    );
    expect(prompt).toMatchObject({ status: 'PAID', latePayment: true });
    const input = {
      orderNumber: order.orderNumber,
      reference: newRef(),
      reason: '缴款码过期后缴款，全额退还',
    };
    const first = await asHall<{
      refundPayment: { refund: { refundNumber: string; amount: string }; order: { status: string } };
    }>(REFUND, { input });
    const again = await asHall<{ refundPayment: { refund: { refundNumber: string } } }>(REFUND, { input });
    expect(first.data?.refundPayment).toMatchObject({
      refund: { amount: '15080.00' },
      order: { status: 'REFUNDED' },
    });
    expect(again.data?.refundPayment.refund.refundNumber).toBe(first.data?.refundPayment.refund.refundNumber);
    // Only the hall acting for the payer refunds.
    expect(
      (await asHall(REFUND, { input: { ...input, reference: newRef() } }, other.idNumber)).errors?.[0]
        ?.extensions?.code,
    ).toBe('NOT_FOUND');
  });

  it('gives the day’s statement to the hall’s own identity, with a mismatch injected at the platform', async () => {
    const order = await createOrder();
    await pay(order);
    const now = (await admin.advanceClock({})).now;
    const day = new Date(Date.parse(now) + 8 * 3_600_000).toISOString().slice(0, 10);
    await admin.advanceClock({ advanceDays: 1 });
    type Statement = { paymentStatement: { lines: { type: string; orderNumber: string; amount: string }[] } };
    const statement = await s.gql<Statement>(STATEMENT, { d: day }, hall);
    expect(
      statement.data?.paymentStatement.lines
        .filter((l) => l.orderNumber === order.orderNumber)
        .map((l) => [l.type, l.amount]),
    ).toEqual([
      ['PAY', '15000.00'],
      ['PAY', '80.00'],
    ]);
    await admin.setStatementFaults({ amountDeltaFen: { [order.orderNumber]: 100 } });
    const off = await s.gql<Statement>(STATEMENT, { d: day }, hall);
    expect(
      off.data?.paymentStatement.lines
        .filter((l) => l.orderNumber === order.orderNumber)
        .map((l) => l.amount),
    ).toEqual(['15001.00', '81.00']);
    // Every payer's payments: not for an applicant, nor for the hall acting for one.
    const applicant = await s.customToken({
      role: 'applicant',
      id_number: person.idNumber,
      name: person.name,
    });
    expect((await s.gql(STATEMENT, { d: day }, applicant)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await asHall(STATEMENT, { d: day })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
