import { generatePopulation } from '@onething/legacy-kit';
import { DEPARTMENT_KEYS, DEPARTMENTS } from '@onething/schema/departments';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actingFor } from './department-cases';
import { type Answer, startTestStack, type TestStack } from './support';

/**
 * The one schema against the whole stack: the identity provider, the four departments' systems, their
 * subgraphs and the gateway, each its own process as `npm start` runs them.
 */
const population = generatePopulation({ seed: 20261122, persons: 2000 });
const owners = new Set(population.properties.flatMap((p) => p.ownerIdNumbers));
const accounts = new Map(population.fundAccounts.map((a) => [a.idNumber, a]));
// Someone every department knows: a taxpayer who represents an enterprise, owns a unit, has a fund account.
const enterprise = population.enterprises.find(
  (e) => e.status === 'active' && owners.has(e.legalRepIdNumber) && accounts.has(e.legalRepIdNumber),
)!;
const person = population.persons.find((p) => p.idNumber === enterprise.legalRepIdNumber)!;
const property = population.properties.find((p) => p.ownerIdNumbers.includes(person.idNumber))!;
const stranger = population.persons.find(
  (p) => p.idNumber !== person.idNumber && !property.ownerIdNumbers.includes(p.idNumber),
)!;

const PERSON_QUERY = `query Person($id: IdNumber!) {
  person(idNumber: $id) {
    idNumber
    taxpayer { name status arrears }
    representedEnterprises { uscc name }
    properties { unitCode address owners { idNumber } }
    fundAccount { balance status }
  }
}`;

