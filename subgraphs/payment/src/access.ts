import type { PaymentOrder } from '@onething/adapter-payment';
import type { Identity } from '@onething/runtime/identity';
import { subgraphError } from '@onething/subgraph-kit';

/** How an order was named: by number, by the caller's reference, or by the payment code a payer brings. */
export type OrderKey = 'number' | 'reference' | 'code';

/**
 * Who may do what with payment orders, from the identity the gateway signed:
 * - the hall (a service acting for an applicant) creates, reads and refunds that applicant's orders —
 *   amounts come from the departments' assessments through it, never from an applicant directly;
 * - an applicant reads their own orders (what they pay, to whom, why; receipts);
 * - window staff read an order by the payment code the payer brings to the POS, nothing else;
 * - the hall's own service identity (acting for nobody) reads statements, to reconcile;
 * - nobody else. An order that is not the caller's is answered as none, so no one learns which exist.
 */
export class PaymentAccess {
  constructor(private readonly identity: Identity) {}

  private get actedFor(): string | undefined {
    return this.identity.role === 'service' ? this.identity.actingFor?.idNumber : undefined;
  }

  private refuse(message: string): never {
    throw subgraphError('FORBIDDEN', 'payment', message);
  }

  /** Before asking the platform for an order named by `key`: refuses those who may never see one so. */
  beforeRead(key: OrderKey): void {
    const { role } = this.identity;
    if (role === 'applicant' && key !== 'reference') return;
    if (this.actedFor) return;
    if (role === 'window-staff' && key === 'code') return;
    if (role === 'window-staff')
      this.refuse('window staff read an order by the payment code the payer brings (paymentOrderByCode)');
    if (role === 'anonymous') this.refuse('sign in to read a payment order');
    if (role === 'applicant')
      this.refuse('an order’s reference is the hall’s: read your order by its number or code');
    this.refuse(
      role === 'service'
        ? 'a service reads payment orders acting for their payer: name them in x-onething-acting-for'
        : 'payment orders are read by their payer, the hall acting for them, and window staff at the POS',
    );
  }

  /** Whether the order the platform answered may be shown to this identity (else it is answered as none). */
  mayRead(order: PaymentOrder, key: OrderKey): boolean {
    const { identity } = this;
    if (identity.role === 'applicant') return identity.idNumber === order.payer.idNumber;
    if (this.actedFor) return this.actedFor === order.payer.idNumber;
    return identity.role === 'window-staff' && key === 'code';
  }

  /** Creating an order: the hall acting for that payer only. */
  createFor(payerIdNumber: string): void {
    if (this.actedFor === payerIdNumber) return;
    if (this.actedFor)
      this.refuse('an order is created for the applicant this service acts for, as its payer');
    this.refuse(
      'payment orders are created by the hall acting for the payer, from the fees the departments assessed; applicants pay them by their payment code',
    );
  }

  /** Refunding: the hall acting for the order's payer (checked once the order is read). */
  beforeRefund(): void {
    if (this.actedFor) return;
    this.refuse(
      'refunds are made by the hall acting for the payer, when an application is refused or withdrawn',
    );
  }

  /** Statements: the hall's own service identity, acting for nobody (a statement lists every payer). */
  statement(): void {
    if (this.identity.role === 'service' && !this.identity.actingFor) return;
    this.refuse(
      'a statement lists every payer’s payments: only the hall’s service identity, acting for nobody, reads it',
    );
  }
}
