import {
  type AdapterError,
  type AdapterHooks,
  type CaseSubmission,
  clientSettings,
  isAdapterError,
} from '@onething/adapter-core';
import {
  generatePopulation,
  type Person,
  type Property,
  type StandIn,
  StandInAdmin,
} from '@onething/legacy-kit';
import { createRealestateStandIn, realestateSettings } from '@onething/legacy-realestate';
import { createLogger } from '@onething/runtime';
import { createRealestateAdapter, type RealestateAdapter } from '../src';

/** The population the test stand-ins seed (default seed, 2,000 persons). */
export const population = generatePopulation({ seed: 20261122, persons: 2000 });
const owning = new Set(population.properties.flatMap((p) => p.ownerIdNumbers));
/** Persons who own no unit, to buy one. */
export const nonOwners: Person[] = population.persons.filter((p) => !owning.has(p.idNumber));
/** Units with one owner and no mortgage; each test takes its own so effects do not cross. */
export const soleOwnerUnits: Property[] = population.properties.filter(
  (p) => p.ownerIdNumbers.length === 1 && !p.mortgage,
);
export const person = (idNumber: string) => population.persons.find((p) => p.idNumber === idNumber)!;
/** A well-formed unit code the registry never registered. */
export const UNREGISTERED_UNIT = '330502001002GB00012F00030012';

/** The registry stand-in on port 0: 2,000 persons, a stopped clock, no base latency. */
export async function startRegistry(): Promise<{ standIn: StandIn; admin: StandInAdmin }> {
  const config = realestateSettings.load({
    HOST: '127.0.0.1',
    PORT: '0',
    ADMIN_PORT: '0',
    SEED_PERSONS: '2000',
    CLOCK_SPEED: '0',
    BASE_LATENCY_MS: '0',
    BASE_JITTER_MS: '0',
    LOG_LEVEL: 'silent',
  });
  const standIn = createRealestateStandIn(config, createLogger('legacy-realestate', 'silent'));
  await standIn.listen();
  return { standIn, admin: new StandInAdmin(standIn.adminUrl) };
}

/** The adapter against `url`, with settings as the contract kit gives them. */
export function adapterFor(
  url: string,
  settings?: Parameters<typeof clientSettings>[1],
  hooks?: AdapterHooks,
): RealestateAdapter {
  return createRealestateAdapter({
    client: clientSettings(url, settings),
    caller: 'adapter-test',
    ...(hooks ? { hooks } : {}),
  });
}

/** A transfer of `unit` from its registered owner to `buyer`, in domain terms (fen, ISO, semantic keys). */
export function transferSubmission(
  key: string,
  unit: Property,
  buyer: Person,
  overrides: Record<string, string | number | boolean> = {},
): CaseSubmission {
  const seller = person(unit.ownerIdNumbers[0]!);
  return {
    itemCode: 'RE-TRANSFER',
    idempotencyKey: key,
    applicant: { idNumber: buyer.idNumber, name: buyer.name },
    fields: {
      'applicant.phone': buyer.phone,
      'seller.idNumber': seller.idNumber,
      'seller.name': seller.name,
      'seller.confirmation': '5b0f6a0e-8d3c-4f7e-9a51-3c2f4e1d7b90',
      'property.unitCode': unit.unitCode,
      'property.certificateNumber': unit.certificateNumber,
      'property.address': unit.address,
      'property.area': unit.areaM2,
      'transaction.price': 215_000_000,
      'transaction.contractNumber': 'WQ-2026-000123',
      'buyer.maritalStatus': 'married',
      ...overrides,
    },
    materials: [
      { id: 'id-card', reference: 'store://hall/id-card.pdf' },
      { id: 'sale-contract', reference: 'store://hall/contract.pdf' },
    ],
  };
}

/** The AdapterError a promise fails with (fails the test when it resolves or fails otherwise). */
export async function errorOf(p: Promise<unknown>): Promise<AdapterError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!isAdapterError(e)) throw new Error(`expected an AdapterError, got ${String(e)}`);
  return e;
}
