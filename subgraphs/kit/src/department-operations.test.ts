import type { CaseState, CaseSubmission, DepartmentAdapter, ItemSpec } from '@onething/adapter-core';
import type { Identity } from '@onething/runtime/identity';
import { DEPARTMENT } from '@onething/schema';
import { GraphQLError } from 'graphql';
import { beforeEach, describe, expect, it } from 'vitest';
import { Access } from './access';
import { Catalogue } from './catalogue';
import { departmentOperations } from './department-operations';

const a = '11010519491231002X';
const b = '440524188001010014';

const ITEM: ItemSpec = {
  department: 'realestate',
  code: 'RE-X',
  name: { zh: '测试事项', en: 'a test item' },
  type: 'administrative-confirmation',
  legalBasis: [],
  legalLimitDays: 5,
  promisedLimitDays: 3,
  acceptanceConditions: [],
  feeFen: 0,
  visits: 0,
  fields: [],
  materials: [],
  result: { name: { zh: '结果', en: 'result' }, kind: 'certificate', materials: [], values: [] },
};

/**
 * A department that, like the registry, answers a submission under a reference it already has with the
 * case made under it, whoever that case is for; its cases say whose they are.
 */
function registry() {
  const cases = new Map<string, CaseState>();
  const byKey = new Map<string, string>();
  const sent: CaseSubmission[] = [];
  const adapter: DepartmentAdapter = {
    department: 'realestate',
    listItems: async () => [ITEM],
    getDocuments: async () => [],
    async submitCase(s) {
      sent.push(s);
      const known = byKey.get(s.idempotencyKey);
      if (known) return cases.get(known)!;
      const state: CaseState = {
        department: 'realestate',
        caseNumber: `BDC${cases.size + 1}`,
        itemCode: s.itemCode,
        applicantIdNumber: s.applicant.idNumber,
        status: 'CORRECTION_REQUESTED',
        statusAt: '2026-11-23T01:00:00.000Z',
        acceptedAt: '2026-11-23T01:00:00.000Z',
        correctionFields: [],
      };
      cases.set(state.caseNumber, state);
      byKey.set(s.idempotencyKey, state.caseNumber);
      return state;
    },
    getCase: async (n) => cases.get(n) ?? null,
    findCase: async (_, key) => cases.get(byKey.get(key) ?? '') ?? null,
    async correctCase(n) {
      const state = { ...cases.get(n)!, status: 'IN_REVIEW' as const };
      cases.set(n, state);
      return state;
    },
    assessFees: async () => {
      throw new Error('no fee assessment in these tests');
    },
    close: () => {},
  };
  return { adapter, cases, sent };
}

const hallFor = (idNumber: string): Identity => ({
  subject: 'hall',
  role: 'service',
  enterprises: [],
  departments: [],
  actingFor: { idNumber, enterprises: [] },
});
const person = (idNumber: string): Identity => ({
  subject: idNumber,
  role: 'applicant',
  idNumber,
  enterprises: [],
  departments: [],
});
const staff = (department: string): Identity => ({
  subject: `staff-${department}`,
  role: 'department-staff',
  enterprises: [],
  departments: [department],
});

const input = (applicant: string, idempotencyKey: string) => ({
  itemCode: 'RE-X',
  idempotencyKey,
  applicantIdNumber: applicant,
  applicantName: '张三',
  fields: [],
  materials: [{ id: 'id-card', reference: 'upload:0b6a4f0e-5b1c-4b8e-9d43-2f0c6f1b7a10' }],
});

type Resolve = (parent: unknown, args: object, ctx: object) => Promise<unknown>;

/** What an operation answered, or the code it was refused with. */
async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof GraphQLError) return { refused: e.extensions.code, message: e.message };
    throw e;
  }
}

