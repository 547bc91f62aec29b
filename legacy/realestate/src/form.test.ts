import { loadItems } from '@onething/legacy-kit';
import { parseXml } from '@onething/runtime/xml';
import { describe, expect, it } from 'vitest';
import { Catalogue } from './catalogue';
import { readForm, readValue } from './form';
import { Problems } from './soap';

const catalogue = new Catalogue(loadItems('realestate', new URL('../data/items.json', import.meta.url)));
const transfer = catalogue.get('RE-TRANSFER')!;
const field = (code: string) => transfer.byCode.get(code)!;
const form = (fields: Record<string, string>) =>
  parseXml(
    `<Form>${Object.entries(fields)
      .map(([code, v]) => `<Field code="${code}">${v}</Field>`)
      .join('')}</Form>`,
  );

describe('form values on the wire', () => {
  it('reads money as yuan with two decimals into fen', () => {
    expect(readValue(field('TransactionPrice'), '1234567.89')).toEqual({ value: 123456789 });
    expect(readValue(field('TransactionPrice'), '1234567')).toMatchObject({ rule: 'money' });
    expect(readValue(field('TransactionPrice'), '0.50')).toMatchObject({ rule: 'min' });
  });

  it('reads areas with two decimals and checks the bounds', () => {
    expect(readValue(field('PropertyArea'), '89.50')).toEqual({ value: 89.5 });
    expect(readValue(field('PropertyArea'), '89.5')).toMatchObject({ rule: 'decimal' });
    expect(readValue(field('PropertyArea'), '0.50')).toMatchObject({ rule: 'min' });
  });

  it('checks identifiers, options and patterns', () => {
    expect(readValue(field('SellerIdNumber'), '110105194912310021')).toMatchObject({
      rule: 'GB11643.checkCharacter',
    });
    expect(readValue(field('BuyerMaritalStatus'), 'married')).toEqual({ value: 'married' });
    expect(readValue(field('BuyerMaritalStatus'), 'engaged')).toMatchObject({ rule: 'enum' });
    expect(readValue(field('TransactionContractNumber'), 'bad number')).toMatchObject({ rule: 'pattern' });
  });

  it('lists every problem of a submission at once: unknown, repeated, malformed and missing fields', () => {
    const problems = new Problems();
    readForm(
      form({ Nonsense: 'x', TransactionPrice: '12', ApplicantPhone: '13800000000' }),
      transfer,
      'submission',
      problems,
    );
    const byField = Object.fromEntries(problems.list.map((p) => [p.field, p.rule]));
    expect(byField).toMatchObject({
      Nonsense: 'unknown',
      TransactionPrice: 'money',
      SellerIdNumber: 'required',
    });
    expect(byField).not.toHaveProperty('ApplicantPhone');
  });

  it('takes a partial correction but refuses fields that may not be changed', () => {
    const problems = new Problems();
    const values = readForm(
      form({
        PropertyCertificateNumber: '浙(2026)吴兴区不动产权第0000001号',
        ApplicantIdNumber: '11010519491231002X',
      }),
      transfer,
      'correction',
      problems,
    );
    expect(values).toEqual({ 'property.certificateNumber': '浙(2026)吴兴区不动产权第0000001号' });
    expect(problems.list.map((p) => [p.field, p.rule])).toEqual([['ApplicantIdNumber', 'notEditable']]);
  });
});
