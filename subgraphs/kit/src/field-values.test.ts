import type { FieldSpec } from '@onething/adapter-core';
import { describe, expect, it } from 'vitest';
import { caseInputProblems, fieldValues } from './field-values';

const field = (key: string, type: FieldSpec['type']): FieldSpec => ({
  key,
  type,
  label: { zh: key, en: key },
  required: true,
  editable: true,
});
const item = {
  code: 'X-ITEM',
  fields: [
    field('transaction.price', 'money'),
    field('fund.loanTermMonths', 'integer'),
    field('buyer.isFirstHome', 'boolean'),
    field('transaction.contractDate', 'date'),
    field('seller.idNumber', 'idNumber'),
    field('property.unitCode', 'unitCode'),
    field('applicant.name', 'text'),
  ],
};

describe('field values from the schema’s text', () => {
  it('converts each by its field type: money to fen, numbers, booleans, normalised identifiers', () => {
    const r = fieldValues(item, [
      { key: 'transaction.price', value: '1234567.5' },
      { key: 'fund.loanTermMonths', value: '240' },
      { key: 'buyer.isFirstHome', value: 'true' },
      { key: 'transaction.contractDate', value: '2026-11-20' },
      { key: 'seller.idNumber', value: '11010519491231002x' },
      { key: 'property.unitCode', value: '330502001002GB00012F00030012' },
      { key: 'applicant.name', value: ' 张三 ' },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.values).toEqual({
      'transaction.price': 123456750,
      'fund.loanTermMonths': 240,
      'buyer.isFirstHome': true,
      'transaction.contractDate': '2026-11-20',
      'seller.idNumber': '11010519491231002X',
      'property.unitCode': '330502001002GB00012F00030012',
      'applicant.name': '张三',
    });
  });

  it('reports every bad value at once, with its path and rule, in both languages', () => {
    const r = fieldValues(item, [
      { key: 'transaction.price', value: '12.345' },
      { key: 'transaction.contractDate', value: '2026-02-30' },
      { key: 'seller.idNumber', value: '110105194912310021' },
      { key: 'buyer.isFirstHome', value: 'yes' },
      { key: 'applicant.shoeSize', value: '42' },
    ]);
    expect(r.problems.map((p) => [p.path, p.rule])).toEqual([
      ['fields[0]', 'field.money'],
      ['fields[1]', 'field.date'],
      ['fields[2]', 'field.idNumber'],
      ['fields[3]', 'field.boolean'],
      ['fields[4]', 'field.unknown'],
    ]);
    expect(r.problems[2]!.message.en).toMatch(/check character should be "X"/);
    expect(r.problems[2]!.message.zh).toMatch(/校验码/);
  });
});

describe('the text a case carries', () => {
  it('refuses markup and invisible characters in a text field, at its path', () => {
    const r = fieldValues(item, [{ key: 'applicant.name', value: '<img src=x onerror=alert(1)>' }]);
    expect(r.problems).toEqual([
      expect.objectContaining({
        path: 'fields[0]',
        rule: 'field.text',
        message: expect.objectContaining({ en: expect.stringMatching(/"<"/) }),
      }),
    ]);
  });

  it('checks the applicant’s name, the idempotency key and the material references', () => {
    expect(
      caseInputProblems({
        applicantName: '张三',
        idempotencyKey: 'b2c1e3f0-1',
        materials: [{ id: 'id-card', reference: 'document:浙(2023)第1号' }],
      }),
    ).toEqual([]);
    const problems = caseInputProblems({
      applicantName: "'; DROP TABLE cases; --",
      idempotencyKey: 'x'.repeat(200),
      materials: [{ id: 'id card', reference: '' }],
    });
    expect(problems.map((p) => p.path)).toEqual([
      'input.applicantName',
      'input.idempotencyKey',
      'input.materials[0].id',
      'input.materials[0].reference',
    ]);
  });
});
