import { StandInAdmin } from '@onething/legacy-kit';
import type { DeliveryAttempt, NotificationFaults } from './notifier';
import type { StatementFaults } from './statement';

/** An order as the admin port shows it (the wire's shape). */
export interface AdminOrder {
  readonly order_no: string;
  readonly payment_code: string;
  readonly out_trade_no: string;
  readonly status: string;
  readonly late_payment: boolean;
  readonly revision: number;
  readonly total_fen: number;
  readonly refunded_fen: number;
  readonly paid_at: string | null;
  readonly refunds: readonly { refund_no: string; out_refund_no: string; amount_fen: number }[];
}

/** The platform's admin port: the kit's endpoints and its own (orders, notifications, statements, signing). */
export class PaymentAdmin extends StandInAdmin {
  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.adminUrl}/__admin${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`admin ${method} ${path} answered ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  }
  orders(ref: string) {
    return this.json<AdminOrder[]>('GET', `/orders?ref=${encodeURIComponent(ref)}`);
  }
  order(orderNo: string) {
    return this.json<AdminOrder>('GET', `/orders/${encodeURIComponent(orderNo)}`);
  }
  notifications() {
    return this.json<{ faults: NotificationFaults; held: number; attempts: DeliveryAttempt[] }>(
      'GET',
      '/notifications',
    );
  }
  setNotificationFaults(patch: Partial<NotificationFaults>) {
    return this.json<NotificationFaults>('PUT', '/notifications', patch);
  }
  /** Sends the held notifications, oldest first or (`reverse`) latest first. */
  release(order: 'fifo' | 'reverse' = 'fifo') {
    return this.json<{ released: number }>('POST', '/notifications/release', { order });
  }
  redeliver(eventId: string) {
    return this.json<{ redelivered: string }>(
      'POST',
      `/notifications/${encodeURIComponent(eventId)}/redeliver`,
    );
  }
  setStatementFaults(patch: Partial<StatementFaults>) {
    return this.json<StatementFaults>('PUT', '/statement-faults', patch);
  }
  clearStatementFaults() {
    return this.json<StatementFaults>('DELETE', '/statement-faults');
  }
  /** Simulated payers: every order created is paid `afterMs` later (null: only real payers pay). */
  setPayers(afterMs: number | null) {
    return this.json<{ afterMs: number | null; paid: number }>('PUT', '/payers', { afterMs });
  }
  forgeAnswers(forge: boolean) {
    return this.json<{ forgeAnswers: boolean }>('PUT', '/signing', { forgeAnswers: forge });
  }
}

/** The payer's side of the platform (online banking, the window's POS), as tests and demos pay. */
export class Payer {
  constructor(readonly url: string) {}

  async bill(paymentCode: string) {
    const res = await fetch(`${this.url}/payer/v1/bills/${encodeURIComponent(paymentCode)}`);
    return (await res.json()) as {
      code: string;
      message: string;
      data?: {
        total_fen: number;
        status: string;
        items: { payee_name: string; item: string; amount_fen: number }[];
      };
    };
  }

  async pay(paymentCode: string, amountFen: number, channel: 'ONLINE_BANKING' | 'POS' = 'ONLINE_BANKING') {
    const res = await fetch(`${this.url}/payer/v1/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payment_code: paymentCode, amount_fen: amountFen, channel }),
    });
    return (await res.json()) as {
      code: string;
      message: string;
      data?: { order_no: string; paid_at: string; bank_serial: string; late_payment: boolean };
    };
  }
}
