import { type DeedTaxRecord, PLACES, type Population } from '@onething/legacy-kit';

/** A taxpayer as the tax system holds it; unlike the seeded one it can be cancelled (注销). */
export interface TaxpayerRecord {
  readonly taxpayerId: string;
  readonly name: string;
  readonly kind: 'natural-person' | 'enterprise';
  readonly status: 'normal' | 'abnormal' | 'cancelled';
  readonly taxpayerType?: 'general' | 'small-scale';
  readonly authority: string;
  readonly registeredOn: string;
  readonly arrearsFen: number;
  /** ISO timestamp of the last change. */
  readonly updatedAt: string;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The tax system's own records: its slice of the seeded population (taxpayers and deed tax records),
 * copied so approvals can change them, indexed for the batch reads.
 */
export class TaxRecords {
  private readonly taxpayers = new Map<string, TaxpayerRecord>();
  private readonly deedByUnit = new Map<string, DeedTaxRecord[]>();
  private readonly deedByPayer = new Map<string, DeedTaxRecord[]>();
  /** Taxpayer types declared by new-taxpayer registrations not yet decided, by USCC. */
  private readonly declaredTypes = new Map<string, 'general' | 'small-scale'>();
  private deedSeq = 0;

  constructor(population: Population) {
    for (const t of population.taxpayers) this.taxpayers.set(t.taxpayerId, { ...t });
    for (const d of population.deedTaxRecords) this.addDeedTax(d);
  }

  taxpayer(id: string): TaxpayerRecord | undefined {
    return this.taxpayers.get(id);
  }

  /** Creates the taxpayer, or changes the fields given of the one held. */
  putTaxpayer(
    id: string,
    change: Omit<Partial<TaxpayerRecord>, 'taxpayerId'>,
    create?: TaxpayerRecord,
  ): void {
    const held = this.taxpayers.get(id) ?? create;
    if (!held) return;
    this.taxpayers.set(id, { ...held, ...change, taxpayerId: id });
  }

  /** Deed tax records of a unit, oldest first (a unit sold twice has two). */
  deedTaxOfUnit(unitCode: string): readonly DeedTaxRecord[] {
    return this.deedByUnit.get(unitCode) ?? [];
  }

  deedTaxOfPayer(idNumber: string): readonly DeedTaxRecord[] {
    return this.deedByPayer.get(idNumber) ?? [];
  }

  addDeedTax(record: DeedTaxRecord): void {
    push(this.deedByUnit, record.unitCode, record);
    push(this.deedByPayer, record.payerIdNumber, record);
  }

  /** A record number for a deed tax paid now, in the style of the seeded ones (`QS` + division + year). */
  nextDeedTaxNumber(unitCode: string, year: string): string {
    return `QS${unitCode.slice(0, 6)}${year}N${String(++this.deedSeq).padStart(7, '0')}`;
  }

  declareType(uscc: string, type: 'general' | 'small-scale'): void {
    this.declaredTypes.set(uscc, type);
  }

  /**
   * The taxpayer type that applies to a USCC: the registered one, else the one declared by a
   * registration under way (the invoice item of a new business runs in parallel with it).
   */
  typeOf(uscc: string): 'general' | 'small-scale' | undefined {
    return this.taxpayers.get(uscc)?.taxpayerType ?? this.declaredTypes.get(uscc);
  }
}

/** The tax authority in charge of a division (主管税务机关), as the seeded records name them. */
export function authorityOf(divisionCode: string): string {
  const place = PLACES.find((p) => p.divisionCode === divisionCode);
  return place ? `国家税务总局${place.city}${place.county}税务局` : `国家税务总局${divisionCode}税务局`;
}
