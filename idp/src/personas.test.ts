import { generatePopulation } from '@onething/legacy-kit';
import { describe, expect, it } from 'vitest';
import { expectPersonasFit } from '../test/persona-rules';
import { ageOn, personasFor } from './personas';

describe('ageOn', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('2001-06-30', '2026-06-30')).toBe(25);
    expect(ageOn('2001-07-01', '2026-06-30')).toBe(24);
    expect(ageOn('1976-06-30', '2026-06-30')).toBe(50);
    expect(ageOn('1975-06-30', '2026-06-30')).toBe(51);
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
  });
});

describe('personasFor', () => {
  it.each([20261122, 1, 42, 99])('chooses persons that fit every definition (seed %i)', (seed) => {
    const pop = generatePopulation({ seed, persons: 2000 });
    expectPersonasFit(personasFor(pop), pop);
  });

  it('chooses the same people for the same seed and size', () => {
    const pop = generatePopulation({ seed: 20261122, persons: 2000 });
    expect(personasFor(pop)).toEqual(personasFor(pop));
    // The choice depends on the records only, not on which objects hold them.
    expect(personasFor(structuredClone(pop))).toEqual(personasFor(pop));
  });

  it('prefers a legal representative of several enterprises, so access is proved for each', () => {
    const legalRep = personasFor(generatePopulation({ seed: 20261122, persons: 2000 })).find(
      (p) => p.id === 'legal-rep',
    );
    expect(legalRep?.enterprises.length).toBeGreaterThan(1);
  });

  it('refuses a population too small to hold a persona, naming SEED_PERSONS', () => {
    expect(() => personasFor(generatePopulation({ seed: 20261122, persons: 3 }))).toThrow(
      /SEED_PERSONS=3: no seeded person/,
    );
  });
});
