import { completeOrganisationCode, residentIdCheckCharacter, usccCheckCharacter } from '@onething/schema';
import { BRANDS, GIVEN_CHARACTERS, INDUSTRIES, PLACES, type Place, SHOP_KINDS, SURNAMES } from './places';
import { type Rng, rngFor } from './rng';

/**
 * The people, enterprises and properties every department's records are about. All four stand-ins
 * generate the same population from the same seed; each keeps only its own slice (the registry its
 * properties, the fund its accounts…), as the real departments each hold part of one society's records.
 * Amounts are integer fen and dates ISO `yyyy-MM-dd` here; each stand-in converts to its own wire.
 */

/** The reference day of the seeded data: generated dates never pass it, so data does not drift with time. */
export const POPULATION_REFERENCE_DATE = '2026-06-30';

export interface Person {
  readonly index: number;
  readonly idNumber: string;
  readonly name: string;
  readonly sex: 'male' | 'female';
  readonly birthDate: string;
  readonly phone: string;
  readonly address: string;
  readonly divisionCode: string;
  readonly updatedAt: string;
}

export interface Enterprise {
  readonly index: number;
  readonly uscc: string;
  readonly name: string;
  /** `company` (有限公司, USCC type 1) or `individual` (个体工商户, type 2). */
  readonly kind: 'company' | 'individual';
  readonly legalRepIdNumber: string;
  readonly registeredCapitalFen: number;
  readonly establishedOn: string;
  readonly address: string;
  readonly businessScope: string;
  readonly divisionCode: string;
  readonly status: 'active' | 'deregistered';
  readonly employeeCount: number;
  readonly updatedAt: string;
}

export interface Mortgage {
  readonly mortgagee: string;
  readonly amountFen: number;
  readonly registeredOn: string;
  readonly endsOn: string;
}

export interface Property {
  readonly index: number;
  readonly unitCode: string;
  readonly certificateNumber: string;
  readonly address: string;
  /** Floor area in square metres, two decimals. */
  readonly areaM2: number;
  readonly use: 'residential' | 'commercial';
  readonly ownerIdNumbers: readonly string[];
  readonly registeredOn: string;
  /** Price of the last transfer, the base of its deed tax. */
  readonly lastPriceFen: number;
  readonly mortgage?: Mortgage;
  readonly divisionCode: string;
  readonly updatedAt: string;
}

export interface EmployerAccount {
  /** 单位账号. */
  readonly employerAccount: string;
  readonly uscc: string;
  readonly name: string;
  readonly openedOn: string;
  readonly depositRatePercent: number;
  readonly updatedAt: string;
}

export interface FundAccount {
  /** 个人账号. */
  readonly personalAccount: string;
  readonly idNumber: string;
  readonly name: string;
  readonly employerAccount: string;
  readonly balanceFen: number;
  readonly monthlyDepositFen: number;
  readonly status: 'normal' | 'sealed';
  readonly openedOn: string;
  readonly updatedAt: string;
}

export interface FundLoan {
  readonly loanNumber: string;
  readonly idNumber: string;
  readonly unitCode: string;
  readonly principalFen: number;
  readonly remainingFen: number;
  readonly monthlyRepaymentFen: number;
  readonly startedOn: string;
  readonly termMonths: number;
  readonly updatedAt: string;
}

export interface Taxpayer {
  /** The ID number of a natural person or the USCC of an enterprise. */
  readonly taxpayerId: string;
  readonly name: string;
  readonly kind: 'natural-person' | 'enterprise';
  readonly status: 'normal' | 'abnormal';
  readonly taxpayerType?: 'general' | 'small-scale';
  readonly authority: string;
  readonly registeredOn: string;
  /** Tax owed and unpaid, in fen; clearance is refused while it is above zero. */
  readonly arrearsFen: number;
  readonly updatedAt: string;
}

export interface DeedTaxRecord {
  readonly recordNumber: string;
  readonly unitCode: string;
  readonly payerIdNumber: string;
  readonly taxableAmountFen: number;
  /** Rate in basis points (100 = 1%). */
  readonly rateBp: number;
  readonly amountFen: number;
  readonly paidOn: string;
  readonly updatedAt: string;
}

