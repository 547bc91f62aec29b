import type { SupergraphClient } from '../platform/supergraph-client';

/** A unit as the registry holds it, read by the hall acting for one of its owners. */
export interface RegisteredUnit {
  readonly unitCode: string;
  readonly owners: readonly string[];
  readonly certificateNumber: string | null;
  readonly address: string | null;
  readonly area: string | null;
  readonly use: string | null;
  readonly seized: boolean | null;
  readonly updatedAt: string | null;
}

/** What a read of a unit came to: the unit, no such unit, or the registry could not be asked. */
export type UnitRead =
  | { readonly kind: 'unit'; readonly unit: RegisteredUnit }
  | { readonly kind: 'none' }
  | { readonly kind: 'refused' }
  | { readonly kind: 'unavailable'; readonly reason: string };

const QUERY = `query SaleUnit($u: UnitCode!) {
  property(unitCode: $u) { unitCode owners { idNumber } certificateNumber address area use seized updatedAt }
}`;

/**
 * Reads a unit through the supergraph as the hall acting for `ownerIdNumber`: the registry answers only
 * if that person owns it (the kit's Access), so the hall learns about a unit only what its owner may.
 */
export async function readUnitAsOwner(
  client: SupergraphClient,
  unitCode: string,
  ownerIdNumber: string,
): Promise<UnitRead> {
  const answer = await client.query<{
    property: {
      unitCode: string;
      owners: { idNumber: string }[];
      certificateNumber: string | null;
      address: string | null;
      area: string | null;
      use: string | null;
      seized: boolean | null;
      updatedAt: string | null;
    } | null;
  }>(QUERY, { u: unitCode }, { idNumber: ownerIdNumber, enterprises: [] });
  if (answer.errors?.some((e) => e.extensions?.code === 'FORBIDDEN')) return { kind: 'refused' };
  const failure = answer.errors?.[0];
  if (failure || !answer.data) return { kind: 'unavailable', reason: failure?.message ?? 'no answer' };
  const p = answer.data.property;
  if (!p || p.owners.length === 0) return { kind: 'none' };
  if (!p.owners.some((o) => o.idNumber === ownerIdNumber)) return { kind: 'refused' };
  return { kind: 'unit', unit: { ...p, owners: p.owners.map((o) => o.idNumber) } };
}
