import { PLACES, type Population } from '@onething/legacy-kit';

/** A mortgage (抵押权) registered on a unit. */
export interface UnitMortgage {
  readonly mortgagee: string;
  readonly amountFen: number;
  readonly registeredOn: string;
  readonly endsOn: string;
}

/** A registered unit (不动产单元) as the registry's book (登记簿) holds it; changed only by approvals. */
export interface RegisteredUnit {
  readonly unitCode: string;
  certificateNumber: string;
  readonly address: string;
  readonly areaM2: number;
  readonly use: 'residential' | 'commercial';
  ownerIdNumbers: readonly string[];
  /** Day the current ownership was registered (ISO). */
  registeredOn: string;
  readonly mortgages: UnitMortgage[];
  readonly seized: boolean;
  /** Last change, epoch milliseconds. */
  updatedAt: number;
  readonly divisionCode: string;
}

/** Kinds of document the registry issues: the ownership certificate and the registration certificate. */
export type IssuedDocument = 'ownership' | 'proof';

/**
 * The registry's own records: its copy of the population's properties, keyed by unit code, with an
 * owner → units index kept in step, so approvals change what later reads show.
 */
export class RegistryRecords {
  private readonly units = new Map<string, RegisteredUnit>();
  private readonly byOwner = new Map<string, Set<string>>();
  private readonly issued = new Set<string>();
  private issuedSeq = 0;

  constructor(population: Population) {
    for (const p of population.properties) {
      const unit: RegisteredUnit = {
        unitCode: p.unitCode,
        certificateNumber: p.certificateNumber,
        address: p.address,
        areaM2: p.areaM2,
        use: p.use,
        ownerIdNumbers: [...p.ownerIdNumbers],
        registeredOn: p.registeredOn,
        mortgages: p.mortgage ? [{ ...p.mortgage }] : [],
        seized: false,
        updatedAt: Date.parse(p.updatedAt),
        divisionCode: p.divisionCode,
      };
      this.units.set(unit.unitCode, unit);
      this.issued.add(unit.certificateNumber);
      this.index(unit);
    }
  }

  private index(unit: RegisteredUnit): void {
    for (const id of unit.ownerIdNumbers) {
      const set = this.byOwner.get(id) ?? new Set();
      set.add(unit.unitCode);
      this.byOwner.set(id, set);
    }
  }

  unit(unitCode: string): RegisteredUnit | undefined {
    return this.units.get(unitCode);
  }

  /** Unit codes a person owns (alone or jointly), sorted. */
  unitsOwnedBy(idNumber: string): string[] {
    return [...(this.byOwner.get(idNumber) ?? [])].sort();
  }

  /** Whether the person is among the unit's registered owners now. */
  owns(idNumber: string, unitCode: string): boolean {
    return this.byOwner.get(idNumber)?.has(unitCode) ?? false;
  }

  /** Registers a transfer (转移登记): new owners and a new certificate; mortgages stay. */
  transfer(
    unitCode: string,
    change: { owners: readonly string[]; certificateNumber: string; on: string; at: number },
  ): void {
    const unit = this.units.get(unitCode);
    if (!unit) throw new Error(`no unit ${unitCode}`);
    for (const id of unit.ownerIdNumbers) this.byOwner.get(id)?.delete(unitCode);
    unit.ownerIdNumbers = [...change.owners];
    unit.certificateNumber = change.certificateNumber;
    unit.registeredOn = change.on;
    unit.updatedAt = change.at;
    this.issued.add(change.certificateNumber);
    this.index(unit);
  }

  /** Registers a mortgage (抵押权登记) on the unit. */
  addMortgage(unitCode: string, mortgage: UnitMortgage, at: number): void {
    const unit = this.units.get(unitCode);
    if (!unit) throw new Error(`no unit ${unitCode}`);
    unit.mortgages.push(mortgage);
    unit.updatedAt = at;
  }

  /**
   * Issues the number of a new document for a unit, in the form the registry prints:
   * `浙(2026)吴兴区不动产权第0000001号` for an ownership certificate, `…不动产证明第…号` for a
   * registration certificate. Never the number of a document already issued.
   */
  issueNumber(kind: IssuedDocument, unitCode: string, year: string): string {
    const unit = this.units.get(unitCode);
    const place = PLACES.find((p) => p.divisionCode === unit?.divisionCode) ?? PLACES[0]!;
    const word = kind === 'ownership' ? '不动产权' : '不动产证明';
    for (;;) {
      const n = `${place.provinceShort}(${year})${place.county}${word}第${String(++this.issuedSeq).padStart(7, '0')}号`;
      if (!this.issued.has(n)) {
        this.issued.add(n);
        return n;
      }
    }
  }
}
