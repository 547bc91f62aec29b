import type { Population } from '@onething/legacy-kit';
import { validateResidentId } from '@onething/schema';
import type { Persona } from './types';

/**
 * The provider's accounts: the personas, and, only while ALLOW_CUSTOM_TOKENS is on, every resident of the
 * seeded population by ID number (tests sign in as the buyer and seller of their own transfer through the
 * login page, as a user would, rather than shaping a client's session storage).
 */
export interface Accounts {
  /** The account whose `sub` this is, or undefined. */
  bySubject(sub: string): Persona | undefined;
  /** Whether the login page offers signing in as any resident by ID number. */
  readonly residents: boolean;
}

/** The persona-like account of a seeded resident: an applicant, with the active enterprises they represent. */
function residentAccount(
  person: { idNumber: string; name: string },
  enterprises: readonly string[],
): Persona {
  return {
    id: 'resident',
    role: 'applicant',
    title: { zh: '人口中的居民', en: 'A seeded resident' },
    description: {
      zh: '开发用：按身份证号登录种子人口中的任何人。',
      en: 'Development only: any person of the seeded population, by ID number.',
    },
    name: person.name,
    subject: person.idNumber,
    idNumber: person.idNumber,
    enterprises,
    departments: [],
  };
}

export function accountsOf(
  personas: readonly Persona[],
  population: Population,
  residents: boolean,
): Accounts {
  const personaBySubject = new Map(personas.map((p) => [p.subject, p]));
  const persons = new Map(population.persons.map((p) => [p.idNumber, p]));
  const represented = new Map<string, string[]>();
  for (const e of population.enterprises) {
    if (e.status !== 'active') continue;
    represented.set(e.legalRepIdNumber, [...(represented.get(e.legalRepIdNumber) ?? []), e.uscc]);
  }
  return {
    residents,
    bySubject(sub) {
      const persona = personaBySubject.get(sub);
      if (persona || !residents) return persona;
      const person = persons.get(sub);
      return person && residentAccount(person, represented.get(sub) ?? []);
    },
  };
}

/**
 * What the login page answers an ID number typed in: the resident's subject, or what is wrong with it
 * (not an ID number by GB 11643, or nobody of the seeded population).
 */
export function residentByIdNumber(
  accounts: Accounts,
  typed: string,
  today: Date = new Date(),
): { ok: true; subject: string } | { ok: false; problem: string } {
  const checked = validateResidentId(typed.trim(), today);
  if (!checked.ok)
    return {
      ok: false,
      problem: checked.problems.map((p) => `${p.message.zh} ${p.message.en} (${p.rule})`).join('; '),
    };
  const account = accounts.bySubject(checked.value);
  if (account?.role !== 'applicant')
    return {
      ok: false,
      problem: `种子人口中没有身份证号为 ${checked.value} 的人。Nobody of the seeded population has this ID number.`,
    };
  return { ok: true, subject: account.subject };
}