export interface Population {
  readonly seed: number;
  readonly persons: readonly Person[];
  readonly enterprises: readonly Enterprise[];
  readonly properties: readonly Property[];
  readonly employerAccounts: readonly EmployerAccount[];
  readonly fundAccounts: readonly FundAccount[];
  readonly fundLoans: readonly FundLoan[];
  readonly taxpayers: readonly Taxpayer[];
  readonly deedTaxRecords: readonly DeedTaxRecord[];
}

const REF = Date.UTC(2026, 5, 30);
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** A date `minDays`..`maxDays` before the reference day. */
const daysAgo = (r: Rng, minDays: number, maxDays: number) => isoDay(REF - r.int(minDays, maxDays) * DAY);
const updatedAt = (r: Rng) => new Date(REF - r.int(0, 700) * DAY - r.int(0, 86_399) * 1000).toISOString();
const pad = (n: number, width: number) => String(n).padStart(width, '0');

function taxAuthority(place: Place): string {
  return `国家税务总局${place.city}${place.county}税务局`;
}

function person(seed: number, index: number, taken: Set<string>): Person {
  const r = rngFor(seed, 'person', index);
  const place = r.pick(PLACES);
  const sex = r.chance(0.5) ? 'male' : 'female';
  const birth = Date.UTC(1950, 0, 1) + r.int(0, 55 * 365) * DAY;
  const birthDate = isoDay(birth);
  let idNumber = '';
  for (let attempt = 0; !idNumber || taken.has(idNumber); attempt++) {
    // Sequence digits: odd for men, even for women (GB 11643 §5.3).
    const seq = r.int(0, 499) * 2 + (sex === 'male' ? 1 : 0);
    const first17 = `${place.divisionCode}${birthDate.replaceAll('-', '')}${pad(seq, 3)}`;
    idNumber = first17 + residentIdCheckCharacter(first17);
    if (attempt > 50) throw new Error(`cannot allocate a unique ID number for person ${index}`);
  }
  taken.add(idNumber);
  const given = Array.from({ length: r.int(1, 2) }, () => r.pick([...GIVEN_CHARACTERS])).join('');
  return {
    index,
    idNumber,
    name: r.pick([...SURNAMES]) + given,
    sex,
    birthDate,
    phone: `1${r.pick(['3', '5', '7', '8', '9'])}${r.digits(9)}`,
    address: `${place.province}${place.city}${place.county}${r.pick(place.streets)}${r.int(1, 399)}号`,
    divisionCode: place.divisionCode,
    updatedAt: updatedAt(r),
  };
}

function enterprise(
  seed: number,
  index: number,
  persons: readonly Person[],
  taken: Set<string>,
  names: Set<string>,
): Enterprise {
  const r = rngFor(seed, 'enterprise', index);
  const place = r.pick(PLACES);
  const kind = r.chance(0.75) ? 'company' : 'individual';
  // Legal representatives are adults; pick among the seeded persons born before 2004.
  let rep = r.pick(persons);
  for (let i = 0; i < 20 && rep.birthDate > '2004-01-01'; i++) rep = r.pick(persons);
  let uscc = '';
  while (!uscc || taken.has(uscc)) {
    const first17 = `9${kind === 'company' ? '1' : '2'}${place.divisionCode}${completeOrganisationCode(r.digits(8))}`;
    uscc = first17 + usccCheckCharacter(first17);
  }
  taken.add(uscc);
  const industry = r.pick(INDUSTRIES);
  const city = place.city.replace(/(市|蒙古自治州|白族自治州)$/, '');
  // Names are unique within the registry, as the name check of establishment requires.
  let name = '';
  while (!name || names.has(name)) {
    name =
      kind === 'company'
        ? `${city}${r.pick(BRANDS)}${r.pick(BRANDS)}${industry.name}有限公司`
        : `${place.county}${rep.name}${r.pick(SHOP_KINDS)}${names.has(`${place.county}${rep.name}`) ? r.int(2, 99) : ''}`;
  }
  names.add(name);
  return {
    index,
    uscc,
    name,
    kind,
    legalRepIdNumber: rep.idNumber,
    registeredCapitalFen:
      kind === 'company' ? r.pick([10, 30, 50, 100, 200, 500, 1000]) * 1_000_000 : r.int(1, 20) * 100_000,
    establishedOn: daysAgo(r, 30, 6000),
    address: `${place.province}${place.city}${place.county}${r.pick(place.streets)}${r.int(1, 399)}号`,
    businessScope: kind === 'company' ? industry.scope : '零售；便民服务',
    divisionCode: place.divisionCode,
    status: r.chance(0.04) ? 'deregistered' : 'active',
    employeeCount: kind === 'company' ? r.int(3, 200) : r.int(1, 5),
    updatedAt: updatedAt(r),
  };
}

