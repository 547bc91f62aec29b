import type { DepartmentAdapter, FeeRequest, ItemSpec } from '@onething/adapter-core';
import type { Identity } from '@onething/runtime/identity';
import { DEPARTMENT } from '@onething/schema';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { Access } from './access';
import { Catalogue } from './catalogue';
import { feeAssessmentOperation } from './fee-assessment';

const item = (code: string, fields: ItemSpec['fields']): ItemSpec => ({
  department: 'tax',
  code,
  name: { zh: code, en: code },
  type: 'administrative-levy',
  legalBasis: [],
  legalLimitDays: 5,
  promisedLimitDays: 1,
  acceptanceConditions: [],
  feeFen: 0,
  visits: 1,
  fields,
  materials: [],
  result: { name: { zh: '结果', en: 'result' }, kind: 'receipt', materials: [], values: [] },
});
const field = (key: string, type: ItemSpec['fields'][number]['type']) => ({
  key,
  label: { zh: key, en: key },
  type,
  required: true,
  editable: true,
});
const DEED = item('TAX-DEED-TAX', [
  field('transaction.price', 'money'),
  field('buyer.isFirstHome', 'boolean'),
]);

function department() {
  const asked: FeeRequest[] = [];
  const adapter = {
    department: 'tax',
    listItems: async () => [DEED, item('TAX-INVOICE', [])],
    async assessFees(r: FeeRequest) {
      asked.push(r);
      return {
        department: 'tax',
        lines: [
          {
            itemCode: 'TAX-DEED-TAX',
            name: { zh: '契税', en: 'Deed tax' },
            payee: { zh: '国库', en: 'treasury' },
            amountFen: 502_324,
            baseFen: 50_232_400,
            rateBasisPoints: 100,
            rule: { zh: '规则', en: 'rule', citation: '公告2024年第16号' },
          },
        ],
        totalFen: 502_324,
      };
    },
  } as unknown as DepartmentAdapter;
  const ops = feeAssessmentOperation(DEPARTMENT.tax, adapter, new Catalogue(adapter));
  const resolve = ops.Query.taxFeeAssessment!;
  const ask = async (identity: Identity, input: object) => {
    try {
      return await resolve(undefined, { input } as never, { access: new Access(identity, 'tax') } as never);
    } catch (e) {
      if (e instanceof GraphQLError) return { refused: e.extensions.code, problems: e.extensions.problems };
      throw e;
    }
  };
  return { asked, ask };
}

const applicant: Identity = {
  subject: 'a',
  role: 'applicant',
  idNumber: '11010519491231002X',
  enterprises: [],
  departments: [],
};
const anonymous: Identity = { subject: 'anonymous', role: 'anonymous', enterprises: [], departments: [] };
const values = [
  { key: 'transaction.price', value: '502324.00' },
  { key: 'buyer.isFirstHome', value: 'true' },
  { key: 'fund.withdrawalAmount', value: 'not ours, ignored' },
];

describe('a department’s fee assessment', () => {
  it('sends the department its items’ values in domain terms, ignoring the one form’s other keys', async () => {
    const d = department();
    const answer = await d.ask(applicant, { itemCodes: ['TAX-DEED-TAX', 'TAX-DEED-TAX'], values });
    expect(d.asked).toEqual([
      { itemCodes: ['TAX-DEED-TAX'], values: { 'transaction.price': 50_232_400, 'buyer.isFirstHome': true } },
    ]);
    expect(answer).toEqual({
      department: 'TAX',
      lines: [
        expect.objectContaining({
          itemCode: 'TAX-DEED-TAX',
          amount: 502_324,
          base: 50_232_400,
          rateBasisPoints: 100,
          quantity: null,
        }),
      ],
      total: 502_324,
    });
  });

  it('refuses anonymous callers before the department is asked', async () => {
    const d = department();
    expect(await d.ask(anonymous, { itemCodes: ['TAX-DEED-TAX'], values })).toMatchObject({
      refused: 'FORBIDDEN',
    });
    expect(d.asked).toHaveLength(0);
  });

  it('names every problem at once: an item the department lacks, a malformed value', async () => {
    const d = department();
    const answer = await d.ask(applicant, {
      itemCodes: ['TAX-DEED-TAX', 'MKT-ESTABLISH'],
      values: [{ key: 'transaction.price', value: '12.345' }],
    });
    expect(answer).toMatchObject({ refused: 'INVALID_INPUT' });
    expect(
      (answer as { problems: { path: string; rule: string }[] }).problems.map((p) => [p.path, p.rule]),
    ).toEqual([
      ['input.itemCodes[1]', 'item.unknown'],
      ['input.values[0]', 'field.money'],
    ]);
    expect(await d.ask(applicant, { itemCodes: [], values })).toMatchObject({ refused: 'INVALID_INPUT' });
    expect(d.asked).toHaveLength(0);
  });
});
