import { type Person, POPULATION_REFERENCE_DATE, type Population } from '@onething/legacy-kit';
import { ConfigError } from '@onething/runtime';
import { STAFF_PERSONAS } from './staff';
import type { Persona } from './types';

/** A buyer's provident fund balance must cover a purchase withdrawal worth trying: 50,000 yuan. */
const MIN_BUYER_BALANCE_FEN = 5_000_000;

/** Whole years from `birthDate` to `on` (both ISO `yyyy-MM-dd`). */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The population indexed the way the persona rules ask about it. */
function indexPopulation(pop: Population) {
  const taxpayers = new Map(pop.taxpayers.map((t) => [t.taxpayerId, t]));
  const fund = new Map(pop.fundAccounts.map((a) => [a.idNumber, a]));
  const owned = new Map<string, number>();
  for (const prop of pop.properties)
    for (const owner of prop.ownerIdNumbers) owned.set(owner, (owned.get(owner) ?? 0) + 1);
  const fundLoanUnits = new Set(pop.fundLoans.map((l) => l.unitCode));
  const employers = new Set(pop.employerAccounts.map((a) => a.uscc));
  const represented = new Map<string, string[]>();
  for (const e of pop.enterprises) {
    if (e.status !== 'active') continue;
    const list = represented.get(e.legalRepIdNumber);
    if (list) list.push(e.uscc);
    else represented.set(e.legalRepIdNumber, [e.uscc]);
  }
  const clearOfTax = (taxpayerId: string) => {
    const t = taxpayers.get(taxpayerId);
    return t !== undefined && t.arrearsFen === 0 && t.status === 'normal';
  };
  return { fund, owned, fundLoanUnits, employers, represented, clearOfTax };
}

/** Start refused: the population is too small to hold someone a persona needs (a setting to fix). */
function missing(persona: string, rule: string, pop: Population): ConfigError {
  return new ConfigError('dev-idp', [
    `SEED_PERSONS=${pop.persons.length}: no seeded person of seed ${pop.seed} fits the "${persona}" persona (${rule}); ` +
      'raise SEED_PERSONS (a few thousand persons hold every persona) or choose another SEED',
  ]);
}

function applicant(
  id: string,
  person: Person,
  texts: Pick<Persona, 'title' | 'description'>,
  enterprises: readonly string[] = [],
): Persona {
  return {
    id,
    role: 'applicant',
    ...texts,
    name: person.name,
    subject: person.idNumber,
    idNumber: person.idNumber,
    enterprises,
    departments: [],
  };
}

/**
 * The personas of a population (each applicant's token names every active enterprise they represent): four applicants chosen from its persons by the rules below, the first
 * fit in the population's own order (so the same seed and size always give the same people), and the
 * fixed staff. Each applicant is a different person.
 */
