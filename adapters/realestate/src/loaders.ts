import {
  type AdapterError,
  batchLoader,
  requireIdentifiers,
  type Semaphore,
  singleKeyLoader,
} from '@onething/adapter-core';
import type DataLoader from 'dataloader';
import type { Property } from './records';

/** Unit codes one QueryUnits takes at most. */
export const UNITS_PER_QUERY = 20;

/** Per-request loaders of the registry's reads. */
export interface RealestateLoaders {
  /** Units by unit code, batched ≤ 20 codes per QueryUnits. */
  readonly property: DataLoader<string, Property | null>;
  /** Unit codes a person owns, by ID number; one QueryUnitsByOwner per person. */
  readonly unitsOwnedBy: DataLoader<string, string[] | null>;
}

/**
 * A fresh set of loaders for one request: units batched by the registry's limit, owner look-ups one
 * at a time per person behind the adapter's semaphore (shared by every request of the process).
 */
export function registryLoaders(reads: {
  readonly properties: (unitCodes: readonly string[]) => Promise<Map<string, Property>>;
  readonly unitsOwnedBy: (idNumber: string) => Promise<string[]>;
  readonly ownerLookups: Semaphore;
}): RealestateLoaders {
  return {
    property: batchLoader<Property>({
      maxBatchSize: UNITS_PER_QUERY,
      async load(keys) {
        // A malformed code fails alone (DataLoader rejects a key whose value is an Error); the rest of
        // the batch is still read.
        const out = new Map<string, Property | AdapterError>();
        const valid: [string, string][] = [];
        for (const key of keys) {
          try {
            valid.push([key, requireIdentifiers('realestate', 'QueryUnits', 'unitCode', [key])[0]!]);
          } catch (e) {
            out.set(key, e as AdapterError);
          }
        }
        const found = valid.length > 0 ? await reads.properties(valid.map(([, code]) => code)) : new Map();
        for (const [key, code] of valid) if (found.has(code)) out.set(key, found.get(code)!);
        return out;
      },
    }),
    unitsOwnedBy: singleKeyLoader<string[]>({ semaphore: reads.ownerLookups, load: reads.unitsOwnedBy }),
  };
}
