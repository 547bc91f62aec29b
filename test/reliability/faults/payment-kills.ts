import { setTimeout as sleep } from 'node:timers/promises';
import { rngFor } from '@onething/legacy-kit';
import type { Applicant, PaymentDrive } from './payment-drive';

/**
 * The hall killed with SIGKILL between the platform's notification of a payment and its record of it,
 * then started again: the payment must be found by query (the payment's job reads its order back) and
 * recorded once, and the registration it held back sent once.
 */

export const KILL_POINTS = [
  'notification held, the hall killed, the notification delivered while it is down',
  'notification delivered as the hall is killed',
  'a random moment 0–1.5 s after paying',
] as const;
export type KillPoint = (typeof KILL_POINTS)[number];

export interface Kill {
  readonly point: KillPoint;
  readonly applicant: Applicant;
  /** Whether the hall still showed the payment unpaid just before the kill (null: not read, not to move the kill). */
  readonly unrecordedAtKill: boolean | null;
  /** From the kill until the hall was ready again. */
  readonly downMs: number;
}

export async function killsAfterPaying(d: PaymentDrive, kills: number, seed: number): Promise<Kill[]> {
  const hall = d.s.stack.services.get('subgraph-hall')!;
  const rng = rngFor(seed, 'payment-kills');
  const apps = await d.due(kills, 'the hall killed between notification and record');
  const done: Kill[] = [];
  for (let k = 0; k < kills; k++) {
    const point = KILL_POINTS[k % KILL_POINTS.length]!;
    const a = apps[k]!;
    let unrecordedAtKill: boolean | null = null;
    let killedAt: number;
    if (point === 'a random moment 0–1.5 s after paying') {
      await d.pay(a);
      await sleep(rng.int(0, 1_500));
      killedAt = Date.now();
      await hall.kill('SIGKILL');
    } else {
      await d.admin.setNotificationFaults({ hold: true });
      await d.pay(a);
      unrecordedAtKill = (await d.paymentOf(a)).status === 'UNPAID';
      const orderNo = a.payments[0]!.orderNumber;
      if (point === 'notification delivered as the hall is killed') {
        await d.admin.release('fifo');
        killedAt = Date.now();
        await hall.kill('SIGKILL');
      } else {
        killedAt = Date.now();
        await hall.kill('SIGKILL');
        await d.admin.release('fifo');
        // Delivered while the hall is down: the payment subgraph's relay fails, it answers 503.
        await d.waitDeliveries(
          [orderNo],
          (ds) => ds.some((x) => !x.acknowledged),
          'the notification refused while the hall is down',
        );
      }
      await d.admin.setNotificationFaults({ hold: false });
    }
    await hall.restart(); // the killed process is gone: started again, ready
    done.push({ point, applicant: a, unrecordedAtKill, downMs: Date.now() - killedAt });
    await d.recorded(a, { tolerant: true });
  }
  return done;
}