describe('a department’s case operations', () => {
  let dept: ReturnType<typeof registry>;
  let ops: ReturnType<typeof departmentOperations>;
  // The resolvers as the schema calls them: by name, with the arguments the query gives.
  const call = (group: 'Query' | 'Mutation', name: string, args: object, identity: Identity) => {
    const resolve = (ops[group] as unknown as Record<string, Resolve>)[name]!;
    return outcome(() => resolve(undefined, args, { access: new Access(identity, 'realestate') }));
  };
  const submit = (identity: Identity, applicant: string, key: string) =>
    call('Mutation', 'submitRealEstateCase', { input: input(applicant, key) }, identity);
  const read = (identity: Identity, caseNumber: string) =>
    call('Query', 'realEstateCase', { caseNumber }, identity);
  const byKey = (identity: Identity, idempotencyKey: string) =>
    call('Query', 'realEstateCaseByKey', { itemCode: 'RE-X', idempotencyKey }, identity);
  const correct = (identity: Identity, caseNumber: string) =>
    call('Mutation', 'correctRealEstateCase', { caseNumber, idempotencyKey: 'fix-1', fields: [] }, identity);
  const entity = (identity: Identity, caseNumber: string) => {
    const { __resolveReference } = ops.RealEstateCase as unknown as {
      __resolveReference: (ref: object, ctx: object) => Promise<unknown>;
    };
    return outcome(() => __resolveReference({ caseNumber }, { access: new Access(identity, 'realestate') }));
  };

  beforeEach(() => {
    dept = registry();
    ops = departmentOperations(DEPARTMENT.realestate, dept.adapter, new Catalogue(dept.adapter));
  });

  it('takes a case only from the hall acting for its applicant; nobody else’s submission reaches the department', async () => {
    for (const [who, applicant] of [
      [person(a), a],
      [person(a), b],
      [staff('realestate'), a],
      [hallFor(a), b],
    ] as const)
      expect(await submit(who, applicant, `k-${who.subject}-${applicant}`)).toMatchObject({
        refused: 'FORBIDDEN',
      });
    expect(dept.sent).toEqual([]);
    expect(await submit(hallFor(a), a, 'part-1')).toMatchObject({ caseNumber: 'BDC1' });
    expect(dept.sent.map((s) => s.applicant.idNumber)).toEqual([a]);
  });

  it('never answers one applicant’s case to the hall acting for another, by number, by key, as an entity or to a submission under its key', async () => {
    await submit(hallFor(a), a, 'part-1');
    const asB = hallFor(b);
    for (const answer of [
      await read(asB, 'BDC1'),
      await byKey(asB, 'part-1'),
      await entity(asB, 'BDC1'),
      await submit(asB, b, 'part-1'),
    ]) {
      expect(answer).toMatchObject({ refused: 'FORBIDDEN' });
      expect(JSON.stringify(answer)).not.toContain('BDC1');
    }
    expect(await read(hallFor(a), 'BDC1')).toMatchObject({ caseNumber: 'BDC1' });
    expect(await byKey(hallFor(a), 'part-1')).toMatchObject({ caseNumber: 'BDC1' });
    expect(await entity(hallFor(a), 'BDC1')).toMatchObject({ caseNumber: 'BDC1' });
    // The department's own staff follow every case of theirs; no applicant follows one here.
    expect(await read(staff('realestate'), 'BDC1')).toMatchObject({ caseNumber: 'BDC1' });
    expect(await read(staff('tax'), 'BDC1')).toMatchObject({ refused: 'FORBIDDEN' });
    expect(await read(person(a), 'BDC1')).toMatchObject({ refused: 'FORBIDDEN' });
  });

  it('sends a correction only from the hall acting for the case’s applicant', async () => {
    await submit(hallFor(a), a, 'part-1');
    for (const who of [hallFor(b), person(a), staff('realestate')])
      expect(await correct(who, 'BDC1')).toMatchObject({ refused: 'FORBIDDEN' });
    expect(dept.cases.get('BDC1')!.status).toBe('CORRECTION_REQUESTED');
    expect(await correct(hallFor(a), 'BDC1')).toMatchObject({ caseNumber: 'BDC1', status: 'IN_REVIEW' });
  });
});
