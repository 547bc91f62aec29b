import { generatePopulation, type Person, type Property } from '@onething/legacy-kit';

/** The population every test stand-in seeds (default seed, 2,000 persons). */
export const population = generatePopulation({ seed: 20261122, persons: 2000 });
const owning = new Set(population.properties.flatMap((p) => p.ownerIdNumbers));

/** Persons who own no unit, to buy one. */
export const nonOwners: readonly Person[] = population.persons.filter((p) => !owning.has(p.idNumber));
/** Units with one owner and no mortgage, each used by one test so tests do not see each other's effects. */
export const soleOwnerUnits: readonly Property[] = population.properties.filter(
  (p) => p.ownerIdNumbers.length === 1 && !p.mortgage,
);
/** The person with an ID number. */
export const person = (idNumber: string) => population.persons.find((p) => p.idNumber === idNumber)!;
/** A well-formed unit code the registry never registered. */
export const UNREGISTERED_UNIT = '330502001002GB00012F00030012';

/** The wire form of a transfer of `unit` from its owner to `buyer`. */
export function transferFields(unit: Property, buyer: Person, overrides: Record<string, string> = {}) {
  const seller = person(unit.ownerIdNumbers[0]!);
  return {
    ApplicantIdNumber: buyer.idNumber,
    ApplicantName: buyer.name,
    ApplicantPhone: buyer.phone,
    SellerIdNumber: seller.idNumber,
    SellerName: seller.name,
    // The seller's confirmation the hall holds (《不动产登记暂行条例》第十四条: both parties apply).
    SellerConfirmation: '5b0f6a0e-8d3c-4f7e-9a51-3c2f4e1d7b90',
    PropertyUnitCode: unit.unitCode,
    PropertyCertificateNumber: unit.certificateNumber,
    PropertyAddress: unit.address,
    PropertyArea: unit.areaM2.toFixed(2),
    TransactionPrice: '1234567.00',
    TransactionContractNumber: 'WQ-2026-000123',
    BuyerMaritalStatus: 'married',
    ...overrides,
  };
}
