import type { Population } from '@onething/legacy-kit';

/** An enterprise as the market registry holds it; approvals change these records. */
export interface RegisteredEnterprise {
  readonly uscc: string;
  name: string;
  readonly kind: 'company' | 'individual';
  readonly legalRepIdNumber: string;
  readonly legalRepName: string;
  readonly registeredCapitalFen: number;
  readonly establishedOn: string;
  address: string;
  readonly businessScope: string;
  status: 'active' | 'deregistered';
  /** Last change, epoch ms. */
  updatedAt: number;
}

/**
 * Names are compared as registration compares them: full-width and half-width forms alike (NFKC),
 * surrounding spaces dropped, Latin letters without case.
 */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

/**
 * The market registry (市场主体登记簿): its own copy of the population's enterprises, indexed by USCC, by
 * name and by legal representative, plus the names held by applications still in progress.
 */
export class EnterpriseRegistry {
  private readonly byUscc = new Map<string, RegisteredEnterprise>();
  private readonly byName = new Map<string, string>();
  private readonly byLegalRep = new Map<string, Set<string>>();
  /** Names held by establishment applications not yet decided, so two cannot take the same name. */
  private readonly reserved = new Map<string, string>();

  constructor(population: Population) {
    const names = new Map(population.persons.map((p) => [p.idNumber, p.name]));
    for (const e of population.enterprises) {
      this.register({
        uscc: e.uscc,
        name: e.name,
        kind: e.kind,
        legalRepIdNumber: e.legalRepIdNumber,
        legalRepName: names.get(e.legalRepIdNumber) ?? '',
        registeredCapitalFen: e.registeredCapitalFen,
        establishedOn: e.establishedOn,
        address: e.address,
        businessScope: e.businessScope,
        status: e.status,
        updatedAt: Date.parse(e.updatedAt),
      });
    }
  }

  get(uscc: string): RegisteredEnterprise | undefined {
    return this.byUscc.get(uscc);
  }

  has(uscc: string): boolean {
    return this.byUscc.has(uscc);
  }

  /** The enterprises a person represents, oldest first (a stable order for paging). */
  representedBy(idNumber: string): RegisteredEnterprise[] {
    return [...(this.byLegalRep.get(idNumber) ?? [])]
      .map((u) => this.byUscc.get(u)!)
      .sort((a, b) => a.establishedOn.localeCompare(b.establishedOn) || a.uscc.localeCompare(b.uscc));
  }

  /** Whether a name is registered (whatever the enterprise's status) or held by an application. */
  nameTaken(name: string): boolean {
    const n = normaliseName(name);
    return this.byName.has(n) || this.reserved.has(n);
  }

  /** Holds a name for an application (its reference) until it is decided. */
  reserveName(name: string, ref: string): void {
    this.reserved.set(normaliseName(name), ref);
  }

  /** Lets a name go when the application holding it was not approved. */
  releaseName(name: string, ref: string): void {
    const n = normaliseName(name);
    if (this.reserved.get(n) === ref) this.reserved.delete(n);
  }

  register(enterprise: RegisteredEnterprise): void {
    this.byUscc.set(enterprise.uscc, enterprise);
    const n = normaliseName(enterprise.name);
    this.byName.set(n, enterprise.uscc);
    this.reserved.delete(n);
    const list = this.byLegalRep.get(enterprise.legalRepIdNumber) ?? new Set();
    list.add(enterprise.uscc);
    this.byLegalRep.set(enterprise.legalRepIdNumber, list);
  }

  rename(uscc: string, name: string): void {
    const e = this.byUscc.get(uscc);
    if (!e) return;
    this.byName.delete(normaliseName(e.name));
    e.name = name;
    const n = normaliseName(name);
    this.byName.set(n, uscc);
    this.reserved.delete(n);
  }
}
