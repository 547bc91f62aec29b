import { createHash } from 'node:crypto';
import { generatePopulation, type Population } from '@onething/legacy-kit';
import type { TestStack } from '../stack/support';

/** The bench stack's seeded population: npm start's size, the stand-ins' default seed. */
export const BENCH_PERSONS = 10_000;
export const population: Population = generatePopulation({ seed: 20261122, persons: BENCH_PERSONS });

/** A person every department knows, with a token of their own. */
export interface KnownPerson {
  readonly idNumber: string;
  readonly name: string;
  readonly enterprises: readonly string[];
  readonly unitCodes: readonly string[];
  readonly token: string;
}

/**
 * The first `n` persons known to all four departments — a taxpayer who owns a unit, has a fund account
 * and represents an active enterprise — each with an applicant token from the development IdP.
 */
export async function knownPersons(s: TestStack, n: number): Promise<KnownPerson[]> {
  const taxpayers = new Set(population.taxpayers.map((t) => t.taxpayerId));
  const accounts = new Set(population.fundAccounts.map((a) => a.idNumber));
  const units = new Map<string, string[]>();
  for (const p of population.properties)
    for (const o of p.ownerIdNumbers) units.set(o, [...(units.get(o) ?? []), p.unitCode]);
  const represents = new Map<string, string[]>();
  for (const e of population.enterprises)
    if (e.status === 'active')
      represents.set(e.legalRepIdNumber, [...(represents.get(e.legalRepIdNumber) ?? []), e.uscc]);
  const chosen = population.persons
    .filter((p) => taxpayers.has(p.idNumber) && accounts.has(p.idNumber) && units.has(p.idNumber))
    .filter((p) => represents.has(p.idNumber))
    .slice(0, n);
  if (chosen.length < n) throw new Error(`only ${chosen.length} persons are known to every department`);
  return Promise.all(
    chosen.map(async (p) => {
      const enterprises = represents.get(p.idNumber)!;
      return {
        idNumber: p.idNumber,
        name: p.name,
        enterprises,
        unitCodes: units.get(p.idNumber)!,
        token: await s.customToken({ role: 'applicant', name: p.name, id_number: p.idNumber, enterprises }),
      };
    }),
  );
}

/** What a front end prefilling a form asks of every department about a person, in one query. */
export const PREFILL_QUERY = `query Prefill($id: IdNumber!) {
  person(idNumber: $id) {
    idNumber
    taxpayer { name status arrears }
    representedEnterprises { uscc name status }
    properties { unitCode address area use owners { idNumber } }
    fundAccount { personalAccount balance status }
  }
}`;

/** The prefill query's SHA-256: its trusted document's hash (the bench stack registers it, bench-stack.ts). */
export const PREFILL_HASH = createHash('sha256').update(PREFILL_QUERY).digest('hex');

/** The prefill query of each person as a request body with its token. */
export const prefillRequests = (persons: readonly KnownPerson[]) =>
  persons.map((p) => ({
    body: JSON.stringify({ query: PREFILL_QUERY, variables: { id: p.idNumber }, operationName: 'Prefill' }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` },
  }));
