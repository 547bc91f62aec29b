import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogueFromItemFiles } from '../../../../scripts/bundle-figures';
import { readBundleFiles } from './definition';
import { criticalPathDays, deriveOneForm } from './one-form';
import { bundleSavings } from './savings';

const catalogue = catalogueFromItemFiles();
const { bundles } = readBundleFiles(fileURLToPath(new URL('../../bundles', import.meta.url)));
const byCode = (code: string) => bundles.find((b) => b.code === code)!;

describe('the one form of a bundle', () => {
  const transfer = byCode('HOUSE-TRANSFER');

  it('asks each semantic key once, for every item that uses it', () => {
    const form = deriveOneForm(transfer, catalogue);
    const keys = form.fields.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    const price = form.fields.find((f) => f.key === 'transaction.price')!;
    expect([...price.usedBy].sort()).toEqual(['FUND-PURCHASE-WITHDRAWAL', 'RE-TRANSFER', 'TAX-DEED-TAX']);
    expect(price.required).toBe(true);
  });

  it('merges rules across items: editable only if every item allows, the strictest bounds', () => {
    const form = deriveOneForm(transfer, catalogue);
    expect(form.fields.find((f) => f.key === 'applicant.idNumber')).toMatchObject({
      editable: false,
      type: 'ID_NUMBER',
    });
  });

  it('does not ask for a document an earlier item issues, nor one a participating department holds', () => {
    const form = deriveOneForm(transfer, catalogue);
    const m = (id: string) => form.materials.find((x) => x.id === id)!;
    expect(m('deed-tax-receipt')).toMatchObject({
      submit: false,
      source: 'PRODUCED_IN_BUNDLE',
      producedBy: 'TAX-DEED-TAX',
    });
    expect(m('property-certificate')).toMatchObject({
      submit: false,
      source: 'HELD_BY_DEPARTMENT',
      heldBy: 'REALESTATE',
    });
    expect(m('id-card')).toMatchObject({ submit: true, source: 'APPLICANT' });
    expect([...m('sale-contract').usedBy].sort()).toEqual([
      'FUND-PURCHASE-WITHDRAWAL',
      'RE-TRANSFER',
      'TAX-DEED-TAX',
    ]);
  });

  it('never asks a value that flows from an earlier item: the new USCC of a business', () => {
    const form = deriveOneForm(byCode('START-BUSINESS'), catalogue);
    expect(form.fields.map((f) => f.key)).not.toContain('enterprise.uscc');
    expect(form.flows).toContainEqual({
      from: 'MKT-ESTABLISH',
      key: 'enterprise.uscc',
      to: ['TAX-NEW-TAXPAYER', 'TAX-INVOICE', 'FUND-EMPLOYER-OPEN'],
    });
    expect(form.materials.find((x) => x.id === 'business-licence')).toMatchObject({ submit: false });
  });

  it('brings an option’s items and their fields in only when chosen', () => {
    expect(deriveOneForm(transfer, catalogue).items).not.toContain('FUND-LOAN');
    const withLoan = deriveOneForm(transfer, catalogue, ['loan']);
    expect(withLoan.items).toEqual(expect.arrayContaining(['FUND-LOAN', 'RE-MORTGAGE']));
    expect(withLoan.fields.map((f) => f.key)).toEqual(
      expect.arrayContaining(['fund.loanAmount', 'mortgage.mortgagee']),
    );
    expect(withLoan.materials.find((x) => x.id === 'loan-contract')).toMatchObject({
      source: 'PRODUCED_IN_BUNDLE',
      producedBy: 'FUND-LOAN',
    });
  });

  it('groups fields in sections a front end can render', () => {
    const form = deriveOneForm(transfer, catalogue);
    expect(form.sections.map((s) => s.key)).toEqual([
      'applicant',
      'seller',
      'buyer',
      'property',
      'transaction',
      'fund',
    ]);
    expect(form.sections.flatMap((s) => s.fieldKeys).sort()).toEqual(form.fields.map((f) => f.key).sort());
    expect(form.sections[0]!.title).toEqual({ zh: '申请人', en: 'Applicant' });
  });
});

describe('what a bundle saves', () => {
  it('counts from the items’ own data: fields, required materials, windows, visits, days', () => {
    const b = byCode('HOUSE-TRANSFER');
    const items = ['TAX-DEED-TAX', 'FUND-PURCHASE-WITHDRAWAL', 'RE-TRANSFER'].map((c) => catalogue.get(c)!);
    const form = deriveOneForm(b, catalogue);
    const s = bundleSavings(b, catalogue, form);
    expect(s.fields).toEqual({
      separately: items.reduce((n, i) => n + i.fields.length, 0),
      bundled: form.fields.length,
      saved: expect.any(Number),
    });
    expect(s.materials.separately).toBe(
      items.reduce((n, i) => n + i.materials.filter((m) => m.required).length, 0),
    );
    expect(s.materials.bundled).toBe(form.materials.filter((m) => m.required && m.submit).length);
    expect(s.windows).toMatchObject({ separately: 3, bundled: 1 });
    expect(s.timeLimitDays.separately).toBe(items.reduce((n, i) => n + i.promisedLimitDays, 0));
    expect(s.fields.bundled).toBeLessThan(s.fields.separately);
    expect(s.materials.bundled).toBeLessThan(s.materials.separately);
  });

  it('takes the critical path when items run in parallel', () => {
    const b = byCode('HOUSE-TRANSFER');
    const days = (c: string) => catalogue.get(c)!.promisedLimitDays;
    const expected = Math.max(days('TAX-DEED-TAX'), days('FUND-PURCHASE-WITHDRAWAL')) + days('RE-TRANSFER');
    expect(criticalPathDays(b, catalogue, ['TAX-DEED-TAX', 'FUND-PURCHASE-WITHDRAWAL', 'RE-TRANSFER'])).toBe(
      expected,
    );
    const withLoan = Math.max(expected, days('FUND-LOAN')) + days('RE-MORTGAGE');
    expect(criticalPathDays(b, catalogue, deriveOneForm(b, catalogue, ['loan']).items)).toBe(withLoan);
  });

  it('saves fields and materials in every bundle', () => {
    for (const b of bundles) {
      const s = bundleSavings(b, catalogue, deriveOneForm(b, catalogue));
      expect(s.fields.bundled, b.code).toBeLessThan(s.fields.separately);
      expect(s.materials.bundled, b.code).toBeLessThan(s.materials.separately);
    }
  });
});
