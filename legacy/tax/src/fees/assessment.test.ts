import { loadItems } from '@onething/legacy-kit';
import { describe, expect, it } from 'vitest';
import { assessTaxFees } from './assessment';

const items = loadItems('tax', new URL('../../data/items.json', import.meta.url));
const item = (code: string) => items.find((i) => i.code === code)!;
const GENERAL = { rateBp: 300, citation: '浙江省决定' };
const form = {
  transaction_price: 50_232_400,
  property_area: 57.54,
  property_use: 'residential',
  buyer_is_first_home: 'Y',
  property_unit_code: '330402002001GB06484F00221705',
};

describe('the tax office’s assessment of a form', () => {
  it('assesses the deed tax on the declared values, paid to the treasury through the unit’s tax office', () => {
    const r = assessTaxFees([item('TAX-DEED-TAX')], form, GENERAL, '2026-06-01');
    expect(r).toEqual({
      lines: [
        expect.objectContaining({
          itemCode: 'TAX-DEED-TAX',
          feeCode: 'deed_tax',
          baseFen: 50_232_400,
          rateBp: 100,
          amountFen: 502_324,
          payee: expect.objectContaining({
            zh: expect.stringMatching(/^国家金库（国家税务总局.+税务局征收）$/),
          }),
        }),
      ],
    });
  });

  it('reads the second-home flag the form added, and the contract date when given', () => {
    const r = assessTaxFees(
      [item('TAX-DEED-TAX')],
      { ...form, property_area: 150, buyer_is_first_home: 'N', buyer_is_second_home: 'Y' },
      GENERAL,
      '2026-06-01',
    );
    expect('lines' in r && r.lines[0]).toMatchObject({ rateBp: 200 });
    const old = assessTaxFees(
      [item('TAX-DEED-TAX')],
      { ...form, property_area: 100, transaction_contract_date: '2024-11-01' },
      GENERAL,
      '2026-06-01',
    );
    expect('lines' in old && old.lines[0]).toMatchObject({ rateBp: 150 });
  });

  it('lists every value it lacks or cannot read at once, under the wire’s field codes', () => {
    const r = assessTaxFees(
      [item('TAX-DEED-TAX')],
      { transaction_price: 1234.5, buyer_is_first_home: 'Y', buyer_is_second_home: 'Y' },
      GENERAL,
      '2026-06-01',
    );
    expect(r).toEqual({
      errors: [
        { field: 'form.transaction_price', reason: '金额应为以分为单位的整数' },
        { field: 'form.property_area', reason: '核定契税需要此项' },
        { field: 'form.property_use', reason: '核定契税需要此项' },
      ],
    });
  });

  it('names a contradiction the rules find', () => {
    const r = assessTaxFees(
      [item('TAX-DEED-TAX')],
      { ...form, buyer_is_second_home: 'Y' },
      GENERAL,
      '2026-06-01',
    );
    expect(r).toEqual({
      errors: [{ field: 'form.buyer_is_second_home', reason: expect.stringContaining('不能同时') }],
    });
  });

  it('answers items that charge nothing with a line of 0 and its rule', () => {
    const r = assessTaxFees([item('TAX-NEW-TAXPAYER')], {}, GENERAL, '2026-06-01');
    expect(r).toEqual({
      lines: [expect.objectContaining({ itemCode: 'TAX-NEW-TAXPAYER', feeCode: 'none', amountFen: 0 })],
    });
  });
});
