import { validateResidentId, validateUnitCode, validateUscc } from '@onething/schema';
import { describe, expect, it } from 'vitest';
import { generatePopulation } from './population';

describe('seeded population', () => {
  const pop = generatePopulation({ seed: 42, persons: 2000 });

  it('gives every person a valid, unique resident ID number', () => {
    const ids = new Set(pop.persons.map((p) => p.idNumber));
    expect(ids.size).toBe(2000);
    for (const p of pop.persons) {
      const v = validateResidentId(p.idNumber, new Date('2026-06-30'));
      expect(v.ok, `${p.idNumber} ${JSON.stringify(v)}`).toBe(true);
      if (v.ok) expect(v.details).toMatchObject({ birthDate: p.birthDate, sex: p.sex });
    }
  });

  it('gives every enterprise a valid unique USCC and a seeded adult as legal representative', () => {
    const persons = new Map(pop.persons.map((p) => [p.idNumber, p]));
    expect(new Set(pop.enterprises.map((e) => e.uscc)).size).toBe(pop.enterprises.length);
    for (const e of pop.enterprises) {
      expect(validateUscc(e.uscc).ok).toBe(true);
      expect(e.uscc.slice(0, 2)).toBe(e.kind === 'company' ? '91' : '92');
      expect(persons.get(e.legalRepIdNumber)).toBeDefined();
    }
  });

  it('gives every property a valid unique unit code owned by seeded persons', () => {
    const persons = new Set(pop.persons.map((p) => p.idNumber));
    expect(new Set(pop.properties.map((p) => p.unitCode)).size).toBe(pop.properties.length);
    for (const prop of pop.properties) {
      expect(validateUnitCode(prop.unitCode).ok).toBe(true);
      for (const owner of prop.ownerIdNumbers) expect(persons.has(owner)).toBe(true);
    }
  });

  it('ties fund accounts to persons and employer accounts to enterprises', () => {
    const employers = new Set(pop.employerAccounts.map((a) => a.employerAccount));
    expect(pop.fundAccounts.length).toBeGreaterThan(500);
    for (const a of pop.fundAccounts) expect(employers.has(a.employerAccount)).toBe(true);
    expect(pop.deedTaxRecords).toHaveLength(pop.properties.length);
  });

  it('is the same for the same seed, also when the population is larger', () => {
    const small = generatePopulation({ seed: 42, persons: 100 });
    expect(small.persons.slice(0, 100).map((p) => p.idNumber)).toEqual(
      pop.persons.slice(0, 100).map((p) => p.idNumber),
    );
    expect(generatePopulation({ seed: 43, persons: 100 }).persons[0]!.idNumber).not.toBe(
      small.persons[0]!.idNumber,
    );
  });
});
