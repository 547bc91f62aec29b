import { loadItems } from '@onething/legacy-kit';
import { describe, expect, it } from 'vitest';
import { readForm } from './form';

const items = loadItems('market', new URL('../data/items.json', import.meta.url));
const deregister = items.find((i) => i.code === 'MKT-DEREGISTER')!;
const establish = items.find((i) => i.code === 'MKT-ESTABLISH')!;

describe('reading a wire form', () => {
  it('converts to the registry’s terms: money yuan → fen, identifiers normalised', () => {
    const { values, problems } = readForm(establish, {
      applicantIdNumber: '11010519491231002x',
      applicantName: ' 张三 ',
      applicantPhone: '13800000000',
      enterpriseName: '湖州某某科技有限公司',
      enterpriseRegisteredCapital: 1234.56,
      enterpriseAddress: '湖州',
      enterpriseBusinessScope: '软件开发',
      enterpriseLegalRepIdNumber: '11010519491231002X',
      enterpriseLegalRepName: '张三',
      enterpriseEmployeeCount: 0,
    });
    expect(problems).toEqual([]);
    expect(values).toMatchObject({
      'applicant.idNumber': '11010519491231002X',
      'applicant.name': '张三',
      'enterprise.registeredCapital': 123456,
      'enterprise.employeeCount': 0,
    });
  });

  it('checks dates, enums and money precision', () => {
    const { problems } = readForm(deregister, {
      applicantIdNumber: '11010519491231002X',
      applicantName: '张三',
      applicantPhone: '13800000000',
      enterpriseUscc: '91330100716105852F',
      enterpriseName: 'x',
      enterpriseDeregistrationReason: 'bankrupt',
      enterpriseLiquidationCompletedOn: '2026-02-30',
    });
    expect(problems.map((p) => `${p.field}:${p.rule}`)).toEqual([
      'form.enterpriseDeregistrationReason:enum',
      'form.enterpriseLiquidationCompletedOn:date',
    ]);
    const money = readForm(establish, { enterpriseRegisteredCapital: '100.00' }).problems;
    expect(money.find((p) => p.field === 'form.enterpriseRegisteredCapital')?.rule).toBe('money');
    const tooLow = readForm(establish, { enterpriseRegisteredCapital: 0.99 }).problems;
    expect(tooLow.find((p) => p.field === 'form.enterpriseRegisteredCapital')?.rule).toBe('min');
  });

  it('limits a supplement to the fields asked for, each of them required', () => {
    const { values, problems } = readForm(
      establish,
      { enterpriseBusinessScope: '软件开发', enterpriseAddress: '别处' },
      ['enterprise.businessScope'],
    );
    expect(values).toEqual({ 'enterprise.businessScope': '软件开发' });
    expect(problems.map((p) => `${p.field}:${p.rule}`)).toEqual(['form.enterpriseAddress:unknown']);
    expect(readForm(establish, {}, ['enterprise.businessScope']).problems[0]?.rule).toBe('required');
  });
});
