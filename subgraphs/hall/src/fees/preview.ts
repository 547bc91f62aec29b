import { DEPARTMENT, type DepartmentKey, isDepartmentKey, yuanToFen } from '@onething/schema';
import type { BundleCatalogue } from '../catalogue/bundle-catalogue';
import type { BundleDefinition } from '../catalogue/definition';
import { dispatchProblem } from '../dispatch/problem';
import type { SupergraphClient } from '../platform/supergraph-client';

/** One amount as a department's system assessed it (the supergraph's FeeLine, money in yuan). */
interface WireLine {
  readonly itemCode: string;
  readonly name: { zh: string; en: string };
  readonly payee: { zh: string; en: string };
  readonly amount: string;
  readonly base: string | null;
  readonly rateBasisPoints: number | null;
  readonly quantity: number | null;
  readonly unitAmount: string | null;
  readonly rule: { zh: string; en: string; citation: string };
}

/** One amount a department assessed, money in fen (the domain's unit; the Money scalar writes yuan). */
export interface FeeLine {
  readonly itemCode: string;
  readonly name: { zh: string; en: string };
  readonly payee: { zh: string; en: string };
  readonly amount: number;
  readonly base: number | null;
  readonly rateBasisPoints: number | null;
  readonly quantity: number | null;
  readonly unitAmount: number | null;
  readonly rule: { zh: string; en: string; citation: string };
}

/** Yuan as the supergraph writes Money, in fen; a malformed amount is the department's answer broken. */
const fen = (yuan: string): number => {
  const f = yuanToFen(yuan);
  if (f === undefined) throw new Error(`a department answered the amount "${yuan}", which is no amount`);
  return f;
};
const fenOrNull = (yuan: string | null) => (yuan === null ? null : fen(yuan));

/** What one department charges for its items of the application, or why it could not say. */
export interface DepartmentFees {
  readonly department: DepartmentKey;
  readonly itemCodes: readonly string[];
  readonly lines: readonly FeeLine[];
  /** In fen; null when the department could not be asked (see `problem`). */
  readonly total: number | null;
  readonly problem: { code: string; message: { zh: string; en: string }; detail: string | null } | null;
}

export interface FeePreview {
  readonly departments: readonly DepartmentFees[];
  /** The sum of what every department assessed, in fen. */
  readonly total: number;
  /** Whether every department answered (else the total is only part of what will be paid). */
  readonly complete: boolean;
}

const LINE = `itemCode name { zh en } payee { zh en } amount base rateBasisPoints quantity unitAmount
  rule { zh en citation }`;

/**
 * 一窗收费, before submission: what the applicant will pay, to whom and why, for the bundle with the
 * options chosen and the values typed so far — each department's own assessment, through its system and
 * protocol (its `<dept>FeeAssessment` in the supergraph), asked at once in one query. A read: nothing is
 * submitted or kept. A department that cannot be asked is said so beside the others' answers.
 */
export async function previewFees(
  catalogue: BundleCatalogue,
  client: SupergraphClient,
  bundle: BundleDefinition,
  options: readonly string[],
  values: readonly { key: string; value: string }[],
): Promise<FeePreview> {
  const form = catalogue.form(bundle, options);
  const byDepartment = new Map<DepartmentKey, string[]>();
  for (const code of form.items) {
    const key = catalogue.items.get(code)?.department.toLowerCase();
    if (!key || !isDepartmentKey(key)) continue;
    byDepartment.set(key, [...(byDepartment.get(key) ?? []), code]);
  }
  const departments = [...byDepartment.keys()];
  if (departments.length === 0) return { departments: [], total: 0, complete: true };
  const typed = values
    .filter((v) => v.value.trim() !== '')
    .map((v) => ({ key: v.key, value: v.value.trim() }));
  const query = `query Fees(${departments.map((d) => `$${d}: FeeAssessmentInput!`).join(', ')}) {
    ${departments
      .map((d) => `${d}: ${DEPARTMENT[d].fieldPrefix}FeeAssessment(input: $${d}) { lines { ${LINE} } total }`)
      .join('\n    ')}
  }`;
  const variables = Object.fromEntries(
    departments.map((d) => [d, { itemCodes: byDepartment.get(d), values: typed }]),
  );
  let answer: Awaited<
    ReturnType<typeof client.query<Record<string, { lines: WireLine[]; total: string } | null>>>
  >;
  try {
    answer = await client.query(query, variables);
  } catch (e) {
    answer = { errors: [{ message: (e as Error).message, extensions: { code: 'GATEWAY_UNREACHABLE' } }] };
  }
  const result = departments.map((d): DepartmentFees => {
    const assessed = answer.data?.[d];
    if (assessed)
      return {
        department: d,
        itemCodes: byDepartment.get(d)!,
        lines: assessed.lines.map((l) => ({
          ...l,
          amount: fen(l.amount),
          base: fenOrNull(l.base),
          unitAmount: fenOrNull(l.unitAmount),
        })),
        total: fen(assessed.total),
        problem: null,
      };
    const error = answer.errors?.find((e) => e.path?.[0] === d) ?? answer.errors?.[0];
    const code = String(error?.extensions?.code ?? 'DEPARTMENT_UNAVAILABLE');
    return {
      department: d,
      itemCodes: byDepartment.get(d)!,
      lines: [],
      total: null,
      problem: dispatchProblem(code, `${code}: ${error?.message ?? 'no answer'}`, false),
    };
  });
  const total = result.reduce((sum, r) => sum + (r.total ?? 0), 0);
  return { departments: result, total, complete: result.every((r) => r.problem === null) };
}
