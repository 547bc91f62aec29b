import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import type { TestStack } from '../../stack/support';

/**
 * What the stack has stored, counted from outside as a client and the stand-ins' admin ports see it: the
 * hall's applications (window staff's queue), ratings, audit records (window staff's trail), each given
 * applicant's consents, uploads, applications and delegations, the files in the materials directory, and every case at
 * every department. A refused request must leave all of it as it was.
 */
export type Records = Readonly<Record<string, number>>;

function filesUnder(dir: string): number {
  let n = 0;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const e of entries) {
    const path = join(dir, e);
    n += statSync(path).isDirectory() ? filesUnder(path) : 1;
  }
  return n;
}

/** Counts the records; `applicants` are the tokens of every applicant a request could have written for. */
export async function countRecords(
  s: TestStack,
  staffToken: string,
  applicants: Readonly<Record<string, string>>,
): Promise<Records> {
  const counts: Record<string, number> = {};
  const staff = await s.gql<{
    applicationQueue: { id: string; rating: { level: number } | null }[];
    auditRecords: { id: string }[];
  }>(
    '{ applicationQueue(limit: 500) { id rating { level } } auditRecords(limit: 1000) { id } }',
    {},
    staffToken,
  );
  if (staff.errors) throw new Error(`cannot count the hall's records: ${JSON.stringify(staff.errors)}`);
  counts.applications = staff.data!.applicationQueue.length;
  counts.ratings = staff.data!.applicationQueue.filter((a) => a.rating).length;
  counts['audit records'] = staff.data!.auditRecords.length;
  for (const [who, token] of Object.entries(applicants)) {
    const mine = await s.gql<{
      myConsents: unknown[];
      myUploads: unknown[];
      myApplications: unknown[];
      myDelegations: { revokedAt: string | null }[];
    }>(
      '{ myConsents { id } myUploads { id } myApplications(limit: 500) { id } myDelegations { id revokedAt } }',
      {},
      token,
    );
    if (mine.errors) throw new Error(`cannot count ${who}'s records: ${JSON.stringify(mine.errors)}`);
    counts[`consents of ${who}`] = mine.data!.myConsents.length;
    counts[`uploads of ${who}`] = mine.data!.myUploads.length;
    counts[`applications of ${who}`] = mine.data!.myApplications.length;
    counts[`delegations of ${who}`] = mine.data!.myDelegations.length;
    counts[`revoked delegations of ${who}`] = mine.data!.myDelegations.filter((d) => d.revokedAt).length;
  }
  counts['material files'] = filesUnder(s.options.hallMaterialsDir!);
  for (const d of DEPARTMENT_KEYS) counts[`${d} cases`] = (await s.admin(d).cases()).length;
  return counts;
}

/** What changed between two counts, as `name: +n`; empty when nothing did. */
export function changes(before: Records, after: Records, ignore: readonly string[] = []): string[] {
  return Object.keys({ ...before, ...after })
    .filter((k) => !ignore.includes(k) && (after[k] ?? 0) !== (before[k] ?? 0))
    .map(
      (k) =>
        `${k}: ${(after[k] ?? 0) - (before[k] ?? 0) > 0 ? '+' : ''}${(after[k] ?? 0) - (before[k] ?? 0)}`,
    );
}

/** How many records were written in all (audit records apart, which record reads, see the notes). */
export const written = (before: Records, after: Records, ignore: readonly string[] = []): number =>
  Object.keys({ ...before, ...after })
    .filter((k) => !ignore.includes(k))
    .reduce((n, k) => n + Math.abs((after[k] ?? 0) - (before[k] ?? 0)), 0);
