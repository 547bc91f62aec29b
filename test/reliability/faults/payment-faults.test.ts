import { afterAll, describe, expect, it } from 'vitest';
import { advanceClocks } from '../../stack/house-transfer';
import type { TestStack } from '../../stack/support';
import { recordSection, rounds } from '../figures';
import { ended, startFaultStack } from './fault-stack';
import { againstTheOrder, doubleCharges, type Offence, registrations } from './payment-counts';
import { type Applicant, PaymentDrive } from './payment-drive';
import { KILL_POINTS, killsAfterPaying } from './payment-kills';
import {
  CLAIMS,
  claimsAgainstUnpaid,
  NOTIFICATION_FAULTS,
  type NotificationFault,
  notificationFault,
} from './payment-notifications';
import { OUTAGES, type Outage, type OutageOutcome, outageAtCheckout } from './payment-outage';
import { LATE_UNSEEN, paidLateUnseen, reconcile, refundedAndRenewed } from './payment-reconcile';

/**
 * 一窗收费 under faults, on the whole stack: the payment platform down or slow at checkout, its
 * notifications late, twice, out of order, forged, of a wrong amount or lost, claims of payments no order
 * holds, and the hall killed between a notification and its record. Counted at the systems: no double
 * charge, nothing paid but unrecorded after reconciliation, no registration sent before its payment.
 */

const PER_OUTAGE = rounds(4, 2);
const PER_FAULT = rounds(3, 1);
const KILLS = rounds(12, 3);
const SEED = 20261122;

/**
 * Short leases and retries, so that the work of a killed hall is taken over, and an outage left, within
 * seconds; a lease still longer than a call to the platform may take (the payment subgraph's timeout of
 * 3 s), or a second worker would take over a payment's job while the first still waits for its answer.
 */
const HALL = { DISPATCH_LEASE_MS: '5000', DISPATCH_BACKOFF_MS: '100', DISPATCH_BACKOFF_MAX_MS: '1000' };

interface Group {
  readonly scenario: string;
  readonly fault: string;
  readonly apps: readonly Applicant[];
}

