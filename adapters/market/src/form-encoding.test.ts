import { describe, expect, it } from 'vitest';
import { encodeForm } from './form-encoding';
import type { WireFormField } from './records';

const field = (
  semanticKey: string,
  fieldCode: string,
  dataType: WireFormField['dataType'],
): WireFormField => ({
  semanticKey,
  fieldCode,
  dataType,
  label: { zh: '', en: '' },
  required: true,
  editable: true,
  hint: null,
  rules: {},
  options: [],
});

const fields = new Map(
  [
    field('enterprise.registeredCapital', 'enterpriseRegisteredCapital', 'MONEY'),
    field('enterprise.legalRepIdNumber', 'enterpriseLegalRepIdNumber', 'ID_NUMBER'),
    field('enterprise.liquidationCompletedOn', 'enterpriseLiquidationCompletedOn', 'DATE'),
    field('enterprise.employeeCount', 'enterpriseEmployeeCount', 'INTEGER'),
    field('enterprise.name', 'enterpriseName', 'TEXT'),
  ].map((f) => [f.semanticKey, f]),
);

describe('encoding a form for the market wire', () => {
  it('uses the published field codes and converts fen to yuan, leaving out fields of other departments', () => {
    const { form, problems } = encodeForm(
      {
        'enterprise.registeredCapital': 50_000_050,
        'enterprise.legalRepIdNumber': '11010519491231002x',
        'enterprise.liquidationCompletedOn': '2026-05-31',
        'enterprise.employeeCount': 3,
        'tax.taxpayerType': 'general',
      },
      fields,
    );
    expect(problems).toEqual([]);
    expect(form).toEqual({
      enterpriseRegisteredCapital: 500000.5,
      enterpriseLegalRepIdNumber: '11010519491231002X',
      enterpriseLiquidationCompletedOn: '2026-05-31',
      enterpriseEmployeeCount: 3,
    });
  });

  it('lists every bad value at once, by semantic key', () => {
    const { problems } = encodeForm(
      {
        'enterprise.registeredCapital': 12.5,
        'enterprise.legalRepIdNumber': '110105194912310021',
        'enterprise.liquidationCompletedOn': '31/05/2026',
        'enterprise.name': 7,
        'tax.taxpayerType': 'general',
      },
      fields,
      true,
    );
    expect(problems.map((p) => `${p.path}:${p.rule}`)).toEqual([
      'fields.enterprise.registeredCapital:money',
      'fields.enterprise.legalRepIdNumber:GB11643.checkCharacter',
      'fields.enterprise.liquidationCompletedOn:date',
      'fields.enterprise.name:type',
      'fields.tax.taxpayerType:unknown',
    ]);
    for (const p of problems) expect(p.message.zh && p.message.en).toBeTruthy();
  });
});
