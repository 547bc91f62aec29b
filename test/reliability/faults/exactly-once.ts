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
  /** Parts of the accepted applications, as the hall's answer to each submission listed them. */
  readonly parts: number;
  /** Parts of accepted applications the hall shows approved. */
  readonly approved: number;
  /** Parts of accepted applications that ended otherwise (refused, given up, cancelled, not shown). */
  readonly notApproved: readonly string[];
  /**
   * Cases at the stand-ins under the accepted parts' idempotency keys, read from each stand-in's own
   * record of its cases (one per accepted part is right: `cases === parts`).
   */
  readonly cases: number;
  /**
   * Parts with cases that are not among these applications' (other applications', or those of
   * submissions that got no answer as the hall was killed, stored and sent all the same), and the cases
   * beyond the first under any of them.
   */
  readonly otherCases: number;
  readonly otherDuplicated: number;
  /**
   * Accepted parts of which no stand-in has a case. Counted over the parts the hall accepted, not over
   * what the hall shows later: a part the hall forgot (or an application it no longer has) is lost.
   */
  readonly lost: number;
  /** Accepted parts the hall no longer shows (the application gone, or the part missing from it). */
  readonly forgotten: number;
  /** Cases beyond the first under one part's idempotency key, at any stand-in. */
  readonly duplicated: number;
  /** Parts whose recorded case number is not the case the department holds for them. */
  readonly mismatched: number;
}

/**
 * Counts, at the stand-ins, the cases of the accepted applications: every part the hall accepted must
 * have exactly one case under its idempotency key (the part's id), the one the hall recorded. The hall's
 * later view gives only each part's status and recorded case number; what is lost is decided by the
 * stand-ins' records against the parts accepted.
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
  let forgotten = 0;
  let approved = 0;
  let mismatched = 0;
  const notApproved: string[] = [];
  accepted.forEach((a, i) => {
    const shown = new Map((views[i]?.parts ?? []).map((p) => [p.id, p]));
    for (const part of a.parts) {
      const cases = byRef.get(part.id) ?? [];
      if (cases.length === 0) lost++;
      const p = shown.get(part.id);
      if (!p) {
        forgotten++;
        notApproved.push(`${part.itemCode} not shown by the hall (application ${a.id})`);
        continue;
      }
      if (p.status === 'APPROVED') approved++;
      else
        notApproved.push(
          `${p.itemCode} ${p.status} ${p.lastError?.detail ?? p.lastError?.code ?? p.reason ?? ''}`,
        );
      if (cases.length > 0 && p.caseNumber !== cases[0]) mismatched++;
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
    forgotten,
    duplicated,
    mismatched,
  };
}
