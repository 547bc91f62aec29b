import type { StandInContext } from '@onething/legacy-kit';
import type { NonceStore } from '../auth';
import type { MobileRateLimiter } from '../limits';
import type { MessageStore } from '../messages';
import type { ReportDesk } from '../reports';
import type { SmsAccounts } from '../settings';
import type { TemplateRegistry } from '../templates';

/** What the gateway's actions and admin routes share. */
export interface SmsContext {
  readonly ctx: StandInContext;
  readonly auth: { readonly accounts: SmsAccounts; readonly nonces: NonceStore };
  readonly templates: TemplateRegistry;
  readonly messages: MessageStore;
  readonly limiter: MobileRateLimiter;
  readonly reports: ReportDesk;
}