function property(seed: number, index: number, persons: readonly Person[], taken: Set<string>): Property {
  const r = rngFor(seed, 'property', index);
  const owner = r.pick(persons);
  const place = PLACES.find((p) => p.divisionCode === owner.divisionCode) ?? r.pick(PLACES);
  let unitCode = '';
  let building = 0;
  let unit = 0;
  while (!unitCode || taken.has(unitCode)) {
    building = r.int(1, 40);
    unit = r.int(1, 30) * 100 + r.int(1, 6);
    unitCode = `${place.divisionCode}${pad(r.int(1, 12), 3)}${pad(r.int(1, 9), 3)}GB${pad(r.int(1, 9999), 5)}F${pad(building, 4)}${pad(unit, 4)}`;
  }
  taken.add(unitCode);
  const owners = [owner.idNumber];
  if (r.chance(0.3)) {
    const spouse = r.pick(persons);
    if (spouse.idNumber !== owner.idNumber) owners.push(spouse.idNumber);
  }
  const areaM2 = r.int(4500, 18000) / 100;
  // Price in whole yuan: area × local price per m² × 80–120 %.
  const lastPriceFen = Math.round((areaM2 * place.pricePerM2 * r.int(80, 120)) / 100) * 100;
  const registeredOn = daysAgo(r, 60, 7000);
  const year = registeredOn.slice(0, 4);
  const mortgaged = r.chance(0.3);
  const mortgageStart = Date.parse(registeredOn);
  return {
    index,
    unitCode,
    certificateNumber: `${place.provinceShort}(${year})${place.county}不动产权第${pad(r.int(1, 9_999_999), 7)}号`,
    address: `${place.province}${place.city}${place.county}${r.pick(place.streets)}${r.int(1, 399)}号${building}幢${unit}室`,
    areaM2,
    use: r.chance(0.9) ? 'residential' : 'commercial',
    ownerIdNumbers: owners,
    registeredOn,
    lastPriceFen,
    ...(mortgaged
      ? {
          mortgage: {
            mortgagee: r.pick(place.banks),
            amountFen: Math.round((lastPriceFen * r.int(30, 70)) / 10000) * 100,
            registeredOn,
            endsOn: isoDay(mortgageStart + r.pick([10, 20, 30]) * 365 * DAY),
          },
        }
      : {}),
    divisionCode: place.divisionCode,
    updatedAt: updatedAt(r),
  };
}

export interface PopulationOptions {
  /** Seed of every generated value; the same seed gives the same population. */
  readonly seed: number;
  /** Number of persons; enterprises are a quarter of that, properties four fifths. */
  readonly persons: number;
}

const cache = new Map<string, Population>();

