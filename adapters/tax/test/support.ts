import { type AdapterHooks, type CaseSubmission, clientSettings } from '@onething/adapter-core';
import type { ContractClientSettings } from '@onething/adapter-core/contract';
import { generatePopulation, type Person, type Property, StandInAdmin } from '@onething/legacy-kit';
import { createTaxStandIn } from '@onething/legacy-tax';
import { createLogger } from '@onething/runtime';
import { createTaxAdapter } from '../src/adapter';

export const SEED = 20261122;
export const API_KEY = 'adapter-test-key';
/** The same population the stand-in seeds, to pick keys and check records against. */
export const population = generatePopulation({ seed: SEED, persons: 2000 });

/** The tax stand-in on port 0, as the contract kit wants a system under test. */
export async function startTaxSystem() {
  const standIn = createTaxStandIn(
    {
      host: '127.0.0.1',
      port: 0,
      adminPort: 0,
      seed: SEED,
      persons: 2000,
      clockSpeed: 0,
      apiKeys: new Map([[API_KEY, 'adapter-test']]),
    },
    createLogger('tax-adapter-test', 'silent'),
  );
  await standIn.listen();
  const control = new StandInAdmin(standIn.adminUrl);
  return { standIn, url: standIn.url, control, stop: () => standIn.close() };
}

/** The adapter against `url`, with the given client settings (the contract kit's, or defaults). */
export function taxAdapter(
  url: string,
  settings?: ContractClientSettings,
  hooks?: AdapterHooks,
  apiKey = API_KEY,
) {
  return createTaxAdapter({ client: clientSettings(url, settings), ...(hooks ? { hooks } : {}), apiKey });
}

const taxpayerOf = new Map(population.taxpayers.map((t) => [t.taxpayerId, t]));
/** Persons who owe no tax (their deed tax declarations are not refused for arrears). */
export const clearPersons = population.persons.filter((p) => taxpayerOf.get(p.idNumber)?.arrearsFen === 0);
export const owingPersons = population.persons.filter(
  (p) => (taxpayerOf.get(p.idNumber)?.arrearsFen ?? 0) > 0,
);

/** A deed tax declaration in domain terms: semantic keys, money in fen, booleans, ISO dates. */
export function deedTaxSubmission(
  idempotencyKey: string,
  buyer: Person,
  property: Property,
  fields: CaseSubmission['fields'] = {},
): CaseSubmission {
  return {
    itemCode: 'TAX-DEED-TAX',
    idempotencyKey,
    applicant: { idNumber: buyer.idNumber, name: buyer.name },
    fields: {
      'applicant.phone': '13800138000',
      'seller.idNumber': property.ownerIdNumbers[0]!,
      'property.unitCode': property.unitCode,
      'property.address': property.address,
      'property.area': property.areaM2,
      'property.use': property.use,
      'transaction.price': property.lastPriceFen,
      'transaction.contractNumber': 'HT-2026-000777',
      'transaction.contractDate': '2026-06-01',
      'buyer.isFirstHome': true,
      'buyer.maritalStatus': 'single',
      ...fields,
    },
    materials: [
      { id: 'id-card', reference: 'files/id-card.pdf' },
      { id: 'sale-contract', reference: 'files/contract.pdf' },
    ],
  };
}
