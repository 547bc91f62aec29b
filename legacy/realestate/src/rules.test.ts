import { CaseStore, generatePopulation, loadItems, SimClock } from '@onething/legacy-kit';
import { describe, expect, it } from 'vitest';
import { registryRules } from './rules';
import { RegistryRecords } from './state';

const HOUR = 3_600_000;
const items = loadItems('realestate', new URL('../data/items.json', import.meta.url));
const population = generatePopulation({ seed: 20261122, persons: 2000 });
const owning = new Set(population.properties.flatMap((p) => p.ownerIdNumbers));
const [buyer, secondBuyer] = population.persons.filter((p) => !owning.has(p.idNumber));
const unit = population.properties.find((p) => p.ownerIdNumbers.length === 1 && !p.mortgage)!;

function registry() {
  const clock = new SimClock(Date.parse('2026-07-01T02:00:00Z'), 0);
  const records = new RegistryRecords(population);
  const cases = new CaseStore(clock, registryRules({ items, records, clock }));
  const status = (caseNumber: string) => cases.view(cases.get(caseNumber)!).status;
  return { clock, records, cases, status };
}

const transfer = (ref: string, to = buyer!) => ({
  itemCode: 'RE-TRANSFER',
  requestRef: ref,
  applicantId: to.idNumber,
  fields: {
    'seller.idNumber': unit.ownerIdNumbers[0],
    'property.unitCode': unit.unitCode,
    'property.certificateNumber': unit.certificateNumber,
  },
  materials: [],
});
const mortgage = (ref: string) => ({
  itemCode: 'RE-MORTGAGE',
  requestRef: ref,
  applicantId: buyer!.idNumber,
  fields: {
    'property.unitCode': unit.unitCode,
    'mortgage.mortgagee': '湖州银行',
    'mortgage.amount': 50_000_000,
    'mortgage.termMonths': 240,
  },
  materials: [],
});

describe('the registry rules', () => {
  it('approves a mortgage whose applicant came to own the unit between submission and decision', () => {
    const { clock, records, cases, status } = registry();
    const t = cases.submit(transfer('transfer-1'));
    clock.advance(HOUR);
    const m = cases.submit(mortgage('mortgage-1')); // the buyer does not own the unit yet
    clock.advance(3 * HOUR);
    expect(status(t.caseNumber)).toBe('approved');
    clock.advance(HOUR);
    const decided = cases.view(cases.get(m.caseNumber)!);
    expect(decided.status).toBe('approved');
    expect(decided.decision?.result?.['registration-certificate']).toMatch(/不动产证明第\d{7}号$/);
    expect(records.unit(unit.unitCode)!.mortgages.at(-1)).toMatchObject({
      mortgagee: '湖州银行',
      amountFen: 50_000_000,
      endsOn: '2046-07-01',
    });
  });

  it('refuses the second of two transfers of one unit: its seller no longer owns it when it is decided', () => {
    const { clock, records, cases, status } = registry();
    const first = cases.submit(transfer('transfer-a'));
    clock.advance(HOUR);
    const second = cases.submit(transfer('transfer-b', secondBuyer));
    clock.advance(3 * HOUR);
    clock.advance(HOUR);
    expect(status(first.caseNumber)).toBe('approved');
    expect(cases.view(cases.get(second.caseNumber)!)).toMatchObject({
      status: 'rejected',
      decision: { reason: '出卖人不是登记的权利人' },
    });
    expect(records.unit(unit.unitCode)!.ownerIdNumbers).toEqual([buyer!.idNumber]);
  });

  it('issues a new certificate on a transfer and keeps the unit’s mortgages', () => {
    const mortgaged = population.properties.find((p) => p.mortgage && p.ownerIdNumbers.length === 1)!;
    const { clock, records, cases } = registry();
    const t = cases.submit({
      ...transfer('transfer-m'),
      fields: {
        'seller.idNumber': mortgaged.ownerIdNumbers[0],
        'property.unitCode': mortgaged.unitCode,
        'property.certificateNumber': mortgaged.certificateNumber,
      },
    });
    clock.advance(5 * HOUR);
    const issued = cases.view(cases.get(t.caseNumber)!).decision?.result?.['property-certificate'];
    expect(issued).toMatch(/^.\(2026\).+不动产权第\d{7}号$/);
    expect(records.unit(mortgaged.unitCode)).toMatchObject({
      certificateNumber: issued,
      ownerIdNumbers: [buyer!.idNumber],
      registeredOn: '2026-07-01',
      mortgages: [mortgaged.mortgage],
    });
    expect(records.unitsOwnedBy(mortgaged.ownerIdNumbers[0]!)).not.toContain(mortgaged.unitCode);
  });

  it('never second-guesses a decision forced through the admin port', () => {
    const { records, cases, status } = registry();
    const m = cases.submit(mortgage('mortgage-forced'));
    cases.force(m.caseNumber, { outcome: 'approved', result: { 'registration-certificate': 'X-1' } });
    expect(status(m.caseNumber)).toBe('approved');
    expect(records.unit(unit.unitCode)!.mortgages).toHaveLength(1);
  });

  it('issues the certificate of an approval forced without one, and registers it', () => {
    const { cases, records } = registry();
    const t = cases.submit(transfer('transfer-forced', secondBuyer));
    cases.force(t.caseNumber, { outcome: 'approved' });
    const issued = cases.view(cases.get(t.caseNumber)!).decision?.result?.['property-certificate'];
    expect(issued).toMatch(/不动产权第\d{7}号$/);
    expect(records.unit(unit.unitCode)).toMatchObject({
      certificateNumber: issued,
      ownerIdNumbers: [secondBuyer!.idNumber],
    });
  });

  it('numbers cases BDC, the year, and an eight-digit sequence', () => {
    const { cases } = registry();
    expect(cases.submit(mortgage('numbered')).caseNumber).toBe('BDC202600000001');
  });
});
