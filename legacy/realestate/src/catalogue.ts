import type { PublishedField, PublishedItem } from '@onething/legacy-kit';

/**
 * The registry's wire name of a semantic key or material id: PascalCase of its parts
 * (`property.unitCode` → `PropertyUnitCode`, `property-certificate` → `PropertyCertificate`).
 */
export function wireCodeOf(key: string): string {
  return key
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** An enumeration value as the catalogue writes it: `administrative-confirmation` → `ADMINISTRATIVE_CONFIRMATION`. */
export function wireEnum(value: string): string {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toUpperCase();
}

/** A published field with the registry's wire code. */
export interface CatalogueField extends PublishedField {
  readonly code: string;
}

/** An item with its fields indexed by wire code, as submissions and corrections are checked against. */
export interface CatalogueItem {
  readonly item: PublishedItem;
  readonly fields: readonly CatalogueField[];
  readonly byCode: ReadonlyMap<string, CatalogueField>;
}

/** The registry's items (事项), looked up by code. */
export class Catalogue {
  private readonly byItemCode = new Map<string, CatalogueItem>();

  constructor(readonly items: readonly PublishedItem[]) {
    for (const item of items) {
      const fields = item.fields.map((f) => ({ ...f, code: wireCodeOf(f.key) }));
      this.byItemCode.set(item.code, { item, fields, byCode: new Map(fields.map((f) => [f.code, f])) });
    }
  }

  get(itemCode: string): CatalogueItem | undefined {
    return this.byItemCode.get(itemCode);
  }
}