describe('payment faults', () => {
  let s: TestStack | undefined;
  afterAll(async () => {
    await s?.stop();
  });

  it('charges once, records once, and sends no registration before its payment', async () => {
    // Department clocks stopped (moved by the test) and payers who pay only when the test pays.
    s = await startFaultStack({ clockSpeed: 0, autopayAfterMs: null, hallEnv: HALL });
    const stack = s;
    const d = new PaymentDrive(stack);
    const groups: Group[] = [];

    const outages = new Map<Outage, OutageOutcome>();
    for (const outage of Object.keys(OUTAGES) as Outage[]) {
      const o = await outageAtCheckout(d, outage, PER_OUTAGE);
      outages.set(outage, o);
      expect(o.told, `${outage}: applicants told, their application waiting for payment`).toBe(PER_OUTAGE);
      const [least, most] = OUTAGES[outage].ordersEachWhileOut;
      expect(o.ordersDuring, `${outage}: orders at the platform while out`).toBeGreaterThanOrEqual(
        least * PER_OUTAGE,
      );
      expect(o.ordersDuring, `${outage}: orders at the platform while out`).toBeLessThanOrEqual(
        most * PER_OUTAGE,
      );
      expect(o.secondPaymentsRefused, `${outage}: second payments at once refused`).toBe(PER_OUTAGE);
      groups.push({ scenario: 'platform out at checkout', fault: OUTAGES[outage].how, apps: o.applicants });
    }

    for (const fault of Object.keys(NOTIFICATION_FAULTS) as NotificationFault[])
      groups.push({
        scenario: `notifications ${fault}`,
        fault: NOTIFICATION_FAULTS[fault].how,
        apps: await notificationFault(d, fault, PER_FAULT),
      });
    const claims = await claimsAgainstUnpaid(d, PER_FAULT);
    groups.push({
      scenario: 'claims of a payment',
      fault: `${CLAIMS.length} claims of each unpaid order`,
      apps: claims.applicants,
    });

    const kills = await killsAfterPaying(d, KILLS, SEED);
    for (const point of KILL_POINTS)
      groups.push({
        scenario: 'hall killed after paying',
        fault: point,
        apps: kills.filter((k) => k.point === point).map((k) => k.applicant),
      });

    // Reconciled, every payment of the run: the late ones unseen found by it alone.
    const late = await paidLateUnseen(d, PER_FAULT);
    groups.push({ scenario: 'notification of a late payment lost', fault: LATE_UNSEEN, apps: late });
    const reconciled = await reconcile(stack, d, d.applicants);
    const lateOrders = new Set(late.map((a) => a.payments[0]!.orderNumber));
    expect(
      reconciled.first
        .filter((m) => m.kind === 'PAID_UNRECORDED')
        .map((m) => m.orderNumber)
        .sort(),
      'paid but unrecorded at the first reconciliation: the late payments unseen, only',
    ).toEqual([...lateOrders].sort());
    await refundedAndRenewed(d, late);

    // Every application to its end: the registrations decided on the departments' clocks.
    await advanceClocks(stack, 240);
    for (const a of d.applicants)
      await d.waitApplication(a, (v) => v.status === (a.refused ? 'REJECTED' : 'COMPLETED'), 'its end', {
        timeoutMs: 120_000,
      });

    const all = d.applicants;
    const charged = await doubleCharges(d, all);
    const registered = await registrations(stack, d, all);
    const against = await againstTheOrder(d, all);
    const deliveries = await d.deliveries();
    expect(charged, 'double charges').toEqual([]);
    expect(registered.offences, 'registrations sent before payment').toEqual([]);
    expect(against, 'payments marked otherwise than the order says').toEqual([]);
    expect(
      reconciled.left.filter((m) => m.kind === 'PAID_UNRECORDED'),
      'paid but unrecorded after reconciliation',
    ).toEqual([]);
    expect(reconciled.left, 'mismatches left after reconciliation').toEqual([]);
    expect(ended(stack), 'services that ended').toEqual([]);

    const of = (apps: readonly Applicant[]) => {
      const ids = new Set(apps.map((a) => a.id));
      const orders = new Set(apps.flatMap((a) => a.payments.map((p) => p.orderNumber)));
      const mine = deliveries.filter((x) => orders.has(x.orderNo));
      const count = (xs: readonly Offence[]) => xs.filter((x) => ids.has(x.applicationId)).length;
      return {
        applications: apps.length,
        'payments made': apps.reduce((n, a) => n + a.payments.length, 0),
        'notifications acknowledged': mine.filter((x) => x.acknowledged).length,
        'notifications refused': mine.filter((x) => !x.acknowledged).length,
        'double charges': count(charged),
        'registrations before payment': count(registered.offences),
        'marked paid against the order': count(against),
        'paid but unrecorded after reconciliation': reconciled.left.filter(
          (m) => m.kind === 'PAID_UNRECORDED' && m.applicationId && ids.has(m.applicationId),
        ).length,
        'applications completed': apps.filter((a) => !a.refused).length,
      };
    };
    const killed = (k: typeof kills) => k.filter((x) => x.unrecordedAtKill).length;
    /** Notifications (events) of these applicants' orders no delivery of which was acknowledged. */
    const unacknowledged = (apps: readonly Applicant[]) => {
      const orders = new Set(apps.flatMap((a) => a.payments.map((p) => p.orderNumber)));
      const events = new Set(deliveries.filter((x) => orders.has(x.orderNo)).map((x) => x.eventId));
      return [...events].filter((e) => !deliveries.some((x) => x.eventId === e && x.acknowledged)).length;
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const byKind = (ms: readonly { kind: string }[]) =>
      [...new Set(ms.map((m) => m.kind))]
        .map((k) => `${k} ${ms.filter((m) => m.kind === k).length}`)
        .join(', ') || 'no mismatch';
    const held = kills.filter((k) => k.unrecordedAtKill !== null);
    recordSection({
      key: '14-payment-faults',
      title: 'Payment faults (一窗收费)',
      about: [
        'House transfers brought to their payment on the whole stack, the payment platform and its notifications faulted, the hall killed:',
        `the platform down, and slow past the payment subgraph’s timeout, as ${PER_OUTAGE} payments fall due, and down while ${PER_OUTAGE} codes wait to be paid (each applicant then paying twice at once);`,
        `its notifications late, twice, out of order, forged and of a wrong amount, and claims that an unpaid order is paid (${PER_FAULT} applications each);`,
        `the hall killed with SIGKILL ${KILLS} times between the platform’s notification of a payment and its record of it;`,
        `and ${PER_FAULT} codes expired, paid late, their notifications lost, so that reconciliation alone finds them.`,
        'Counted at the systems once every application came to its end: a double charge is a second order of an application at the platform or an order paid twice;',
        'a registration before payment is a transfer registration the registry took before the payer’s call that paid its order (both real-time stamps in the stand-ins’ request logs), or without the payment voucher;',
        'paid but unrecorded is what the hall’s reconciliation of the day (by window staff, the platform’s clock moved a day on) still lists once it read back what it found.',
      ].join(' '),
      command:
        'RELIABILITY=full npx vitest run --project reliability test/reliability/faults/payment-faults.test.ts',
      rows: [
        ...groups.map((g) => ({ scenario: g.scenario, fault: g.fault, ...of(g.apps) })),
        { scenario: 'all', fault: 'total', ...of(all) },
      ],
      notes: [
        `Platform out at checkout: every applicant was told while it was out (the payment’s problem, the application PAYMENT_DUE), e.g. “${outages.get('down as payments fall due')!.problem}”, “${outages.get('slow as payments fall due')!.problem}”, and while the codes waited to be paid “${outages.get('down while codes are unpaid')!.problem}” (${outages.get('down while codes are unpaid')!.paymentsFailedDuring} payments tried meanwhile did not go through). Orders at the platform while it was out: ${[...outages].map(([k, o]) => `${o.ordersDuring} ${k}`).join(', ')} (a slow platform makes the order of a request that timed out, and answers the hall’s next try under the same reference with it). Once it was back every problem was gone, every code paid, and every second payment at once refused (${[...outages.values()].reduce((n, o) => n + o.secondPaymentsRefused, 0)} of ${outages.size * PER_OUTAGE}, \`4003\`).`,
        `Claims of a payment the order does not hold, each answered as it must be (${CLAIMS.join('; ')}): ${claims.refused} refused by the payment subgraph; every payment still UNPAID once the hall had read its order back after them.`,
        `Hall killed: ${killed(held)} of ${held.length} kills with the notification held came while the hall still showed the payment unpaid; the deliveries refused in these rows are the payment subgraph’s 503s while the hall was down (its relay to the hall failed), the platform delivering again, through later kills too; ${unacknowledged(kills.map((k) => k.applicant))} of these payments’ notifications were never acknowledged by the end, their payments recorded by the hall’s own read of the order alone. The hall was down a median ${median(kills.map((k) => k.downMs))} ms each time (from the kill until it was ready again, the notification delivered meanwhile where it was held); ${d.failedReads.length} of the applicants’ reads right after a restart failed and were tried again${d.failedReads.length ? ` (e.g. ${d.failedReads[0]!.slice(0, 160)})` : ''}.`,
        `Reconciliation of ${reconciled.days.join(' and ')}: the first run listed ${byKind(reconciled.first)} (the late payments unseen, and nothing else); once the hall read back what it found, ${byKind(reconciled.left)}. Each late payment was then recorded once and refunded whole, and its applicant paid a new code. Transfer registrations at the registry: ${registered.cases}, one per application.`,
        'Defect found and fixed (d73cbc5): with the platform down while codes waited to be paid, the applicant was told so (the payment’s problem), and kept being told after the platform came back — the hall’s reads then answered nothing new, and nothing cleared the problem until the code was paid. A read that answers now clears a problem of following the order, and a refund made what held it up.',
        'The applications of the out-of-order notifications were refused by the registry on purpose (so that each order has a refund notification too): they end REJECTED, the registration fee refunded once, and are not counted completed.',
        'Refused notifications are the platform’s deliveries the payment subgraph answered otherwise than `SUCCESS` (a forged signature 401, a wrong amount 409, the hall down 503); the platform delivers each again up to 8 times, so one notification counts several times.',
        `Stack as \`npm start\` runs it, with the departments’ clocks moved by the test and payers paying only when the test pays; hall settings \`DISPATCH_LEASE_MS=5000\` (default 30 s), \`DISPATCH_BACKOFF_MS=100\`, \`DISPATCH_BACKOFF_MAX_MS=1000\`; payment codes read back every \`POLL_INTERVAL_MS\` (2 s).`,
      ],
    });
  }, 1_800_000);
});
