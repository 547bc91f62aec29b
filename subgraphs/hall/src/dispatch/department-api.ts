import { DEPARTMENT, type DepartmentKey } from '@onething/schema';
import type { CaseStatus } from '../applications/part-machine';
import type { ActingFor, GraphQLAnswer, SupergraphClient } from '../platform/supergraph-client';

/** A department's case as the one schema reports it. */
export interface CaseView {
  readonly caseNumber: string;
  readonly status: CaseStatus;
  readonly statusAt: string;
  readonly acceptedAt: string;
  readonly reason: string | null;
  readonly correctionFields: string[];
  readonly result: { key: string; value: string }[];
}

/** A document a department issued on a case, as the one schema reports it (its file in base64). */
export interface IssuedDocumentView {
  readonly number: string;
  readonly materialId: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly kind: string;
  readonly holderIdNumber: string;
  readonly holderName: string;
  readonly subject: string | null;
  readonly issuedAt: string;
  readonly issuer: string;
  readonly contentType: string;
  readonly sha256: string;
  readonly content: string;
  readonly signature: {
    readonly algorithm: string;
    readonly keyId: string;
    readonly signedText: string;
    readonly value: string;
  };
}

const DOCUMENT =
  'number materialId name { zh en } kind holderIdNumber holderName subject issuedAt issuer contentType sha256 content signature { algorithm keyId signedText value }';

/** A dispatch failure: retryable (the department is down, slow, broken) or final (it refused). */
export class DispatchError extends Error {
  override readonly name = 'DispatchError';
  constructor(
    readonly retryable: boolean,
    readonly code: string,
    message: string,
    /** How long the department asked us to wait before the next try, when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  /**
   * Whether the call may have reached the department although no answer came back: the gateway lost its
   * subgraph mid-call, timed out, read garbage, or could not be reached after sending; or the subgraph
   * failed internally. A department's own answer (refusal, retry-after) and a refusal before sending
   * (NOT_READY, UNAUTHENTICATED) are certain.
   */
  get uncertain(): boolean {
    return UNCERTAIN.has(this.code);
  }
}

const UNCERTAIN = new Set([
  'SUBGRAPH_UNAVAILABLE',
  'SUBGRAPH_TIMEOUT',
  'SUBGRAPH_MALFORMED_RESPONSE',
  'INTERNAL_SERVER_ERROR',
  'GATEWAY_UNREACHABLE',
  'NO_ANSWER',
]);

const CASE = 'caseNumber status statusAt acceptedAt reason correctionFields result { key value }';
/**
 * The codes of failures whose senders do not say whether to try again: the gateway's own (the department's
 * subgraph unreachable, slow or garbled; the supergraph not loaded yet) and a subgraph's internal error or
 * refusal of the hall's identity. None is a department's decision, so the part is tried again. Every other
 * failure without `extensions.retryable` is taken as final, as a department's refusal is.
 */
const TRANSIENT_UNMARKED = new Set([
  'SUBGRAPH_UNAVAILABLE',
  'SUBGRAPH_TIMEOUT',
  'SUBGRAPH_MALFORMED_RESPONSE',
  'NOT_READY',
  'INTERNAL_SERVER_ERROR',
  'UNAUTHENTICATED',
]);

/**
 * Whether trying again can help: as the failure's sender said (`extensions.retryable`, which every
 * department's subgraph sets on its adapter's errors); for a failure that does not say, only when its code
 * is one of {@link TRANSIENT_UNMARKED}.
 */
export function retryable(error: { readonly extensions?: Record<string, unknown> }): boolean {
  const said = error.extensions?.retryable;
  if (typeof said === 'boolean') return said;
  return TRANSIENT_UNMARKED.has(String(error.extensions?.code));
}

function outcome<T>(answer: GraphQLAnswer<Record<string, T>>, field: string): T {
  const error = answer.errors?.[0];
  const value = answer.data?.[field];
  if (error || value === undefined) {
    const code = String(error?.extensions?.code ?? 'NO_ANSWER');
    const problems = error?.extensions?.problems as { message?: { zh?: string } }[] | undefined;
    const detail = problems?.length
      ? `: ${problems
          .map((p) => p.message?.zh)
          .filter(Boolean)
          .join('；')}`
      : '';
    const retryAfterSeconds = Number(error?.extensions?.retryAfterSeconds);
    throw new DispatchError(
      // No answer at all (no data, no error) is tried again.
      !error || retryable(error),
      code,
      `${error?.message ?? 'no answer'}${detail}`,
      Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : undefined,
    );
  }
  return value;
}

/**
 * A department's case operations, called through the supergraph as the hall acting for the applicant —
 * the same operations any client sees (`submitTaxCase`, `taxCase`, `correctTaxCase`…).
 */
export class DepartmentApi {
  constructor(private readonly client: SupergraphClient) {}

  private async call<T>(
    query: string,
    variables: Record<string, unknown>,
    field: string,
    actingFor: ActingFor,
  ): Promise<T> {
    let answer: GraphQLAnswer<Record<string, T>>;
    try {
      answer = await this.client.query<Record<string, T>>(query, variables, actingFor);
    } catch (e) {
      throw new DispatchError(
        true,
        'GATEWAY_UNREACHABLE',
        `the gateway cannot be reached: ${(e as Error).message}`,
      );
    }
    return outcome(answer, field);
  }

  submit(department: DepartmentKey, input: Record<string, unknown>, actingFor: ActingFor): Promise<CaseView> {
    const field = `submit${DEPARTMENT[department].typePrefix}Case`;
    return this.call(
      `mutation Submit($input: CaseInput!) { ${field}(input: $input) { ${CASE} } }`,
      { input },
      field,
      actingFor,
    );
  }

  correct(
    department: DepartmentKey,
    caseNumber: string,
    idempotencyKey: string,
    fields: readonly { key: string; value: string }[],
    actingFor: ActingFor,
  ): Promise<CaseView> {
    const field = `correct${DEPARTMENT[department].typePrefix}Case`;
    return this.call(
      `mutation Correct($n: ID!, $k: String!, $f: [FieldValueInput!]!) { ${field}(caseNumber: $n, idempotencyKey: $k, fields: $f) { ${CASE} } }`,
      { n: caseNumber, k: idempotencyKey, f: fields },
      field,
      actingFor,
    );
  }

  async get(department: DepartmentKey, caseNumber: string, actingFor: ActingFor): Promise<CaseView> {
    const field = `${DEPARTMENT[department].fieldPrefix}Case`;
    const found = await this.call<CaseView | null>(
      `query Case($n: ID!) { ${field}(caseNumber: $n) { ${CASE} } }`,
      { n: caseNumber },
      field,
      actingFor,
    );
    if (!found) throw new DispatchError(false, 'CASE_NOT_FOUND', `${department} has no case ${caseNumber}`);
    return found;
  }

  /** The documents a case's approval issued (电子证照), signed by its department and checked by its adapter. */
  async documents(
    department: DepartmentKey,
    caseNumber: string,
    actingFor: ActingFor,
  ): Promise<IssuedDocumentView[]> {
    const field = `${DEPARTMENT[department].fieldPrefix}Case`;
    const found = await this.call<{ documents: IssuedDocumentView[] } | null>(
      `query CaseDocuments($n: ID!) { ${field}(caseNumber: $n) { documents { ${DOCUMENT} } } }`,
      { n: caseNumber },
      field,
      actingFor,
    );
    if (!found) throw new DispatchError(false, 'CASE_NOT_FOUND', `${department} has no case ${caseNumber}`);
    return found.documents;
  }
}