/** Generates (once per process and options) the seeded population. */
export function generatePopulation({ seed, persons: personCount }: PopulationOptions): Population {
  const key = `${seed}:${personCount}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const ids = new Set<string>();
  const persons = Array.from({ length: personCount }, (_, i) => person(seed, i, ids));
  const usccs = new Set<string>();
  const names = new Set<string>();
  const enterprises = Array.from({ length: Math.ceil(personCount / 4) }, (_, i) =>
    enterprise(seed, i, persons, usccs, names),
  );
  const codes = new Set<string>();
  const properties = Array.from({ length: Math.ceil((personCount * 4) / 5) }, (_, i) =>
    property(seed, i, persons, codes),
  );

  const employerAccounts: EmployerAccount[] = [];
  for (const e of enterprises) {
    const r = rngFor(seed, 'employer', e.index);
    if (e.kind !== 'company' || e.status !== 'active' || !r.chance(0.85)) continue;
    employerAccounts.push({
      employerAccount: `${e.divisionCode.slice(0, 4)}${pad(e.index, 8)}`,
      uscc: e.uscc,
      name: e.name,
      openedOn: e.establishedOn,
      depositRatePercent: r.pick([5, 8, 10, 12]),
      updatedAt: updatedAt(r),
    });
  }

  const fundAccounts: FundAccount[] = [];
  for (const p of persons) {
    const r = rngFor(seed, 'fund-account', p.index);
    if (
      employerAccounts.length === 0 ||
      p.birthDate > '2005-06-30' ||
      p.birthDate < '1961-01-01' ||
      !r.chance(0.7)
    )
      continue;
    const employer = r.pick(employerAccounts);
    fundAccounts.push({
      personalAccount: `${p.divisionCode.slice(0, 4)}${pad(p.index, 8)}`,
      idNumber: p.idNumber,
      name: p.name,
      employerAccount: employer.employerAccount,
      balanceFen: r.int(1_000, 200_000) * 100 + r.int(0, 99),
      monthlyDepositFen: r.int(500, 5_000) * 100,
      status: r.chance(0.05) ? 'sealed' : 'normal',
      openedOn: daysAgo(r, 100, 8000),
      updatedAt: updatedAt(r),
    });
  }

  const fundLoans: FundLoan[] = [];
  for (const prop of properties) {
    const r = rngFor(seed, 'fund-loan', prop.index);
    if (!r.chance(0.15)) continue;
    const principalFen = Math.round((prop.lastPriceFen * r.int(30, 60)) / 10000) * 100;
    const termMonths = r.pick([120, 240, 360]);
    fundLoans.push({
      loanNumber: `GJJDK${prop.divisionCode}${pad(prop.index, 8)}`,
      idNumber: prop.ownerIdNumbers[0]!,
      unitCode: prop.unitCode,
      principalFen,
      remainingFen: Math.round((principalFen * r.int(10, 95)) / 10000) * 100,
      monthlyRepaymentFen: Math.round(principalFen / termMonths / 100) * 100 + 50_000,
      startedOn: prop.registeredOn,
      termMonths,
      updatedAt: updatedAt(r),
    });
  }

  const taxpayers: Taxpayer[] = [];
  for (const e of enterprises) {
    const r = rngFor(seed, 'taxpayer', e.index);
    if (!r.chance(0.9)) continue; // recently established, not yet registered for tax
    const place = PLACES.find((p) => p.divisionCode === e.divisionCode)!;
    taxpayers.push({
      taxpayerId: e.uscc,
      name: e.name,
      kind: 'enterprise',
      status: r.chance(0.05) ? 'abnormal' : 'normal',
      taxpayerType: e.kind === 'company' && r.chance(0.3) ? 'general' : 'small-scale',
      authority: taxAuthority(place),
      registeredOn: e.establishedOn,
      arrearsFen: r.chance(0.06) ? r.int(100, 50_000) * 100 : 0,
      updatedAt: updatedAt(r),
    });
  }
  for (const p of persons) {
    const r = rngFor(seed, 'taxpayer-person', p.index);
    const place = PLACES.find((pl) => pl.divisionCode === p.divisionCode)!;
    taxpayers.push({
      taxpayerId: p.idNumber,
      name: p.name,
      kind: 'natural-person',
      status: 'normal',
      authority: taxAuthority(place),
      registeredOn: daysAgo(r, 200, 3000),
      arrearsFen: r.chance(0.02) ? r.int(10, 5_000) * 100 : 0,
      updatedAt: updatedAt(r),
    });
  }

  const deedTaxRecords: DeedTaxRecord[] = properties.map((prop) => {
    const r = rngFor(seed, 'deed-tax', prop.index);
    const rateBp = prop.use === 'commercial' ? 300 : r.pick([100, 150, 300]);
    return {
      recordNumber: `QS${prop.divisionCode}${prop.registeredOn.slice(0, 4)}${pad(prop.index, 8)}`,
      unitCode: prop.unitCode,
      payerIdNumber: prop.ownerIdNumbers[0]!,
      taxableAmountFen: prop.lastPriceFen,
      rateBp,
      amountFen: Math.round((prop.lastPriceFen * rateBp) / 10_000),
      paidOn: isoDay(Date.parse(prop.registeredOn) - r.int(1, 20) * DAY),
      updatedAt: updatedAt(r),
    };
  });

  const population = {
    seed,
    persons,
    enterprises,
    properties,
    employerAccounts,
    fundAccounts,
    fundLoans,
    taxpayers,
    deedTaxRecords,
  };
  cache.set(key, population);
  return population;
}
