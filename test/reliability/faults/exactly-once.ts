import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import { APPLICATION_FIELDS, type ApplicationView } from '../../stack/house-transfer';
import type { Department, TestStack } from '../../stack/support';
import type { Accepted } from './workload';

/**
 * What became of the accepted applications: each followed to its end (the departments' clocks moved on),
 * then counted at the stand-ins, where every part must have made exactly one case under its idempotency
 * key, the one the hall recorded.
 */

/** Reads an application back as its applicant (null when the hall has no such application). */
export async function readApplication(s: TestStack, a: Accepted): Promise<ApplicationView | null> {
  const r = await s.gql<{ application: ApplicationView | null }>(
    `query A($id: ID!) { application(id: $id) { ${APPLICATION_FIELDS} } }`,
    { id: a.id },
    a.token,
  );
  if (r.errors?.length) throw new Error(`application ${a.id}: ${JSON.stringify(r.errors)}`);
  return r.data?.application ?? null;
}

const FINAL = new Set(['APPROVED', 'REJECTED', 'DEAD_LETTERED', 'CANCELLED']);

/**
 * Waits until every accepted application has come to an end (the departments' clocks moved on to speed
 * it up), and answers each as the hall shows it last.
 */
export async function settle(
  s: TestStack,
  accepted: readonly Accepted[],
  timeoutMs = 240_000,
): Promise<ApplicationView[]> {
  const deadline = Date.now() + timeoutMs;
  let last: (ApplicationView | null)[] = [];
  for (;;) {
    last = [];
    for (const a of accepted) last.push(await readApplication(s, a).catch(() => null));
    const open = last.filter((v) => !v || v.parts.some((p) => !FINAL.has(p.status)));
    if (open.length === 0) return last as ApplicationView[];
    if (Date.now() > deadline)
      throw new Error(
        `${open.length} of ${accepted.length} applications did not come to an end; e.g. ${JSON.stringify(open[0], null, 1)}`,
      );
    // Cases advance on the departments' clocks: move them on rather than wait hours of simulated time.
    await Promise.all(
      DEPARTMENT_KEYS.map((d) =>
        s
          .admin(d)
          .advanceClock({ advanceHours: 6 })
          .catch(() => {}),
      ),
    );
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

/** The hall's idempotency keys are its parts' ids. */
const PART_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What the stand-ins received for the accepted applications' parts. */
export interface ExactlyOnce {
  readonly applications: number;
  readonly parts: number;
  /** Parts of accepted applications the hall shows approved. */
  readonly approved: number;
  /** Parts of accepted applications that ended otherwise (refused, given up, cancelled). */
  readonly notApproved: readonly string[];
  /** Cases at the stand-ins for the accepted applications' parts (one per part is right). */
  readonly cases: number;
  /**
   * Parts with cases that are not among these applications' (other applications', or those of
   * submissions that got no answer as the hall was killed, stored and sent all the same), and the cases
   * beyond the first under any of them.
   */
  readonly otherCases: number;
  readonly otherDuplicated: number;
  /** Accepted applications the hall no longer has, and parts of which no department has a case. */
  readonly lost: number;
  /** Cases beyond the first under one part's idempotency key, at any stand-in. */
  readonly duplicated: number;
  /** Parts whose recorded case number is not the case the department holds for them. */
  readonly mismatched: number;
}

/**
 * Counts, at the stand-ins, the cases of the accepted applications: every part must have exactly one
 * case under its idempotency key (the part's id), the one the hall recorded.
 */
export async function countAtStandIns(
  s: TestStack,
  accepted: readonly Accepted[],
  views: readonly (ApplicationView | null)[],
): Promise<ExactlyOnce> {
  const byRef = new Map<string, string[]>();
  for (const d of DEPARTMENT_KEYS as readonly Department[])
    for (const c of await s.admin(d).cases())
      byRef.set(c.requestRef, [...(byRef.get(c.requestRef) ?? []), c.caseNumber]);
  const partIds = new Set(accepted.flatMap((a) => a.parts.map((p) => p.id)));
  let lost = 0;
  let approved = 0;
  let mismatched = 0;
  const notApproved: string[] = [];
  accepted.forEach((a, i) => {
    const view = views[i];
    if (!view) {
      lost += a.parts.length;
      return;
    }
    for (const p of view.parts) {
      const cases = byRef.get(p.id) ?? [];
      if (p.status === 'APPROVED') approved++;
      else
        notApproved.push(
          `${p.itemCode} ${p.status} ${p.lastError?.detail ?? p.lastError?.code ?? p.reason ?? ''}`,
        );
      if (p.status === 'CANCELLED') continue;
      if (cases.length === 0) lost++;
      else if (p.caseNumber !== cases[0]) mismatched++;
    }
  });
  let duplicated = 0;
  let cases = 0;
  let otherCases = 0;
  let otherDuplicated = 0;
  for (const [ref, numbers] of byRef) {
    if (partIds.has(ref)) {
      cases += numbers.length;
      duplicated += numbers.length - 1;
    } else if (PART_ID.test(ref)) {
      otherCases += 1;
      otherDuplicated += numbers.length - 1;
    }
  }
  return {
    applications: accepted.length,
    parts: partIds.size,
    approved,
    notApproved,
    cases,
    otherCases,
    otherDuplicated,
    lost,
    duplicated,
    mismatched,
  };
}
