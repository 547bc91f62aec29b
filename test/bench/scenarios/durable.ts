import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import {
  confirmSale,
  HOUSE_TRANSFER_UPLOADS,
  houseTransferParties,
  houseTransferValues,
  unitOfSeller,
  uploadMaterial,
} from '../../../scripts/house-transfer-form';
import type { TestStack } from '../../stack/support';
import { population } from '../persons';
import { round } from '../stats';

const codeOf = (e: { message?: string; extensions?: Record<string, unknown> }) =>
  String(e.extensions?.code ?? e.message ?? 'error').slice(0, 80);

/** The operations creating the cases of a house transfer's first parts: the deed tax and the fund withdrawal. */
const FIRST_PARTS = { tax: 'cases.submit', fund: 'ywsl' } as const;

export interface DurableFigures {
  readonly engine: 'pglite' | 'postgresql';
  readonly seconds: number;
  readonly concurrency: number;
  /** Applications the hall answered as stored, and applications per second over the run. */
  readonly stored: number;
  readonly storedPerSecond: number;
  /**
   * Parts (each application's first two: the deed tax and the fund withdrawal) sent to and accepted by
   * their departments during the run, counted at the stand-ins, and parts per second.
   */
  readonly dispatchedDuringRun: number;
  readonly dispatchedPerSecond: number;
  /** Time after the run until every stored application's first parts were at their departments. */
  readonly drainSeconds: number;
  /** Checked at the end: stored applications missing from the hall, parts without exactly one case. */
  readonly lost: number;
  readonly duplicated: number;
  /** Submissions answered with problems of the form (no application stored). */
  readonly refused: number;
  /** Submissions answered with GraphQL errors (or no answer), and their codes with how many of each. */
  readonly errors: number;
  readonly errorCodes?: Record<string, number>;
}

/**
 * Scenario 5: house transfers handed in as fast as `concurrency` applicants can for `seconds`, the hall
 * storing each with its dispatch work and sending the deed tax and the fund withdrawal to their
 * departments meanwhile; at the end every stored application is read back and every part's case counted.
 */
export async function durableSubmissions(
  s: TestStack,
  engine: DurableFigures['engine'],
  options: { seconds: number; concurrency: number; applicants: number },
): Promise<DurableFigures> {
  for (const d of DEPARTMENT_KEYS) await s.admin(d).reset();
  // Applicants ready beforehand, each with their scans uploaded once: the run measures handing in.
  const pairs = houseTransferParties(population);
  const applicants: { token: string; input: Record<string, unknown> }[] = [];
  for (let n = 0; n < options.applicants; n++) {
    const p = pairs(n);
    const token = await s.customToken({ role: 'applicant', name: p.buyer.name, id_number: p.buyer.idNumber });
    // The seller confirms the sale first, as every house transfer starts.
    const confirmation = await confirmSale(
      s.gatewayUrl,
      await s.customToken({ role: 'applicant', name: p.seller.name, id_number: p.seller.idNumber }),
      unitOfSeller(population, p.seller.idNumber),
      p.buyer.idNumber,
    );
    const materials = [];
    for (const m of HOUSE_TRANSFER_UPLOADS)
      materials.push({ id: m.id, uploadId: await uploadMaterial(s.gatewayUrl, token, m.file, m.name) });
    applicants.push({
      token,
      input: {
        bundleCode: 'HOUSE-TRANSFER',
        values: houseTransferValues(population, p.buyer.idNumber, p.seller.idNumber, {
          'seller.confirmation': confirmation,
        }),
        materials,
      },
    });
  }
  const casesNow = async () => {
    let n = 0;
    for (const [d, op] of Object.entries(FIRST_PARTS))
      n += (await s.admin(d as keyof typeof FIRST_PARTS).counts()).byOp[op] ?? 0;
    return n;
  };
  for (const d of DEPARTMENT_KEYS) await s.admin(d).resetCounts();

  const stored: { id: string; token: string }[] = [];
  let refused = 0;
  let errors = 0;
  const errorCodes: Record<string, number> = {};
  let next = 0;
  const end = Date.now() + options.seconds * 1000;
  const worker = async () => {
    while (Date.now() < end) {
      const a = applicants[next++ % applicants.length]!;
      const r = await s.gql<{ submitApplication: { application: { id: string } | null } }>(
        'mutation S($i: ApplicationInput!) { submitApplication(input: $i) { application { id } problems { field code } } }',
        { i: a.input },
        a.token,
      );
      const id = r.data?.submitApplication.application?.id;
      if (r.errors?.length || !r.data) {
        // An answer with errors is a failure even where it carries an id: counted apart, never as stored.
        errors++;
        for (const c of new Set((r.errors ?? [{ message: `HTTP ${r.status}` }]).map(codeOf)))
          errorCodes[c] = (errorCodes[c] ?? 0) + 1;
      } else if (id) stored.push({ id, token: a.token });
      else refused++;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const runSeconds = (Date.now() - started) / 1000;
  const dispatchedDuringRun = await casesNow();

  // Drain: every stored application's two first parts at their departments.
  const drainStart = Date.now();
  while ((await casesNow()) < stored.length * 2 && Date.now() - drainStart < 300_000)
    await new Promise((r) => setTimeout(r, 250));
  const drainSeconds = (Date.now() - drainStart) / 1000;

  // Nothing lost, nothing twice: each stored application is there with a case for each first part, and
  // the departments hold no case but those.
  const atDepartments = new Set<string>();
  let casesThere = 0;
  for (const [d, item] of [
    ['tax', 'TAX-DEED-TAX'],
    ['fund', 'FUND-PURCHASE-WITHDRAWAL'],
  ] as const) {
    const cases = await s.admin(d).cases({ item });
    casesThere += cases.length;
    for (const c of cases) atDepartments.add(c.caseNumber);
  }
  let lost = 0;
  const recorded = new Set<string>();
  for (const a of stored) {
    const r = await s.gql<{
      application: { parts: { department: string; caseNumber: string | null }[] } | null;
    }>(
      'query A($id: ID!) { application(id: $id) { parts { department caseNumber } } }',
      { id: a.id },
      a.token,
    );
    const parts = r.data?.application?.parts.filter((p) => p.department === 'TAX' || p.department === 'FUND');
    if (parts?.length !== 2) {
      lost += 2 - (parts?.length ?? 0);
      continue;
    }
    for (const p of parts) {
      if (!p.caseNumber || !atDepartments.has(p.caseNumber)) lost++;
      else recorded.add(p.caseNumber);
    }
  }
  const duplicated = casesThere - recorded.size;
  return {
    engine,
    seconds: round(runSeconds),
    concurrency: options.concurrency,
    stored: stored.length,
    storedPerSecond: round(stored.length / runSeconds),
    dispatchedDuringRun,
    dispatchedPerSecond: round(dispatchedDuringRun / runSeconds),
    drainSeconds: round(drainSeconds),
    lost,
    duplicated,
    refused,
    errors,
    errorCodes,
  };
}
