import type { Logger } from '@onething/runtime';
import type { CaseStore } from './cases';

/**
 * Notifies a change of a case's status to the hall, as departments' systems push to a service hall
 * platform: a POST per phase, best effort (the hall also polls, and reads the case itself either way).
 */
export function notifyPhases(cases: CaseStore, department: string, url: string, log: Logger): void {
  cases.onPhase((record, phase) => {
    if (phase.status === 'accepted') return; // the submitter learns of acceptance from its own call
    void fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ department, caseNumber: record.caseNumber, status: phase.status }),
      signal: AbortSignal.timeout(2_000),
    }).catch((err: unknown) =>
      log.debug({ err: (err as Error).message, caseNumber: record.caseNumber }, 'callback not delivered'),
    );
  });
}
