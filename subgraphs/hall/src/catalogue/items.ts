import { DEPARTMENTS, type DepartmentEnum, departmentNamed } from '@onething/schema';
import type { SupergraphClient } from '../platform/supergraph-client';

/** An item as the one schema describes it (the hall never sees a department's wire). */
export interface HallItem {
  readonly code: string;
  readonly department: DepartmentEnum;
  readonly name: { zh: string; en: string };
  readonly legalLimitDays: number;
  readonly promisedLimitDays: number;
  readonly visits: number;
  readonly fields: readonly HallField[];
  readonly materials: readonly HallMaterial[];
  readonly result: { readonly materials: readonly string[]; readonly values: readonly string[] };
}

export interface HallField {
  readonly key: string;
  readonly label: { zh: string; en: string };
  readonly type: string;
  readonly required: boolean;
  readonly editable: boolean;
  readonly hint: { zh: string; en: string } | null;
  readonly minLength: number | null;
  readonly maxLength: number | null;
  readonly pattern: string | null;
  readonly min: string | null;
  readonly max: string | null;
  readonly options: readonly { value: string; label: { zh: string; en: string } }[];
}

export interface HallMaterial {
  readonly id: string;
  readonly name: { zh: string; en: string };
  readonly required: boolean;
  readonly original: boolean;
  readonly copies: number;
  readonly heldBy: readonly string[];
  readonly formats: readonly string[];
}

/** The catalogue's query of every department's items through the supergraph (exported for the limits' test). */
export const ITEMS_QUERY = `query HallCatalogue {
  ${DEPARTMENTS.map((d) => `${d.fieldPrefix}Items { ...Spec }`).join(' ')}
}
fragment Spec on Item {
  code department name { zh en } legalLimitDays promisedLimitDays visits
  fields { key label { zh en } type required editable hint { zh en } minLength maxLength pattern min max options { value label { zh en } } }
  materials { id name { zh en } required original copies heldBy formats }
  result { materials values }
}`;

/**
 * Every department's items, read through the supergraph and kept: items change with regulations, not
 * requests. A department that cannot be read is named in the error; nothing half-loaded is served.
 */
export class ItemCatalogue {
  private items = new Map<string, HallItem>();

  constructor(private readonly client: SupergraphClient) {}

  async load(): Promise<ReadonlyMap<string, HallItem>> {
    const answer = await this.client.query<Record<string, HallItem[]>>(ITEMS_QUERY);
    if (answer.errors?.length || !answer.data) {
      const why = answer.errors
        ?.map((e) => `${e.extensions?.department ?? e.extensions?.subgraph ?? ''} ${e.message}`)
        .join('; ');
      throw new Error(`the item catalogue could not be read through the supergraph: ${why ?? 'no data'}`);
    }
    this.items = new Map(
      Object.values(answer.data)
        .flat()
        .map((i) => [i.code, i]),
    );
    return this.items;
  }

  get(code: string): HallItem | undefined {
    return this.items.get(code);
  }

  all(): readonly HallItem[] {
    return [...this.items.values()];
  }
}

/** A reference to a department's item, as the supergraph resolves it (`TaxItem`…), from either casing. */
export function itemReference(department: string, code: string): { __typename: string; code: string } {
  const d = departmentNamed(department);
  if (!d) throw new Error(`no department ${department} in the registry`);
  return { __typename: d.itemType, code };
}
