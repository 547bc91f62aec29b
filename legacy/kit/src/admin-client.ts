import type { CaseView, Decision } from './cases';
import type { FaultSettings } from './faults';
import type { LoggedRequest } from './request-log';

/**
 * A client of a stand-in's admin endpoint, for tests, benchmarks and the adapter contract kit: set
 * faults, take the system down and up, read request counts, drive the clock, inspect and decide cases.
 */
export class StandInAdmin {
  constructor(readonly adminUrl: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.adminUrl}/__admin${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`admin ${method} ${path} answered ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  status() {
    return this.call<{ department: string; url: string; down: boolean; cases: number }>('GET', '/status');
  }
  setFaults(patch: Partial<FaultSettings>) {
    return this.call<FaultSettings>('PUT', '/faults', patch);
  }
  clearFaults() {
    return this.call<FaultSettings>('DELETE', '/faults');
  }
  down() {
    return this.call<{ down: boolean }>('POST', '/down');
  }
  up() {
    return this.call<{ down: boolean }>('POST', '/up');
  }
  /** Requests per operation (`byOp`) and in all (`http`). */
  counts() {
    return this.call<{ http: number; byOp: Record<string, number> }>('GET', '/requests');
  }
  requestLog(since = 0) {
    return this.call<LoggedRequest[]>('GET', `/requests/log?since=${since}`);
  }
  resetCounts() {
    return this.call<unknown>('POST', '/requests/reset');
  }
  advanceClock(by: { advanceMs?: number; advanceHours?: number; advanceDays?: number; speed?: number }) {
    return this.call<{ now: string; speed: number }>('POST', '/clock', by);
  }
  /** Whether new cases are decided the moment they are accepted (即办), their answer carrying the decision. */
  decideOnTheSpot(onTheSpot: boolean) {
    return this.call<{ onTheSpot: boolean }>('PUT', '/decisions', { onTheSpot });
  }
  /** Whether issued documents are signed with a key that is not the department's (a forger's). */
  forgeDocumentSignatures(forgeSignatures: boolean) {
    return this.call<{ forgeSignatures: boolean }>('PUT', '/documents', { forgeSignatures });
  }
  cases(query: { ref?: string; applicant?: string; item?: string } = {}) {
    const qs = new URLSearchParams(
      Object.entries(query).filter(([, v]) => v) as [string, string][],
    ).toString();
    return this.call<CaseView[]>('GET', `/cases${qs ? `?${qs}` : ''}`);
  }
  case(caseNumber: string) {
    return this.call<CaseView>('GET', `/cases/${encodeURIComponent(caseNumber)}`);
  }
  decide(caseNumber: string, decision: Decision) {
    return this.call<CaseView>('POST', `/cases/${encodeURIComponent(caseNumber)}/decision`, decision);
  }
  /** Clears faults, counters and on-the-spot decisions, and brings the system back up; cases and the clock stay. */
  reset() {
    return this.call<unknown>('POST', '/reset');
  }
}
