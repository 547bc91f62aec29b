import { AdapterError } from '@onething/adapter-core';
import { describe, expect, it } from 'vitest';
import { wireForm } from './form';

describe('writing a form for the fund', () => {
  it('writes fen as yuan, enum values as the fund’s codes, integers and text by pinyin code', () => {
    expect(
      wireForm('ywsl', {
        'fund.loanAmount': 60_000_050,
        'fund.loanTermMonths': 240,
        'buyer.maritalStatus': 'widowed',
        'property.unitCode': '330106001001GB00001F00010101',
        'enterprise.deregistrationReason': 'term-expired',
      }),
    ).toEqual({
      bd_dkje: '600000.50',
      bd_dkqx: '240',
      bd_hyzk: '30',
      bd_bdcdyh: '330106001001GB00001F00010101',
      bd_zxyy: '02',
    });
  });

  it('refuses every unknown key and unwritable value at once, naming each', () => {
    let error: unknown;
    try {
      wireForm('ywsl', {
        'fund.withdrawalAmount': 10.5,
        'buyer.maritalStatus': 'engaged',
        'tax.invoiceType': 'digital',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AdapterError);
    expect((error as AdapterError).code).toBe('INVALID_INPUT');
    expect((error as AdapterError).details.problems?.map((p) => [p.path, p.rule])).toEqual([
      ['fields.fund.withdrawalAmount', 'fund.money'],
      ['fields.buyer.maritalStatus', 'fund.enum'],
      ['fields.tax.invoiceType', 'fund.unknownField'],
    ]);
  });
});
