import type { Property, RealestateLoaders } from '@onething/adapter-realestate';
import type { SubgraphContext } from '@onething/subgraph-kit';

type Ctx = SubgraphContext<RealestateLoaders>;

const load = async ({ unitCode }: { unitCode: string }, ctx: Ctx): Promise<Property | null> => {
  const p = await ctx.loaders.property.load(unitCode);
  if (p) ctx.access.property(p.ownerIdNumbers);
  return p;
};

/** A field of the register's record of a unit (one batched read per unit per request, owners checked). */
const field =
  <T>(pick: (p: Property) => T) =>
  async (parent: { unitCode: string }, _: unknown, ctx: Ctx) => {
    const p = await load(parent, ctx);
    return p ? pick(p) : null;
  };

/** What the registry adds to units and people, and its list of units. */
export const realestateResolvers = {
  Property: {
    // Owners are who may read the unit: other departments ask for them (@requires) to decide that.
    owners: async ({ unitCode }: { unitCode: string }, _: unknown, ctx: Ctx) => {
      const p = await ctx.loaders.property.load(unitCode);
      if (!p) return [];
      ctx.access.propertyOwners(p.ownerIdNumbers);
      return p.ownerIdNumbers.map((idNumber) => ({ idNumber }));
    },
    certificateNumber: field((p) => p.certificateNumber),
    address: field((p) => p.address),
    area: field((p) => p.areaM2.toFixed(2)),
    use: field((p) => p.use),
    registeredOn: field((p) => p.registeredOn),
    mortgages: field((p) => p.mortgages.map((m) => ({ ...m, amount: m.amountFen }))),
    seized: field((p) => p.seized),
    updatedAt: field((p) => p.updatedAt),
  },
  Person: {
    properties: async ({ idNumber }: { idNumber: string }, _: unknown, ctx: Ctx) => {
      ctx.access.person(idNumber);
      const codes = (await ctx.loaders.unitsOwnedBy.load(idNumber)) ?? [];
      return codes.map((unitCode) => ({ unitCode }));
    },
  },
  Query: {
    properties: async (_: unknown, { unitCodes }: { unitCodes: string[] }, ctx: Ctx) => {
      const found = await ctx.loaders.property.loadMany(unitCodes);
      const me = ctx.access.applicant?.idNumber;
      return found
        .filter((p): p is Property => !!p && !(p instanceof Error))
        .filter((p) => ctx.access.isDepartmentStaff || (me !== undefined && p.ownerIdNumbers.includes(me)))
        .map((p) => ({ unitCode: p.unitCode }));
    },
  },
};
