import { describeAdapterContract } from '@onething/adapter-core/contract';
import { expect } from 'vitest';
import type { RealestateAdapter } from '../src';
import type { Property } from '../src/records';
import {
  adapterFor,
  nonOwners,
  population,
  soleOwnerUnits,
  startRegistry,
  transferSubmission,
  UNREGISTERED_UNIT,
} from './fixtures';

let next = 0;
const unitFor = () => soleOwnerUnits[next % soleOwnerUnits.length]!;
const buyerFor = () => nonOwners[next++ % nonOwners.length]!;

describeAdapterContract<RealestateAdapter, Property>({
  department: 'realestate',
  async start() {
    const { standIn, admin } = await startRegistry();
    return { url: standIn.url, control: admin, stop: () => standIn.close() };
  },
  adapter: (url, settings, hooks) => adapterFor(url, settings, hooks),
  reads: {
    op: 'QueryUnits',
    batchLimit: 20,
    keys: (n) => population.properties.slice(0, n).map((p) => p.unitCode),
    missingKey: UNREGISTERED_UNIT,
    invalidKey: '330502001002GB00012F0003001X',
    loader: (adapter) => adapter.loaders().property,
    check(key, record) {
      const seeded = population.properties.find((p) => p.unitCode === key)!;
      expect(record).toMatchObject({
        unitCode: key,
        areaM2: seeded.areaM2,
        use: seeded.use === 'residential' ? 'RESIDENTIAL' : 'COMMERCIAL',
        ownerIdNumbers: seeded.ownerIdNumbers,
        registeredOn: seeded.registeredOn,
        mortgages: seeded.mortgage ? [seeded.mortgage] : [],
        updatedAt: seeded.updatedAt,
      });
    },
  },
  submission: {
    op: 'SubmitApplication',
    sample: (key) => transferSubmission(key, unitFor(), buyerFor()),
    rejected: (key) => transferSubmission(key, { ...unitFor(), unitCode: UNREGISTERED_UNIT }, buyerFor()),
  },
});
