import { loadItems } from '@onething/legacy-kit';
import { describe, expect, it } from 'vitest';
import { readForm } from './form';

const items = new Map(
  loadItems('fund', new URL('../data/items.json', import.meta.url)).map((i) => [i.code, i]),
);
const loan = items.get('FUND-LOAN')!;

describe('reading a form off the wire', () => {
  it('converts yuan to fen, codes to semantic values and normalises identifiers', () => {
    const { values, errors } = readForm(
      loan,
      {
        bd_dkje: '600000.50',
        bd_dkqx: '240',
        bd_hyzk: '40',
        bd_zjhm: '33050319891130104x',
        other: 'ignored',
      },
      true,
    );
    expect(errors).toEqual([]);
    expect(values).toEqual({
      'fund.loanAmount': 60_000_050,
      'fund.loanTermMonths': 240,
      'buyer.maritalStatus': 'divorced',
      'applicant.idNumber': '33050319891130104X',
    });
  });

  it('reports limits in the wire unit, and missing required fields unless partial', () => {
    const { errors } = readForm(loan, { bd_dkje: '99.99', bd_dkqx: '361' });
    const why = Object.fromEntries(errors.map((e) => [e.zd, e.yy]));
    expect(why.bd_dkje).toContain('不得小于100.00元');
    expect(why.bd_dkqx).toContain('不得大于360');
    expect(why.bd_grzh).toContain('必填');
    expect(readForm(loan, { bd_dkje: '100.00' }, true).errors).toEqual([]);
  });
});
