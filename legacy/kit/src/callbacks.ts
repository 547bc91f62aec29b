import type { Logger } from '@onething/runtime';
import { signCallback } from '@onething/runtime/callbacks';
import type { CaseStore } from './cases';

/**
 * Notifies a change of a case's status to the hall, as departments' systems push to a service hall
 * platform: a POST per phase, signed with the department's callback secret (HMAC-SHA256 over
 * timestamp.nonce.body), best effort (the hall also polls, and reads the case itself either way).
 */
export function notifyPhases(
  cases: CaseStore,
  department: string,
  target: { readonly url: string; readonly secret: string; readonly log: Logger },
): void {
  const { url, secret, log } = target;
  cases.onPhase((record, phase) => {
    if (phase.status === 'accepted') return; // the submitter learns of acceptance from its own call
    const body = JSON.stringify({ department, caseNumber: record.caseNumber, status: phase.status });
    void fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signCallback(department, secret, body) },
      body,
      signal: AbortSignal.timeout(2_000),
    }).catch((err: unknown) =>
      log.debug({ err: (err as Error).message, caseNumber: record.caseNumber }, 'callback not delivered'),
    );
  });
}
