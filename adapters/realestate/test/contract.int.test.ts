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
const residential = population.properties.find((p) => p.use === 'residential')!;

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
  fees: {
    op: 'AssessFees',
    sample: {
      itemCodes: ['RE-TRANSFER', 'RE-MORTGAGE'],
      values: { 'property.unitCode': residential.unitCode, 'property.certificateCount': 2 },
    },
    check: (a) => {
      expect(a.lines.map((l) => [l.itemCode, l.amountFen])).toEqual([
        ['RE-TRANSFER', 8_000],
        ['RE-TRANSFER', 1_000],
        ['RE-MORTGAGE', 0],
      ]);
      expect(a.lines[0]!.rule.citation).toContain('发改价格规〔2016〕2559号');
    },
    refused: { itemCodes: ['RE-TRANSFER'], values: { 'property.certificateCount': 0 } },
  },
});
