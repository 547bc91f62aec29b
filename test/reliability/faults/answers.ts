import { DEPARTMENTS } from '@onething/schema/departments';
import { population } from '../../stack/house-transfer';
import type { Department, TestStack } from '../../stack/support';

/**
 * The read side of the steady load: three queries a front end sends, each answer kept with what it held,
 * and judged afterwards against the fault of its time. A department's fault may cost only that
 * department's fields, and each field it cost must come with an error naming the department and a code
 * that says what happened (`DEPARTMENT_UNAVAILABLE`, `DEPARTMENT_TIMEOUT`, `MALFORMED_RESPONSE`).
 */

// Someone every department knows: a taxpayer who represents an active enterprise, owns a unit and has a
// fund account — so the person query asks all four departments.
const owners = new Set(population.properties.flatMap((p) => p.ownerIdNumbers));
const accounts = new Set(population.fundAccounts.map((a) => a.idNumber));
const enterprise = population.enterprises.find(
  (e) => e.status === 'active' && owners.has(e.legalRepIdNumber) && accounts.has(e.legalRepIdNumber),
)!;
export const READER = population.persons.find((p) => p.idNumber === enterprise.legalRepIdNumber)!;

/** A token for the reader, who represents their enterprise. */
export const readerToken = (s: TestStack) =>
  s.customToken({
    role: 'applicant',
    name: READER.name,
    id_number: READER.idNumber,
    enterprises: [enterprise.uscc],
  });

export type QueryName = 'person' | 'catalogues' | 'hall';

interface Query {
  readonly text: string;
  /** Where the fields to judge are: `person` for the person query, the root otherwise. */
  readonly under?: string;
  /** Each judged field and who serves it. */
  readonly fields: Readonly<Record<string, Department | 'hall'>>;
  readonly signedIn: boolean;
}

export const QUERIES: Readonly<Record<QueryName, Query>> = {
  person: {
    text: `query Person($id: IdNumber!) { person(idNumber: $id) {
      idNumber
      taxpayer { name status arrears }
      representedEnterprises { uscc name }
      properties { unitCode address owners { idNumber } }
      fundAccount { balance status }
    } }`,
    under: 'person',
    fields: {
      taxpayer: 'tax',
      representedEnterprises: 'market',
      properties: 'realestate',
      fundAccount: 'fund',
    },
    signedIn: true,
  },
  catalogues: {
    text: `{ ${DEPARTMENTS.map((d) => `${d.fieldPrefix}Items { code }`).join(' ')} }`,
    fields: Object.fromEntries(DEPARTMENTS.map((d) => [`${d.fieldPrefix}Items`, d.key])),
    signedIn: false,
  },
  hall: {
    text: `{ bundle(code: "HOUSE-TRANSFER") { form { fields { key } } savings { fields { separately bundled } } }
      myApplications(limit: 3) { id status } }`,
    fields: { bundle: 'hall', myApplications: 'hall' },
    signedIn: true,
  },
};

/** One answer of the load, as it came. */
export interface AnswerRecord {
  readonly query: QueryName;
  readonly startedAt: number;
  readonly endedAt: number;
  /** HTTP status; 0 when no answer came at all (connection failed, or none within the client's patience). */
  readonly status: number;
  /** Judged fields that were null or missing. */
  readonly nulls: readonly string[];
  /** Whether the object holding the judged fields was there at all. */
  readonly data: boolean;
  readonly errors: readonly { code: string; department: string; path: string; message: string }[];
  readonly failure?: string;
}

/** Sends one query of the load and keeps what came back. */
export async function ask(s: TestStack, name: QueryName, token: string): Promise<AnswerRecord> {
  const q = QUERIES[name];
  const startedAt = Date.now();
  try {
    const res = await fetch(`${s.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(q.signedIn ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: q.text, variables: q.under ? { id: READER.idNumber } : {} }),
      signal: AbortSignal.timeout(90_000),
    });
    const json = (await res.json()) as {
      data?: Record<string, unknown> | null;
      errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
    };
    const holder = (q.under ? json.data?.[q.under] : json.data) as Record<string, unknown> | null | undefined;
    return {
      query: name,
      startedAt,
      endedAt: Date.now(),
      status: res.status,
      data: holder !== null && holder !== undefined,
      nulls: Object.keys(q.fields).filter((f) => holder?.[f] === null || holder?.[f] === undefined),
      errors: (json.errors ?? []).map((e) => ({
        code: String(e.extensions?.code ?? ''),
        department: String(e.extensions?.department ?? e.extensions?.subgraph ?? ''),
        path: (e.path ?? []).join('.'),
        message: e.message.slice(0, 200),
      })),
    };
  } catch (e) {
    return {
      query: name,
      startedAt,
      endedAt: Date.now(),
      status: 0,
      data: false,
      nulls: Object.keys(q.fields),
      errors: [],
      failure: (e as Error).message,
    };
  }
}

export type Verdict = 'complete' | 'partial' | 'wrong';

/**
 * Judges an answer given the department at fault and the codes its fault may give: whole; partial, with
 * only that department's fields missing and each error naming it with an allowed code; or wrong.
 */
export function judge(a: AnswerRecord, faulted: Department | undefined, codes: ReadonlySet<string>): Verdict {
  if (a.status !== 200 || !a.data) return 'wrong';
  if (a.errors.length === 0 && a.nulls.length === 0) return 'complete';
  if (!faulted || a.errors.length === 0) return 'wrong';
  const fields = QUERIES[a.query].fields;
  const ownErrors = a.errors.every((e) => e.department === faulted && codes.has(e.code));
  const under = QUERIES[a.query].under;
  // Each missing field is the faulted department's, and an error at it (or within it) says why.
  const ownFields = a.nulls.every(
    (f) =>
      fields[f] === faulted &&
      a.errors.some((e) => `${e.path}.`.startsWith(`${under ? `${under}.` : ''}${f}.`)),
  );
  return ownErrors && ownFields ? 'partial' : 'wrong';
}

/** Why an answer was judged wrong, for the failure message. */
export function describe(a: AnswerRecord): string {
  return `${a.query} at ${new Date(a.startedAt).toISOString()} HTTP ${a.status}${a.failure ? ` (${a.failure})` : ''}: nulls [${a.nulls.join(', ')}], errors ${JSON.stringify(a.errors)}`;
}