export function personasFor(pop: Population): readonly Persona[] {
  const ix = indexPopulation(pop);
  const ref = POPULATION_REFERENCE_DATE;

  // The seller first: the buyer is then preferred in the same city, as a local purchase is the usual case.
  const sold = pop.properties.find((prop) => {
    const [owner, ...others] = prop.ownerIdNumbers;
    return (
      owner !== undefined &&
      others.length === 0 &&
      prop.use === 'residential' &&
      prop.mortgage === undefined &&
      !ix.fundLoanUnits.has(prop.unitCode) &&
      ix.owned.get(owner) === 1 &&
      ix.clearOfTax(owner)
    );
  });
  const sellerPerson = sold && pop.persons.find((p) => p.idNumber === sold.ownerIdNumbers[0]);
  if (!sold || !sellerPerson)
    throw missing('seller', 'sole owner of exactly one unmortgaged home, no tax owed', pop);

  const buyers = pop.persons.filter((p) => {
    const age = ageOn(p.birthDate, ref);
    const account = ix.fund.get(p.idNumber);
    return (
      age >= 25 &&
      age <= 50 &&
      account?.status === 'normal' &&
      account.balanceFen >= MIN_BUYER_BALANCE_FEN &&
      !ix.owned.has(p.idNumber) &&
      ix.clearOfTax(p.idNumber)
    );
  });
  const city = sold.divisionCode.slice(0, 4);
  const buyer = buyers.find((p) => p.divisionCode.startsWith(city)) ?? buyers[0];
  if (!buyer)
    throw missing('citizen', 'aged 25–50, fund account normal with ≥ 50,000 yuan, no home, no tax owed', pop);

  const taken = new Set([buyer.idNumber, sellerPerson.idNumber]);
  const companies = pop.enterprises.filter(
    (e) =>
      e.kind === 'company' &&
      e.status === 'active' &&
      ix.clearOfTax(e.uscc) &&
      ix.employers.has(e.uscc) &&
      !taken.has(e.legalRepIdNumber) &&
      ix.clearOfTax(e.legalRepIdNumber),
  );
  // Someone representing several enterprises is preferred: it proves access follows every one of them.
  const company =
    companies.find((e) => (ix.represented.get(e.legalRepIdNumber)?.length ?? 0) > 1) ?? companies[0];
  const repPerson = company && pop.persons.find((p) => p.idNumber === company.legalRepIdNumber);
  if (!company || !repPerson)
    throw missing(
      'legal-rep',
      'legal representative of an active company with a clear tax record and a fund employer account',
      pop,
    );
  const represented = ix.represented.get(repPerson.idNumber) ?? [];

  // The agent (代办人): an adult who is neither a buyer nor a seller any house transfer could pick (no fund
  // account, no home), so the tests' buyers and sellers are never them; preferred in the buyer's city.
  const chosen = new Set([buyer.idNumber, sellerPerson.idNumber, repPerson.idNumber]);
  const agents = pop.persons.filter(
    (p) =>
      !chosen.has(p.idNumber) &&
      ageOn(p.birthDate, ref) >= 18 &&
      !ix.fund.has(p.idNumber) &&
      !ix.owned.has(p.idNumber),
  );
  const agentPerson =
    agents.find((p) => p.divisionCode.slice(0, 4) === buyer.divisionCode.slice(0, 4)) ?? agents[0];
  if (!agentPerson) throw missing('agent', 'an adult with no fund account and no home', pop);

  return [
    applicant(
      'citizen',
      buyer,
      {
        title: { zh: '购房人（二手房转移登记）', en: 'Home buyer (second-hand house transfer)' },
        description: {
          zh: '25至50岁，住房公积金账户正常、余额不少于5万元，无欠税，名下无房产：二手房转移登记的买方，可申请公积金购房提取和公积金贷款。',
          en: 'Aged 25 to 50, a provident fund account in good standing holding at least 50,000 yuan, no tax owed, owns no home: the buyer in the second-hand house transfer, who can withdraw from the fund and apply for a fund loan.',
        },
      },
      ix.represented.get(buyer.idNumber) ?? [],
    ),
    applicant(
      'seller',
      sellerPerson,
      {
        title: { zh: '售房人（二手房转移登记）', en: 'Home seller (second-hand house transfer)' },
        description: {
          zh: '单独拥有一套无抵押、无公积金贷款的住宅，无欠税：二手房转移登记的卖方。',
          en: 'Sole owner of one home with no mortgage and no fund loan, no tax owed: the seller in the second-hand house transfer.',
        },
      },
      ix.represented.get(sellerPerson.idNumber) ?? [],
    ),
    applicant(
      'legal-rep',
      repPerson,
      {
        title: { zh: '企业法定代表人', en: 'Legal representative of a company' },
        description: {
          zh: '在营有限公司的法定代表人，企业已办税务登记且无欠税、已开立公积金单位账户：企业开办、企业信息变更和企业注销一件事的申请人。',
          en: 'Legal representative of an active company registered for tax without arrears and holding a fund employer account: the applicant of the business start-up, company change and deregistration bundles.',
        },
      },
      represented,
    ),
    applicant(
      'agent',
      agentPerson,
      {
        title: { zh: '代办人', en: 'Agent' },
        description: {
          zh: '成年人，名下无房产、无公积金账户：受购房人授权委托，在委托范围和期限内代其办理二手房转移登记。',
          en: 'An adult who owns no home and has no provident fund account: acts for the home buyer under a delegation the buyer grants, within its bundles and term.',
        },
      },
      ix.represented.get(agentPerson.idNumber) ?? [],
    ),
    ...STAFF_PERSONAS,
  ];
}
