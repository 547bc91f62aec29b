import type { Population, PublishedItem } from '@onething/legacy-kit';
import { IdempotencyStore } from './idempotency';
import { Issuance } from './issuance';
import { EnterpriseRegistry } from './registry';

/**
 * Everything the market system keeps besides its cases: the item catalogue, the enterprise registry,
 * what it has issued per application, and the idempotency keys of accepted writes.
 */
export class MarketState {
  readonly itemsByCode: ReadonlyMap<string, PublishedItem>;
  readonly registry: EnterpriseRegistry;
  readonly issuance: Issuance;
  readonly idempotency = new IdempotencyStore();
  /** USCCs and document numbers decided for each application (by its idempotency key), kept stable. */
  private readonly issued = new Map<string, Readonly<Record<string, string>>>();
  private readonly issuedUsccs = new Set<string>();

  constructor(
    readonly items: readonly PublishedItem[],
    population: Population,
  ) {
    this.itemsByCode = new Map(items.map((i) => [i.code, i]));
    this.registry = new EnterpriseRegistry(population);
    this.issuance = new Issuance(
      population.seed,
      (uscc) => this.registry.has(uscc) || this.issuedUsccs.has(uscc),
    );
  }

  /**
   * What an application is issued, decided once: the rules decide again after a correction, and the
   * USCC promised to an applicant must not change between the two decisions.
   */
  issueOnce(ref: string, make: () => Record<string, string>): Readonly<Record<string, string>> {
    const known = this.issued.get(ref);
    if (known) return known;
    const made = make();
    this.issued.set(ref, made);
    if (made['enterprise.uscc']) this.issuedUsccs.add(made['enterprise.uscc']);
    return made;
  }

  /** What was issued to an application, if anything. */
  issuedTo(ref: string): Readonly<Record<string, string>> | undefined {
    return this.issued.get(ref);
  }
}
