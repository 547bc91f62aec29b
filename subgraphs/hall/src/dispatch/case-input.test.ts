import { describe, expect, it } from 'vitest';
import type { Application, Part } from '../applications/model';
import type { HallField, HallItem, HallMaterial } from '../catalogue/items';
import { caseInput } from './case-input';

const field = (key: string): HallField => ({
  key,
  label: { zh: key, en: key },
  type: 'TEXT',
  required: true,
  editable: true,
  hint: null,
  minLength: null,
  maxLength: null,
  pattern: null,
  min: null,
  max: null,
  options: [],
});
const material = (id: string, required: boolean, heldBy: HallMaterial['heldBy'] = []): HallMaterial =>
  ({ id, required, heldBy }) as unknown as HallMaterial;

const transfer: HallItem = {
  code: 'RE-TRANSFER',
  department: 'REALESTATE',
  name: { zh: '转移登记', en: 'Transfer' },
  legalLimitDays: 30,
  promisedLimitDays: 5,
  visits: 1,
  fields: [field('applicant.name'), field('property.unitCode'), field('seller.name')],
  materials: [
    material('id-card', true),
    material('deed-tax-receipt', true),
    material('property-certificate', true, ['REALESTATE']),
    material('marriage-certificate', false),
    material('fee-payment-voucher', false),
  ],
  result: { materials: ['property-certificate'], values: [] },
};

const application = {
  id: 'a-1',
  applicantIdNumber: '11010519491231002X',
  applicantName: '张三',
  values: [
    { key: 'applicant.name', value: '张三' },
    { key: 'property.unitCode', value: '330102001001GB00001F00010001' },
    { key: 'seller.name', value: '  ' },
    { key: 'fund.personalAccount', value: '330400000043' },
  ],
  materials: [{ id: 'id-card', uploadId: 'u-1' }],
} as unknown as Application;
const part = { id: 'p-3', itemCode: 'RE-TRANSFER' } as Part;
const deedTax = { itemCode: 'TAX-DEED-TAX', result: { 'deed-tax-receipt': 'SWPZ0001' } } as unknown as Part;

describe('what a part sends its department', () => {
  const input = caseInput(transfer, application, part, [deedTax]);

  it('carries the part id as its idempotency key, and the applicant', () => {
    expect(input).toMatchObject({
      itemCode: 'RE-TRANSFER',
      idempotencyKey: 'p-3',
      applicantIdNumber: '11010519491231002X',
      applicantName: '张三',
    });
  });

  it('sends only its own item’s fields, leaving blanks out', () => {
    expect(input.fields).toEqual([
      { key: 'applicant.name', value: '张三' },
      { key: 'property.unitCode', value: '330102001001GB00001F00010001' },
    ]);
  });

  it('refers to uploads, to documents issued earlier in the bundle, and to what the department holds', () => {
    expect(input.materials).toEqual([
      { id: 'id-card', reference: 'upload:u-1' },
      { id: 'deed-tax-receipt', reference: 'document:SWPZ0001' },
      { id: 'property-certificate', reference: 'held-by:realestate' },
    ]);
  });

  it('carries the paid payment as its proof when the payment held the part back, and not before', () => {
    const paid = caseInput(transfer, application, part, [deedTax], {
      proof: 'fee-payment-voucher',
      orderNumber: 'UPP202612050000000001',
    });
    expect(paid.materials).toContainEqual({
      id: 'fee-payment-voucher',
      reference: 'payment:UPP202612050000000001',
    });
    expect(input.materials).not.toContainEqual(expect.objectContaining({ id: 'fee-payment-voucher' }));
  });
});