describe('the one schema, on the whole stack', () => {
  let s: TestStack;
  let personToken: string;

  beforeAll(async () => {
    s = await startTestStack();
    personToken = await s.customToken({
      role: 'applicant',
      name: person.name,
      id_number: person.idNumber,
      enterprises: [enterprise.uscc],
    });
  });
  afterAll(() => s?.stop());
  beforeEach(async () => {
    for (const d of DEPARTMENT_KEYS) await s.admin(d).reset();
  });

  it('answers one query for a person with fields from all four departments', async () => {
    const r = await s.gql<{ person: Record<string, any> }>(
      PERSON_QUERY,
      { id: person.idNumber },
      personToken,
    );
    expect(r.errors).toBeUndefined();
    const p = r.data!.person;
    expect(p.taxpayer).toMatchObject({ name: person.name, status: 'NORMAL' });
    expect(p.representedEnterprises.map((e: { uscc: string }) => e.uscc)).toContain(enterprise.uscc);
    expect(p.properties.map((u: { unitCode: string }) => u.unitCode)).toContain(property.unitCode);
    expect(p.fundAccount.balance).toBe((accounts.get(person.idNumber)!.balanceFen / 100).toFixed(2));
  });

  it('gives every other department’s fields and one error naming a department that is down; all again once it is back', async () => {
    await s.admin('fund').down();
    const partial = await s.gql<{ person: Record<string, any> }>(
      PERSON_QUERY,
      { id: person.idNumber },
      personToken,
    );
    expect(partial.status).toBe(200);
    expect(partial.data!.person.taxpayer.name).toBe(person.name);
    expect(partial.data!.person.properties.length).toBeGreaterThan(0);
    expect(partial.data!.person.fundAccount).toBeNull();
    expect(partial.errors).toHaveLength(1);
    expect(partial.errors![0]).toMatchObject({
      path: ['person', 'fundAccount'],
      extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: 'fund' },
    });

    expect((await fetch(`${s.gatewayUrl}/health`)).status).toBe(200);
    await s.admin('fund').up();
    let full = partial;
    for (let i = 0; i < 60 && full.errors; i++) {
      await new Promise((r) => setTimeout(r, 250)); // the fund's circuit breaker lets a trial through after it opened
      full = await s.gql(PERSON_QUERY, { id: person.idNumber }, personToken);
    }
    expect(full.errors).toBeUndefined();
    expect(full.data!.person.fundAccount).not.toBeNull();
  });

  it('refuses a direct call to a subgraph without the gateway’s internal header', async () => {
    for (const port of Object.values(s.ports.subgraphs)) {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-onething-identity': 'forged.header.value' },
        body: JSON.stringify({ query: '{ taxItems { code } }' }),
      });
      expect(res.status).toBe(401);
      expect(
        ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
      ).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a citizen reading another person, and reading anyone without signing in', async () => {
    const other = await s.gql(PERSON_QUERY, { id: stranger.idNumber }, personToken);
    expect(other.data?.person ?? null).toBeNull();
    expect(other.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const anonymous = await s.gql(PERSON_QUERY, { id: person.idNumber });
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('tells a unit’s owners only to its owners and staff', async () => {
    const unit = population.properties.find((p) => !p.ownerIdNumbers.includes(person.idNumber))!;
    const r = await s.gql(
      'query U($u: UnitCode!) { property(unitCode: $u) { owners { idNumber } deedTaxRecords { amount } } }',
      { u: unit.unitCode },
      personToken,
    );
    expect(r.data?.property ?? null).toBeNull();
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', department: 'realestate' });
    const staff = await s.gql(
      'query U($u: UnitCode!) { property(unitCode: $u) { owners { idNumber } deedTaxRecords { amount } } }',
      { u: unit.unitCode },
      await s.token('staff-tax'),
    );
    expect(staff.errors).toBeUndefined();
    expect(staff.data).toMatchObject({
      property: { owners: unit.ownerIdNumbers.map((idNumber) => ({ idNumber })) },
    });
  });

  it('lets anyone read the item catalogues', async () => {
    const r = await s.gql<Record<string, { code: string }[]>>(
      `{ ${DEPARTMENTS.map((d) => `${d.fieldPrefix}Items { code }`).join(' ')} }`,
    );
    expect(r.errors).toBeUndefined();
    expect(Object.values(r.data!).flat().length).toBeGreaterThanOrEqual(16);
  });

  it('refuses bad and expired tokens with 401 and a reason', async () => {
    const bad = await s.gql('{ taxItems { code } }', {}, 'not-a-token');
    expect(bad.status).toBe(401);
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const [h, p] = personToken.split('.');
    const forged = await s.gql('{ taxItems { code } }', {}, `${h}.${p}.${'A'.repeat(342)}`);
    expect(forged.status).toBe(401);
  });

  describe('limits, checked before any subgraph is asked', () => {
    const subgraphRequests = () =>
      Promise.all(
        Object.values(s.ports.subgraphs).map((port) =>
          s.metric(`http://127.0.0.1:${port}`, 'onething_subgraph_request_seconds_count'),
        ),
      ).then((counts) => counts.reduce((a, b) => a + b, 0));

    it('refuses depth, alias, token and size bombs with clear errors', async () => {
      const before = await subgraphRequests();
      const deep = await s.gql(
        `{ me { ${'properties { owners { '.repeat(6)}idNumber${' } }'.repeat(6)} } }`,
        {},
        personToken,
      );
      expect(deep.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_DEEP' } });
      expect(deep.errors![0]!.message).toMatch(/levels deep; at most 12/);

      const aliases = await s.gql(
        `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: taxItems { code }`).join(' ')} }`,
      );
      expect(aliases.errors?.[0]).toMatchObject({ extensions: { code: 'TOO_MANY_ALIASES' } });

      const tokens = await s.gql(`{ taxItems { ${'code '.repeat(4000)} } }`);
      expect(tokens.errors?.[0]).toMatchObject({ extensions: { code: 'TOO_MANY_TOKENS', maxTokens: 3000 } });

      const res = await fetch(`${s.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ taxItems { code } } # ${'x'.repeat(200_000)}` }),
      });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });

      expect(await subgraphRequests()).toBe(before);
    });
  });

  it('reads 100 units with their tax and fund records at ⌈100 / batch limit⌉ calls per department', async () => {
    const staff = await s.customToken({
      role: 'department-staff',
      name: '数据专员',
      departments: ['realestate', 'tax', 'fund'],
    });
    const codes = population.properties.slice(0, 100).map((p) => p.unitCode);
    for (const d of ['tax', 'realestate', 'fund'] as const) await s.admin(d).resetCounts();
    const r = await s.gql<{
      properties: { unitCode: string; deedTaxRecords: unknown[]; fundLoans: unknown[] }[];
    }>(
      'query P($codes: [UnitCode!]!) { properties(unitCodes: $codes) { unitCode address deedTaxRecords { amount } fundLoans { principal } } }',
      { codes },
      staff,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.properties).toHaveLength(100);
    expect(r.data!.properties.every((p) => p.deedTaxRecords.length > 0)).toBe(true);
    expect((await s.admin('realestate').counts()).byOp).toEqual({ QueryUnits: 5 }); // ⌈100 / 20⌉
    expect((await s.admin('tax').counts()).byOp).toEqual({ 'deed_tax.query': 2 }); // ⌈100 / 50⌉
    expect((await s.admin('fund').counts()).byOp).toEqual({ dkcx: 4 }); // ⌈100 / 30⌉
  });

  // The departments' case operations are the hall's: it submits, follows and corrects acting for the applicant.
  describe('department case operations', () => {
    let hall: string;
    beforeAll(async () => {
      hall = await s.serviceToken();
    });
    const asHall = (query: string, variables: Record<string, unknown>) =>
      s.gql(query, variables, hall, actingFor(person.idNumber, [enterprise.uscc]));
    const submit = `mutation S($input: CaseInput!) { submitTaxCase(input: $input) { caseNumber status department itemCode } }`;
    const input = (key: string, fields: { key: string; value: string }[]) => ({
      itemCode: 'TAX-INVOICE',
      idempotencyKey: key,
      applicantIdNumber: person.idNumber,
      applicantName: person.name,
      fields,
      materials: [{ id: 'id-card', reference: 'upload-id-card' }],
    });
    const fields = [
      { key: 'applicant.idNumber', value: person.idNumber },
      { key: 'applicant.name', value: person.name },
      { key: 'applicant.phone', value: person.phone },
      { key: 'enterprise.uscc', value: enterprise.uscc },
      { key: 'enterprise.name', value: enterprise.name },
      { key: 'tax.invoiceType', value: 'digital' },
      { key: 'tax.invoiceMonthlyQuantity', value: '20' },
    ];

    it('submits once per idempotency key, and lets tax staff follow the case', async () => {
      const key = `stack-${Date.now()}`;
      const first = (await asHall(submit, { input: input(key, fields) })) as Answer<{
        submitTaxCase: { caseNumber: string; status: string };
      }>;
      expect(first.errors).toBeUndefined();
      expect(first.data!.submitTaxCase).toMatchObject({
        status: 'ACCEPTED',
        department: 'TAX',
        itemCode: 'TAX-INVOICE',
      });
      const again = (await asHall(submit, { input: input(key, fields) })) as Answer<{
        submitTaxCase: { caseNumber: string };
      }>;
      expect(again.data!.submitTaxCase.caseNumber).toBe(first.data!.submitTaxCase.caseNumber);
      expect(await s.admin('tax').cases({ ref: key })).toHaveLength(1);

      const caseQuery = 'query C($n: ID!) { taxCase(caseNumber: $n) { caseNumber status acceptedAt } }';
      const byApplicant = await s.gql(caseQuery, { n: first.data!.submitTaxCase.caseNumber }, personToken);
      expect(byApplicant.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', department: 'tax' });
      const byStaff = await s.gql(
        caseQuery,
        { n: first.data!.submitTaxCase.caseNumber },
        await s.token('staff-tax'),
      );
      expect(byStaff.errors).toBeUndefined();
    });

    it('refuses every bad value at once, naming each, without calling the department', async () => {
      await s.admin('tax').resetCounts();
      const bad = [
        ...fields.filter((f) => f.key !== 'tax.invoiceMonthlyQuantity' && f.key !== 'enterprise.uscc'),
        { key: 'tax.invoiceMonthlyQuantity', value: 'twenty' },
        { key: 'enterprise.uscc', value: '91330100716105852G' },
        { key: 'applicant.shoeSize', value: '42' },
      ];
      const r = await asHall(submit, { input: input(`stack-bad-${Date.now()}`, bad) });
      expect(r.errors).toHaveLength(1);
      expect(r.errors![0]!.extensions).toMatchObject({ code: 'INVALID_INPUT', department: 'tax' });
      const problems = r.errors![0]!.extensions!.problems as { rule: string }[];
      expect(problems.map((p) => p.rule).sort()).toEqual(['field.integer', 'field.unknown', 'field.uscc']);
      expect((await s.admin('tax').counts()).byOp['cases.submit'] ?? 0).toBe(0);
    });

    it('refuses an applicant submitting straight to a department, and the hall submitting for another than it acts for', async () => {
      await s.admin('tax').resetCounts();
      const own = await s.gql(submit, { input: input(`stack-own-${Date.now()}`, fields) }, personToken);
      expect(own.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
      const other = { ...input(`stack-other-${Date.now()}`, fields), applicantIdNumber: stranger.idNumber };
      expect((await s.gql(submit, { input: other }, personToken)).errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
      });
      expect((await asHall(submit, { input: other })).errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
      });
      expect((await s.admin('tax').counts()).byOp['cases.submit'] ?? 0).toBe(0);
    });
  });
});
