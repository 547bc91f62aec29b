import { POPULATION_REFERENCE_DATE, type Population } from '@onething/legacy-kit';
import { DEPARTMENT_KEYS } from '@onething/schema';
import { expect } from 'vitest';
import { ageOn } from '../src/personas';
import type { Persona } from '../src/types';

/**
 * Asserts that the applicant personas fit their definitions against the population they were chosen
 * from, by reading the population's records directly (not through the selection code).
 */
export function expectPersonasFit(personas: readonly Persona[], pop: Population): void {
  const byId = new Map(personas.map((p) => [p.id, p]));
  const person = (idNumber: string | undefined) => {
    const found = pop.persons.find((p) => p.idNumber === idNumber);
    expect(found, `${idNumber} is a seeded person`).toBeDefined();
    return found!;
  };
  const taxpayer = (id: string) => pop.taxpayers.find((t) => t.taxpayerId === id);
  const propertiesOf = (idNumber: string) =>
    pop.properties.filter((p) => p.ownerIdNumbers.includes(idNumber));
  // Every applicant's token names every active enterprise the person represents.
  const representedBy = (idNumber: string) =>
    pop.enterprises
      .filter((e) => e.legalRepIdNumber === idNumber && e.status === 'active')
      .map((e) => e.uscc)
      .sort();

  const citizen = byId.get('citizen')!;
  const buyer = person(citizen.idNumber);
  expect(citizen).toMatchObject({
    role: 'applicant',
    name: buyer.name,
    subject: buyer.idNumber,
  });
  expect([...citizen.enterprises].sort()).toEqual(representedBy(buyer.idNumber));
  const age = ageOn(buyer.birthDate, POPULATION_REFERENCE_DATE);
  expect(age).toBeGreaterThanOrEqual(25);
  expect(age).toBeLessThanOrEqual(50);
  const account = pop.fundAccounts.find((a) => a.idNumber === buyer.idNumber);
  expect(account?.status).toBe('normal');
  expect(account!.balanceFen).toBeGreaterThanOrEqual(5_000_000);
  expect(taxpayer(buyer.idNumber)?.arrearsFen).toBe(0);
  expect(propertiesOf(buyer.idNumber)).toEqual([]);

  const seller = byId.get('seller')!;
  const owner = person(seller.idNumber);
  expect(seller).toMatchObject({
    role: 'applicant',
    name: owner.name,
    subject: owner.idNumber,
  });
  expect([...seller.enterprises].sort()).toEqual(representedBy(owner.idNumber));
  const owned = propertiesOf(owner.idNumber);
  expect(owned).toHaveLength(1);
  expect(owned[0]).toMatchObject({ use: 'residential', ownerIdNumbers: [owner.idNumber] });
  expect(owned[0]!.mortgage).toBeUndefined();
  expect(pop.fundLoans.filter((l) => l.unitCode === owned[0]!.unitCode)).toEqual([]);
  expect(taxpayer(owner.idNumber)?.arrearsFen).toBe(0);
  expect(owner.idNumber).not.toBe(buyer.idNumber);

  const legalRep = byId.get('legal-rep')!;
  const rep = person(legalRep.idNumber);
  expect(legalRep).toMatchObject({ role: 'applicant', name: rep.name, subject: rep.idNumber });
  const represented = pop.enterprises.filter(
    (e) => e.legalRepIdNumber === rep.idNumber && e.status === 'active',
  );
  expect([...legalRep.enterprises].sort()).toEqual(represented.map((e) => e.uscc).sort());
  const fitting = represented.filter(
    (e) =>
      e.kind === 'company' &&
      taxpayer(e.uscc)?.arrearsFen === 0 &&
      pop.employerAccounts.some((a) => a.uscc === e.uscc),
  );
  expect(
    fitting.length,
    'an active company with a clear taxpayer record and an employer account',
  ).toBeGreaterThan(0);
  expect(new Set([buyer.idNumber, owner.idNumber, rep.idNumber]).size).toBe(3);

  // The agent: an adult, none of the others, neither a buyer nor a seller a house transfer could pick.
  const agentPersona = byId.get('agent')!;
  const agent = person(agentPersona.idNumber);
  expect(agentPersona).toMatchObject({ role: 'applicant', name: agent.name, subject: agent.idNumber });
  expect([...agentPersona.enterprises].sort()).toEqual(representedBy(agent.idNumber));
  expect(ageOn(agent.birthDate, POPULATION_REFERENCE_DATE)).toBeGreaterThanOrEqual(18);
  expect(pop.fundAccounts.some((a) => a.idNumber === agent.idNumber)).toBe(false);
  expect(propertiesOf(agent.idNumber)).toEqual([]);
  expect(new Set([buyer.idNumber, owner.idNumber, rep.idNumber, agent.idNumber]).size).toBe(4);

  for (const p of personas.filter((p) => p.role !== 'applicant')) {
    expect(p.idNumber).toBeUndefined();
    expect(p.subject).toMatch(/^staff-[a-z]+-\d{2}$/);
  }
  expect(byId.get('window-staff')).toMatchObject({ role: 'window-staff', departments: [] });
  for (const d of DEPARTMENT_KEYS)
    expect(byId.get(`staff-${d}`)).toMatchObject({ role: 'department-staff', departments: [d] });
}
