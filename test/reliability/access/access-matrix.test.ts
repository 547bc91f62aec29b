import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../stack/support';
import { type FigureRow, recordSection } from '../figures';
import { changes, countRecords } from '../input/records';
import { CASE_READS, CASE_WRITES } from './case-operations';
import { FEE_READS } from './fee-operations';
import { type AccessFixture, APPLICANTS, PERSONAS, type Persona, startAccessStack } from './fixture';
import type { Operation, Verdict } from './operation';
import { READS as ENTRY_READS } from './read-operations';
import { WRITES as HALL_WRITES } from './write-operations';

const READS = [...ENTRY_READS, ...CASE_READS, ...FEE_READS];
const WRITES = [...HALL_WRITES, ...CASE_WRITES];

/**
 * Who may and who may not, on the whole stack: every persona tries every operation of the matrix; each
 * must be allowed exactly where the matrix says and denied everywhere else (FORBIDDEN, UNAUTHENTICATED,
 * NOT_FOUND, or the schema's null for "not yours"), with no data in a denial. Denied writes must leave
 * every record as it was.
 */
describe('the access matrix', () => {
  let s: TestStack;
  let f: AccessFixture;

  beforeAll(async () => {
    ({ s, f } = await startAccessStack());
  });
  afterAll(() => s?.stop());

  it('allows each persona what the matrix says, and denies everything else', async () => {
    const verdicts = new Map<string, Verdict>();
    const tryCell = async (op: Operation, as: Persona) =>
      verdicts.set(`${op.key} ${as}`, await op.try(s, f, as));
    for (const op of READS) for (const as of PERSONAS) await tryCell(op, as);

    const applicants = Object.fromEntries(APPLICANTS.map((p) => [p, f.tokens[p]!]));
    // The citizen's cases at the departments, each waiting for its correction: a denied one leaves it waiting.
    const caseStatuses = async () =>
      Promise.all(
        DEPARTMENT_KEYS.map(async (d) => `${d} ${(await s.admin(d).case(f.cases[d].caseNumber)).status}`),
      );
    const before = await countRecords(s, f.tokens['window-staff']!, applicants);
    const waiting = await caseStatuses();
    for (const op of WRITES) for (const as of PERSONAS) if (!op.allowed.includes(as)) await tryCell(op, as);
    const after = await countRecords(s, f.tokens['window-staff']!, applicants);
    const stillWaiting = await caseStatuses();
    for (const op of WRITES) for (const as of op.allowed) await tryCell(op, as);

    const failures: string[] = [];
    const rows: FigureRow[] = [];
    let allowed = 0;
    let denied = 0;
    for (const op of [...READS, ...WRITES]) {
      const row: FigureRow = { operation: op.label };
      for (const as of PERSONAS) {
        const v = verdicts.get(`${op.key} ${as}`)!;
        const expected = op.allowed.includes(as) ? 'allowed' : 'denied';
        if (v.outcome !== expected)
          failures.push(
            `${op.label} as ${as}: expected ${expected}, ${v.outcome === 'broken' ? v.why : v.outcome}`,
          );
        else if (expected === 'allowed') allowed++;
        else denied++;
        row[as] = v.outcome === 'allowed' ? '✓' : v.outcome === 'denied' ? `✗ ${v.how}` : '!';
      }
      rows.push(row);
    }
    // A denied write may leave only the audit records of the checks it ran (see the notes).
    failures.push(...changes(before, after, ['audit records']).map((c) => `a denied write wrote ${c}`));
    expect(waiting.every((c) => c.endsWith('correction_requested'))).toBe(true);
    failures.push(
      ...stillWaiting.filter((c) => !waiting.includes(c)).map((c) => `a denied correction moved ${c}`),
    );
    expect(failures).toEqual([]);

    const cells = (READS.length + WRITES.length) * PERSONAS.length;
    recordSection({
      key: '21-access-matrix',
      title: 'Access: personas × operations',
      about:
        'Every persona — nobody signed in, the development identity provider’s personas, an applicant of no relation (stranger), and the hall’s service identity acting for the citizen (hall: its client-credentials token with x-onething-acting-for) — tries every operation on the citizen’s data, applications and cases at each department, the legal representative’s enterprise and the seller’s unit. ✓ is allowed; ✗ names how it was denied: FORBIDDEN, UNAUTHENTICATED, NOT_FOUND (another’s application or file is not revealed), `null` (application(id:) answers null for one that is not yours), `applicant.notYou` (a form naming someone else). A cell is correct when it is allowed exactly where the matrix allows it; views that are allowed but filtered (the audit trail, the queue, dead letters, a unit’s deed tax and fund loan records) are checked to hold nothing of another person or department.',
      command:
        'RELIABILITY=full npx vitest run --project reliability test/reliability/access/access-matrix.test.ts',
      rows,
      notes: [
        `${cells} cells: ${allowed} allowed and ${denied} denied as the matrix says, 0 wrong; the denied writes wrote 0 records (applications, ratings, consents, uploads, files, departments’ cases) and moved none of the citizen’s cases waiting for a correction.`,
        'The departments’ case operations (submit…Case, correct…Case, …Case, …CaseByKey) are the hall’s: it submits and corrects acting for the applicant whose case it is, and reads that applicant’s cases only; a department’s staff read their department’s cases and hand in nothing through the federation (their own system is where they work).',
        'Writes are tried denials first; the one-off writes (the correction, the rating, the retry) then by their allowed persona, once.',
        'Delegations (代办): the citizen grants the agent persona one for the house transfer; only a delegation’s principal and agent learn of it (myDelegations, delegationsToMe hold nothing of anyone else’s), only window staff record one (in a visit of theirs for the principal), only its principal revokes it (anyone else: NOT_FOUND, as if it did not exist).',
        'Defects found and fixed: an applicant could hand in a form naming another person as the applicant (the application was stored under their own ID number with the other person’s details sent to the departments) — now refused as applicant.notYou.',
        'Defects found and fixed: any applicant could submit a case straight to a department for themselves (submitFundCase: a withdrawal above the price, another applicant’s uploads as materials; no application, no checks, no audit record) — now FORBIDDEN to all but the hall acting for them; the hall acting for one applicant could read, find and correct another’s case — now refused by the case’s own applicant; a unit’s owner saw every deed tax and fund loan record of the unit (a new owner the previous owner’s ID number and amount) — now their own only.',
      ],
    });
  });
});
