import type { KeyObject } from 'node:crypto';
import type { StandInContext } from '@onething/legacy-kit';
import type { NonceStore } from '../auth';
import type { Ledger } from '../ledger';
import type { Notifier } from '../notifier';
import type { SimulatedPayers } from '../payers';
import type { StatementFaults } from '../statement';

/** What the platform's services share. */
export interface PaymentContext {
  readonly ctx: StandInContext;
  readonly ledger: Ledger;
  readonly notifier: Notifier;
  /** Payers who pay every order after a while (off unless AUTOPAY_AFTER_MS or the admin port sets it). */
  readonly payers: SimulatedPayers;
  readonly platformKey: KeyObject;
  readonly callers: ReadonlyMap<string, KeyObject>;
  readonly nonces: NonceStore;
  statementFaults: StatementFaults;
  /** Answers signed with a key that is not the platform's (set through the admin port). */
  forgeAnswers: boolean;
}
