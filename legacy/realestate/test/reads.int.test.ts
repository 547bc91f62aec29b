import type { StandIn, StandInAdmin } from '@onething/legacy-kit';
import { childOf, childrenOf, type XmlElement } from '@onething/runtime/xml';
import { fenToYuan } from '@onething/schema';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { population, UNREGISTERED_UNIT } from './fixtures';
import { call, faultOf, many, startRegistry, textAt } from './helpers';

const units = (n: number) => population.properties.slice(0, n).map((p) => p.unitCode);
const unitsOf = (body: XmlElement) => childrenOf(body, 'Unit').map((u) => textAt(u, 'UnitCode'));

describe('the registry’s reads', () => {
  let s: StandIn;
  let admin: StandInAdmin;
  beforeAll(async () => ({ standIn: s, admin } = await startRegistry()));
  afterAll(() => s.close());
  beforeEach(() => admin.reset());

  describe('QueryUnits', () => {
    it('answers a unit in the registry’s units and formats', async () => {
      const p = population.properties.find((x) => x.mortgage && x.ownerIdNumbers.length === 2)!;
      const unit = childOf((await call(s.url, 'QueryUnits', many('UnitCode', [p.unitCode]))).body, 'Unit')!;
      const mortgage = childOf(childOf(unit, 'Mortgages')!, 'Mortgage')!;
      expect({
        certificate: textAt(unit, 'CertificateNumber'),
        address: textAt(unit, 'Address'),
        area: textAt(unit, 'AreaM2'),
        use: textAt(unit, 'Use'),
        owners: childrenOf(childOf(unit, 'Owners')!, 'Owner').map((o) => textAt(o, 'IdNumber')),
        registered: textAt(unit, 'RegisteredDate'),
        seized: textAt(unit, 'Seized'),
        mortgage: ['Mortgagee', 'AmountYuan', 'RegisteredDate', 'EndDate'].map((n) => textAt(mortgage, n)),
      }).toEqual({
        certificate: p.certificateNumber,
        address: p.address,
        area: p.areaM2.toFixed(2),
        use: p.use === 'residential' ? '住宅' : '商业',
        owners: p.ownerIdNumbers,
        registered: p.registeredOn.replaceAll('-', ''),
        seized: 'false',
        mortgage: [
          p.mortgage!.mortgagee,
          fenToYuan(p.mortgage!.amountFen),
          p.mortgage!.registeredOn.replaceAll('-', ''),
          p.mortgage!.endsOn.replaceAll('-', ''),
        ],
      });
      expect(textAt(unit, 'AmountYuan')).toBeUndefined(); // money only inside a mortgage
      expect(textAt(mortgage, 'AmountYuan')).toMatch(/^\d+\.\d{2}$/);
      // Last modified in Beijing time: eight hours ahead of the UTC instant.
      const beijing = new Date(Date.parse(p.updatedAt) + 8 * 3_600_000).toISOString().slice(0, 19);
      expect(textAt(unit, 'LastModified')).toBe(beijing.replace(/[-T:]/g, ''));
    });

    it('leaves out units it does not hold and answers a repeated code once', async () => {
      const [a, b] = units(2);
      const body = (await call(s.url, 'QueryUnits', many('UnitCode', [a!, UNREGISTERED_UNIT, b!, a!]))).body;
      expect(unitsOf(body)).toEqual([a, b]);
    });

    it('takes 20 codes in one call and refuses 21 with BDC-1003', async () => {
      expect(unitsOf((await call(s.url, 'QueryUnits', many('UnitCode', units(20)))).body)).toHaveLength(20);
      const refused = await call(s.url, 'QueryUnits', many('UnitCode', units(21)));
      expect(faultOf(refused)).toMatchObject({ faultcode: 'soap:Client', code: 'BDC-1003' });
    });

    it('refuses malformed codes with one BDC-1002 naming each, and no code at all', async () => {
      const [good] = units(1);
      const f = faultOf(
        await call(s.url, 'QueryUnits', many('UnitCode', [good!, 'ABC', `${good!.slice(0, 27)}X`])),
      );
      expect(f).toMatchObject({ code: 'BDC-1002' });
      expect(f!.problems.map((p) => [p.field, p.rule])).toEqual([
        ['UnitCode[2]', 'GBT37346.length'],
        ['UnitCode[3]', 'GBT37346.fixtureNumber'],
      ]);
      expect(faultOf(await call(s.url, 'QueryUnits', ''))?.problems.map((p) => p.rule)).toEqual(['required']);
    });
  });

  describe('QueryUnitsByOwner', () => {
    it('answers every unit a person owns, jointly owned ones included', async () => {
      const joint = population.properties.find((p) => p.ownerIdNumbers.length === 2)!;
      const spouse = joint.ownerIdNumbers[1]!;
      const expected = population.properties
        .filter((p) => p.ownerIdNumbers.includes(spouse))
        .map((p) => p.unitCode)
        .sort();
      const body = (await call(s.url, 'QueryUnitsByOwner', many('IdNumber', [spouse]))).body;
      expect(childrenOf(body, 'UnitCode').map((c) => c.text)).toEqual(expected);
      expect((await admin.requestLog()).at(-1)?.keys).toEqual([spouse]);
    });

    it('answers no unit for a person who owns none', async () => {
      const owners = new Set(population.properties.flatMap((p) => p.ownerIdNumbers));
      const nobody = population.persons.find((p) => !owners.has(p.idNumber))!;
      const body = (await call(s.url, 'QueryUnitsByOwner', many('IdNumber', [nobody.idNumber]))).body;
      expect(body).toMatchObject({ name: 'QueryUnitsByOwnerResponse', children: [] });
    });

    it('takes exactly one valid ID number', async () => {
      const [a, b] = population.persons;
      expect(
        faultOf(await call(s.url, 'QueryUnitsByOwner', many('IdNumber', [a!.idNumber, b!.idNumber]))),
      ).toMatchObject({
        code: 'BDC-1002',
        problems: [{ field: 'IdNumber', rule: 'count' }],
      });
      expect(
        faultOf(await call(s.url, 'QueryUnitsByOwner', many('IdNumber', ['110105194912310021']))),
      ).toMatchObject({
        code: 'BDC-1002',
        problems: [{ field: 'IdNumber', rule: 'GB11643.checkCharacter' }],
      });
    });
  });

  describe('ListItems', () => {
    it('publishes every element of each item, fields with their wire code and semantic key', async () => {
      const items = childrenOf((await call(s.url, 'ListItems', '')).body, 'Item');
      expect(items.map((i) => textAt(i, 'ItemCode'))).toEqual([
        'RE-TRANSFER',
        'RE-MORTGAGE',
        'RE-RECORD-QUERY',
      ]);
      const transfer = items[0]!;
      expect({
        type: textAt(transfer, 'ItemType'),
        name: textAt(transfer, 'Name', 'Zh'),
        legal: textAt(transfer, 'LegalLimitDays'),
        promised: textAt(transfer, 'PromisedLimitDays'),
        fee: textAt(transfer, 'FeeYuan'),
        visits: textAt(transfer, 'Visits'),
        basis: childrenOf(childOf(transfer, 'LegalBasis')!, 'Basis').length,
        conditions: childrenOf(childOf(transfer, 'AcceptanceConditions')!, 'Condition').length,
      }).toEqual({
        type: 'ADMINISTRATIVE_CONFIRMATION',
        name: '国有建设用地使用权及房屋所有权转移登记',
        legal: '30',
        promised: '1',
        fee: '0.00',
        visits: '1',
        basis: 3,
        conditions: 2,
      });
      const fields = childrenOf(childOf(transfer, 'Fields')!, 'Field');
      const price = fields.find((f) => f.attrs['key'] === 'transaction.price')!;
      expect(price.attrs['code']).toBe('TransactionPrice');
      expect([textAt(price, 'Type'), textAt(price, 'Min'), textAt(price, 'Required')]).toEqual([
        'MONEY',
        '1.00',
        'true',
      ]);
      const marital = fields.find((f) => f.attrs['code'] === 'BuyerMaritalStatus')!;
      expect(childrenOf(childOf(marital, 'Options')!, 'Option').map((o) => textAt(o, 'Value'))).toEqual([
        'single',
        'married',
        'divorced',
        'widowed',
      ]);
      const certificate = childrenOf(childOf(transfer, 'Materials')!, 'Material').find(
        (m) => m.attrs['id'] === 'property-certificate',
      )!;
      expect([textAt(certificate, 'Original'), textAt(certificate, 'HeldBy', 'Department')]).toEqual([
        'true',
        'realestate',
      ]);
      const document = childOf(childOf(childOf(transfer, 'Result')!, 'Documents')!, 'Document')!;
      expect(document.attrs).toEqual({ code: 'PropertyCertificate', materialId: 'property-certificate' });
    });
  });
});
