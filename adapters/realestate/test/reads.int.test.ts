import { isAdapterError } from '@onething/adapter-core';
import type { StandIn, StandInAdmin } from '@onething/legacy-kit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RealestateAdapter } from '../src';
import { adapterFor, errorOf, nonOwners, population, startRegistry, UNREGISTERED_UNIT } from './fixtures';

const buyers = [...nonOwners];
const takeBuyer = () => buyers.shift()!;

describe('the real-estate adapter’s reads', () => {
  let s: StandIn;
  let admin: StandInAdmin;
  let adapter: RealestateAdapter;
  const calls = async (op: string) => (await admin.counts()).byOp[op] ?? 0;

  beforeAll(async () => ({ standIn: s, admin } = await startRegistry()));
  afterAll(() => s.close());
  beforeEach(async () => {
    await admin.reset();
    adapter = adapterFor(s.url, { timeoutMs: 2_000, retry: { retries: 0 } });
  });
  afterEach(() => adapter.close());

  describe('reads, in domain units', () => {
    it('reads a jointly owned, mortgaged unit: fen, ISO dates, domain enums', async () => {
      const seeded = population.properties.find((p) => p.mortgage && p.ownerIdNumbers.length === 2)!;
      const property = await adapter.loaders().property.load(seeded.unitCode);
      expect(property).toEqual({
        unitCode: seeded.unitCode,
        certificateNumber: seeded.certificateNumber,
        address: seeded.address,
        areaM2: seeded.areaM2,
        use: seeded.use === 'residential' ? 'RESIDENTIAL' : 'COMMERCIAL',
        ownerIdNumbers: seeded.ownerIdNumbers,
        registeredOn: seeded.registeredOn,
        mortgages: [
          {
            mortgagee: seeded.mortgage!.mortgagee,
            amountFen: seeded.mortgage!.amountFen,
            registeredOn: seeded.mortgage!.registeredOn,
            endsOn: seeded.mortgage!.endsOn,
          },
        ],
        seized: false,
        updatedAt: seeded.updatedAt,
      });
      expect(Number.isInteger(property!.mortgages[0]!.amountFen)).toBe(true);
    });

    it('reads a commercial unit as COMMERCIAL', async () => {
      const shop = population.properties.find((p) => p.use === 'commercial')!;
      expect((await adapter.loaders().property.load(shop.unitCode))?.use).toBe('COMMERCIAL');
    });

    it('reads 45 units in three QueryUnits calls and leaves out units the registry does not hold', async () => {
      const codes = population.properties.slice(0, 45).map((p) => p.unitCode);
      const found = await adapter.properties([...codes, UNREGISTERED_UNIT]);
      expect([...found.keys()].sort()).toEqual([...codes].sort());
      expect(await calls('QueryUnits')).toBe(3);
    });

    it('fails a malformed code alone: the rest of its batch is read in one call', async () => {
      const [a, b] = population.properties.map((p) => p.unitCode);
      const loader = adapter.loaders().property;
      const [ok1, bad, ok2] = await Promise.allSettled([
        loader.load(a!),
        loader.load('33050200'),
        loader.load(b!),
      ]);
      expect([ok1.status, ok2.status]).toEqual(['fulfilled', 'fulfilled']);
      expect(bad.status === 'rejected' && isAdapterError(bad.reason, 'INVALID_INPUT')).toBe(true);
      expect(await calls('QueryUnits')).toBe(1);
    });

    it('reads the units of an owner, one QueryUnitsByOwner per person, each person once a request', async () => {
      const joint = population.properties.find((p) => p.ownerIdNumbers.length === 2)!;
      const [first, second] = joint.ownerIdNumbers as [string, string];
      const loader = adapter.loaders().unitsOwnedBy;
      const [a, again, b] = await Promise.all([loader.load(first), loader.load(first), loader.load(second)]);
      expect(a).toContain(joint.unitCode);
      expect(again).toEqual(a);
      expect(b).toContain(joint.unitCode);
      expect(await calls('QueryUnitsByOwner')).toBe(2);
      expect(await adapter.unitsOwnedBy(takeBuyer().idNumber)).toEqual([]);
    });

    it('refuses a malformed ID number with INVALID_INPUT, without calling the registry', async () => {
      const err = await errorOf(adapter.unitsOwnedBy('110105194912310021'));
      expect(err.code).toBe('INVALID_INPUT');
      expect(err.details.problems?.[0]?.rule).toBe('GB11643.checkCharacter');
      expect((await admin.counts()).http).toBe(0);
    });

    it('names itself in the Caller header', async () => {
      await adapter.properties([population.properties[0]!.unitCode]);
      expect((await admin.requestLog()).map((e) => e.caller)).toEqual(['adapter-test']);
    });
  });

  describe('the catalogue, in domain terms', () => {
    it('lists the items with money in fen and enumerations as the domain spells them', async () => {
      const items = await adapter.listItems();
      const transfer = items.find((i) => i.code === 'RE-TRANSFER')!;
      expect(transfer).toMatchObject({
        department: 'realestate',
        type: 'administrative-confirmation',
        legalLimitDays: 30,
        promisedLimitDays: 1,
        feeFen: 0,
        result: { kind: 'certificate', materials: ['property-certificate'], values: [] },
      });
      expect(transfer.fields.find((f) => f.key === 'transaction.price')).toMatchObject({
        type: 'money',
        min: 100,
      });
      expect(transfer.fields.find((f) => f.key === 'property.area')).toMatchObject({
        type: 'decimal',
        min: 1,
        max: 100_000,
      });
      expect(transfer.fields.find((f) => f.key === 'applicant.idNumber')).toMatchObject({
        type: 'idNumber',
        required: true,
        editable: false,
      });
      expect(transfer.materials.find((m) => m.id === 'deed-tax-receipt')).toMatchObject({ heldBy: ['tax'] });
      const mortgage = items.find((i) => i.code === 'RE-MORTGAGE')!;
      expect(mortgage.fields.find((f) => f.key === 'mortgage.amount')).toMatchObject({ min: 10_000 });
    });
  });
});
