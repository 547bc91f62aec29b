import type { DepartmentKey } from '@onething/schema';
import type { ReadBy } from '../applicant';
import type { OneForm } from '../catalogue/one-form';
import type { ActingFor, SupergraphClient } from '../platform/supergraph-client';
import type { AuditTrail } from './audit-trail';
import { type PrefillSource, sourcesFor } from './prefill-sources';
import type { PrefilledValue, UnavailableSource } from './prefills';

export interface PrefillRequest {
  readonly applicant: ActingFor & { readonly subject: string; readonly role: string } & ReadBy;
  readonly bundleCode: string;
  readonly bundleName: string;
  readonly form: OneForm;
  /** Departments the applicant consented to. */
  readonly consentedDepartments: readonly string[];
  /** The enterprise the applicant acts for, when the bundle is about one. */
  readonly enterpriseUscc?: string | undefined;
}

export interface PrefillResult {
  readonly values: PrefilledValue[];
  readonly unavailable: UnavailableSource[];
}

/** The one query of a prefill: each consented source's selection, on the applicant and on their enterprise. */
export function prefillQuery(sources: readonly PrefillSource[]): string | undefined {
  if (sources.length === 0) return undefined;
  const on = (where: 'me' | 'enterprise') => sources.filter((s) => s.on === where).map((s) => s.selection);
  const me = on('me');
  const enterprise = on('enterprise');
  const parts = [
    me.length ? `me { ${me.join(' ')} }` : '',
    enterprise.length ? `enterprise(uscc: $uscc) { ${enterprise.join(' ')} }` : '',
  ].filter(Boolean);
  return `query Prefill${enterprise.length ? '($uscc: USCC!)' : ''} { ${parts.join(' ')} }`;
}

/**
 * Reads, with consent, what the departments hold for a bundle's form: one query through the supergraph,
 * acting for the applicant; nothing at all without consent. Each value keeps its department and the time
 * the department last changed it; a department that fails leaves its fields empty and is named. Every
 * department read is recorded in the audit trail.
 */
export async function prefillForm(
  request: PrefillRequest,
  client: SupergraphClient,
  audit: AuditTrail,
): Promise<PrefillResult> {
  const keys = new Set(request.form.fields.map((f) => f.key));
  const sources = sourcesFor(keys).filter(
    (s) => request.consentedDepartments.includes(s.department) && (s.on === 'me' || request.enterpriseUscc),
  );
  const query = prefillQuery(sources);
  if (!query) return { values: [], unavailable: [] };

  const readAt = new Date().toISOString();
  const answer = await client.query<{
    me?: Record<string, unknown> | null;
    enterprise?: Record<string, unknown> | null;
  }>(query, request.enterpriseUscc ? { uscc: request.enterpriseUscc } : {}, request.applicant);
  const failed = new Map<DepartmentKey, { code: string; message: string }>();
  for (const e of answer.errors ?? []) {
    const department = e.extensions?.department as DepartmentKey | undefined;
    if (department && !failed.has(department))
      failed.set(department, {
        code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
        message: e.message,
      });
  }
  if (!answer.data) {
    // Nothing came back at all (the gateway refused): every department is unavailable.
    const message = answer.errors?.[0]?.message ?? 'no answer';
    for (const s of sources)
      if (!failed.has(s.department))
        failed.set(s.department, {
          code: String(answer.errors?.[0]?.extensions?.code ?? 'SUBGRAPH_UNAVAILABLE'),
          message,
        });
  }

  const editable = new Map(request.form.fields.map((f) => [f.key, f.editable]));
  const values: PrefilledValue[] = [];
  const readFrom = new Map<DepartmentKey, Set<string>>();
  for (const s of sources) {
    if (failed.has(s.department)) continue;
    const node = s.on === 'me' ? answer.data?.me : answer.data?.enterprise;
    // No node: the entry point was refused (an enterprise the applicant does not represent), so no
    // department was asked for it and there is no read to record.
    if (!node) continue;
    const got = s.read(node as Record<string, unknown>, readAt);
    readFrom.set(s.department, (readFrom.get(s.department) ?? new Set()).add(s.key));
    if (!got || values.some((v) => v.key === s.key)) continue;
    values.push({
      key: s.key,
      value: got.value,
      department: s.department,
      updatedAt: got.updatedAt,
      editable: editable.get(s.key) ?? true,
    });
  }
  const unavailable = [...failed.entries()].map(([department, why]) => ({
    department,
    ...why,
    fields: sources.filter((s) => s.department === department).map((s) => s.key),
  }));

  await audit.record(
    [...readFrom.entries()].flatMap(([department, fields]) => {
      const of = (where: 'me' | 'enterprise') =>
        [...fields].filter((k) => sources.find((s) => s.key === k)?.on === where);
      const base = {
        actorSubject: request.applicant.subject,
        actorRole: request.applicant.role,
        officer: request.applicant.officer ?? null,
        agent: request.applicant.agent ?? null,
        department,
        bundleCode: request.bundleCode,
        applicationId: null,
        purpose: { kind: 'prefill' as const, about: null },
      };
      return [
        ...(of('me').length
          ? [{ ...base, subjectIdNumber: request.applicant.idNumber, subjectUscc: null, fields: of('me') }]
          : []),
        ...(of('enterprise').length
          ? [
              {
                ...base,
                subjectIdNumber: null,
                subjectUscc: request.enterpriseUscc ?? null,
                fields: of('enterprise'),
              },
            ]
          : []),
      ];
    }),
  );
  return { values, unavailable };
}
