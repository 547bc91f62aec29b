import { loadItems } from '@onething/legacy-kit';
import { describe, expect, it } from 'vitest';
import { decodeForm } from './form';

const items = loadItems('tax', new URL('../data/items.json', import.meta.url));
const invoice = items.find((i) => i.code === 'TAX-INVOICE')!;
const deed = items.find((i) => i.code === 'TAX-DEED-TAX')!;

const goodInvoice = {
  applicant_id_number: '11010519491231002X',
  applicant_name: '王芳',
  applicant_phone: '13800138000',
  enterprise_uscc: '91330100716105852F',
  enterprise_name: '湖州恒信科技有限公司',
  tax_invoice_type: 'digital',
  tax_invoice_monthly_quantity: 50,
};

describe('reading a tax wire form against an item', () => {
  it('gives the values by semantic key, normalising identifiers', () => {
    const { values, errors } = decodeForm(invoice, {
      ...goodInvoice,
      applicant_id_number: '11010519491231002x',
    });
    expect(errors).toEqual([]);
    expect(values).toMatchObject({
      'applicant.idNumber': '11010519491231002X',
      'tax.invoiceMonthlyQuantity': 50,
      'enterprise.uscc': '91330100716105852F',
    });
  });

  it('lists every missing and bad field at once, under its wire code', () => {
    const { errors } = decodeForm(invoice, {
      ...goodInvoice,
      applicant_phone: undefined,
      enterprise_uscc: '91330100716105852G',
      tax_invoice_type: 'paper',
      tax_invoice_monthly_quantity: 501,
    });
    expect(errors.map((e) => e.field)).toEqual([
      'form.applicant_phone',
      'form.enterprise_uscc',
      'form.tax_invoice_type',
      'form.tax_invoice_monthly_quantity',
    ]);
    expect(errors[0]!.reason).toBe('必填');
    expect(errors[1]!.reason).toContain('F');
    expect(errors[3]!.reason).toBe('不能大于500');
  });

  it('reads flags as Y/N and money as integer fen only', () => {
    const { values, errors } = decodeForm(
      deed,
      { buyer_is_first_home: 'true', transaction_price: 1234.5, property_area: 89.123 },
      { partial: true },
    );
    expect(values).toEqual({});
    expect(errors.map((e) => [e.field, e.reason])).toEqual([
      ['form.property_area', '应为数值，最多两位小数'],
      ['form.transaction_price', '金额应为以分为单位的整数'],
      ['form.buyer_is_first_home', '应为Y或N'],
    ]);
    expect(decodeForm(deed, { buyer_is_first_home: 'N' }, { partial: true }).values).toEqual({
      'buyer.isFirstHome': false,
    });
  });

  it('refuses an impossible date', () => {
    const { errors } = decodeForm(deed, { transaction_contract_date: '2026-02-30' }, { partial: true });
    expect(errors).toEqual([
      { field: 'form.transaction_contract_date', reason: '日期格式应为yyyy-MM-dd且为有效日期' },
    ]);
  });
});
