import type { LoggedRequest, StandInAdmin } from '@onething/legacy-kit';
import { orderReference } from '../../../subgraphs/hall/src/payments/model';
import type { TestStack } from '../../stack/support';
import { type Applicant, fen, type PaymentDrive } from './payment-drive';

/**
 * What the payment faults are counted by, at the systems themselves: the platform's orders and payer
 * calls, the registry's cases and its request log, and the hall's reconciliation of the day.
 */

/** Every request a stand-in logged (its log keeps the last 100 000; it answers 10 000 at a time). */
export async function wholeLog(admin: StandInAdmin): Promise<LoggedRequest[]> {
  const all: LoggedRequest[] = [];
  for (;;) {
    const page = await admin.requestLog(all.at(-1)?.seq ?? 0);
    if (page.length === 0) return all;
    all.push(...page);
  }
}

/** The first successful request of an operation that names a key (an order, a case number). */
const firstOk = (log: readonly LoggedRequest[], op: string, key: string) =>
  log.find((r) => r.op === op && r.outcome === 'ok' && r.keys.includes(key));

/** Something that must not happen, found for an application. */
export interface Offence {
  readonly applicationId: string;
  readonly why: string;
}

/**
 * Double charges, counted at the platform: an application with a second order though it was not renewed
 * (its first reference made twice, or a second one), an order paid twice, or two orders paid and kept
 * (a payment on an expired code is refunded whole, so it is not kept).
 */
export async function doubleCharges(d: PaymentDrive, apps: readonly Applicant[]): Promise<Offence[]> {
  const pays = (await wholeLog(d.admin)).filter((r) => r.op === 'payer.pay' && r.outcome === 'ok');
  const found: Offence[] = [];
  for (const a of apps) {
    const offence = (why: string) => found.push({ applicationId: a.id, why });
    const orders = [
      ...(await d.admin.orders(orderReference(a.id, 1))),
      ...(await d.admin.orders(orderReference(a.id, 2))),
      ...(await d.admin.orders(orderReference(a.id, 3))),
    ];
    const allowed = a.renewed ? 2 : 1;
    if (orders.length !== allowed) offence(`${orders.length} orders at the platform, ${allowed} made`);
    for (const o of orders) {
      const taken = pays.filter((r) => r.keys.includes(o.order_no)).length;
      if (taken > 1) offence(`${o.order_no} paid ${taken} times`);
    }
    const kept = orders.filter((o) => o.paid_at !== null && o.refunded_fen < o.total_fen);
    if (kept.length > 1) offence(`${kept.map((o) => o.order_no).join(' and ')} both paid and kept`);
  }
  return found;
}

/**
 * Every transfer registration of these applications at the registry, one per application: sent (its
 * SubmitApplication in the registry's log) no earlier than its order was paid (the payer's call in the
 * platform's log: real-time stamps of one machine, as the stand-ins' simulated clocks are not), and
 * carrying the payment's voucher. Answers the registrations found and every one that was not so.
 */
export async function registrations(
  s: TestStack,
  d: PaymentDrive,
  apps: readonly Applicant[],
): Promise<{ cases: number; offences: Offence[] }> {
  const registry = s.admin('realestate');
  const registryLog = await wholeLog(registry);
  const platformLog = await wholeLog(d.admin);
  const offences: Offence[] = [];
  let cases = 0;
  for (const a of apps) {
    const offence = (why: string) => offences.push({ applicationId: a.id, why });
    const part = (await d.application(a)).parts.find((p) => p.itemCode === 'RE-TRANSFER')!;
    const found = await registry.cases({ ref: part.id });
    cases += found.length;
    if (found.length !== 1) offence(`${found.length} transfer registrations at the registry`);
    const order = (await d.paymentOf(a)).order;
    const paid = order && firstOk(platformLog, 'payer.pay', order.orderNumber);
    for (const c of found) {
      const sent = firstOk(registryLog, 'SubmitApplication', c.caseNumber);
      if (!paid) offence(`${c.caseNumber}: its order was never paid`);
      else if (!sent) offence(`${c.caseNumber}: not in the registry's log`);
      else if (Date.parse(sent.at) < Date.parse(paid.at))
        offence(`${c.caseNumber}: sent ${sent.at}, paid ${paid.at}`);
      else if (!c.materials.includes('fee-payment-voucher'))
        offence(`${c.caseNumber}: without the fee-payment-voucher`);
    }
  }
  return { cases, offences };
}

/**
 * Payments the hall shows otherwise than the platform's order says: marked paid when the order is not
 * (or at another time, or of another total), or not paid when it is.
 */
export async function againstTheOrder(d: PaymentDrive, apps: readonly Applicant[]): Promise<Offence[]> {
  const found: Offence[] = [];
  for (const a of apps) {
    const offence = (why: string) => found.push({ applicationId: a.id, why });
    const p = await d.paymentOf(a);
    if (!p.order) {
      offence('no order');
      continue;
    }
    const o = await d.admin.order(p.order.orderNumber);
    const hallPaid = p.paidAt !== null;
    if (hallPaid !== (o.paid_at !== null && !o.late_payment))
      offence(`the hall says ${p.status}, the order ${o.status}`);
    else if (hallPaid && (Date.parse(p.paidAt!) !== Date.parse(o.paid_at!) || fen(p.total!) !== o.total_fen))
      offence(
        `recorded paid at ${p.paidAt} for ${p.total}, the order at ${o.paid_at} for ${o.total_fen} fen`,
      );
  }
  return found;
}
