import { StandInAdmin } from '@onething/legacy-kit';
import type { RateLimits } from './limits';
import type { ReportFaults } from './reports';
import type { TemplateInput } from './templates';

/** A message as the admin port lists it: the number in full and the text as the recipient read it. */
export interface AdminMessage {
  readonly BizId: string;
  readonly OutId: string;
  readonly PhoneNumber: string;
  readonly TemplateCode: string;
  readonly Status: 'SENDING' | 'DELIVERED' | 'FAILED';
  readonly ErrCode?: string;
  readonly Text: string;
}

/** The SMS gateway's admin client: the kit's (faults, down/up, counts, clock), plus the gateway's own. */
export class SmsAdmin extends StandInAdmin {
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

  /** Messages accepted, filtered by number, template or OutId. */
  messages(query: { phone?: string; template?: string; outId?: string } = {}) {
    const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]);
    return this.json<AdminMessage[]>('GET', `/messages${qs.size ? `?${qs}` : ''}`);
  }

  /** Texts sent to `phone` from `template` (each accepted send once). */
  async sent(query: { phone?: string; template?: string } = {}): Promise<number> {
    const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]);
    return (await this.json<{ total: number }>('GET', `/sent${qs.size ? `?${qs}` : ''}`)).total;
  }

  setReportFaults(patch: Partial<ReportFaults>) {
    return this.json<ReportFaults>('PUT', '/reports', patch);
  }
  clearReportFaults() {
    return this.json<ReportFaults>('DELETE', '/reports');
  }
  reports() {
    return this.json<{ url: string | null; waiting: number; posted: number; failed: number }>(
      'GET',
      '/reports',
    );
  }
  setReportUrl(url: string | null) {
    return this.json<{ url: string | null }>('PUT', '/report-url', { url });
  }
  setLimits(limits: Partial<RateLimits>) {
    return this.json<RateLimits>('PUT', '/limits', limits);
  }
  registerSignature(name: string) {
    return this.json<unknown>('PUT', `/signatures/${encodeURIComponent(name)}`);
  }
  registerTemplate(template: TemplateInput) {
    const { code, ...rest } = template;
    return this.json<unknown>('PUT', `/templates/${encodeURIComponent(code)}`, rest);
  }

  /** The contract kit's view: the messages held under an idempotency key. */
  held(query: { ref: string }) {
    return this.messages({ outId: query.ref });
  }
}
