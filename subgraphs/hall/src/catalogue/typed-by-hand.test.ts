import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogueFromItemFiles } from '../../../../scripts/bundle-figures';
import { readBundleFiles } from './definition';
import { deriveOneForm } from './one-form';
import { typedByHand } from './typed-by-hand';

const catalogue = catalogueFromItemFiles();
const { bundles } = readBundleFiles(fileURLToPath(new URL('../../bundles', import.meta.url)));
const formOf = (code: string, options: string[] = []) =>
  deriveOneForm(bundles.find((b) => b.code === code)!, catalogue, options);

describe('what is typed by hand on a one form', () => {
  it('leaves the house transfer’s unit and seller to the seller’s confirmation, not the buyer’s typing', () => {
    const plain = typedByHand(formOf('HOUSE-TRANSFER'));
    // Before the seller took part: 14 of 18 fields typed, the 28-character unit code among them. The two
    // fields the fee assessments need (buyer.isSecondHome, property.certificateCount) no record holds.
    expect(plain).toMatchObject({ fields: 21, typed: 9 });
    for (const key of [
      'property.unitCode',
      'property.certificateNumber',
      'property.area',
      'property.address',
    ])
      expect(plain.keys).not.toContain(key);
    expect(plain.keys).toEqual(
      expect.arrayContaining(['applicant.phone', 'transaction.price', 'transaction.contractNumber']),
    );
    expect(typedByHand(formOf('HOUSE-TRANSFER', ['loan']))).toMatchObject({ fields: 27, typed: 14 });
  });

  it('counts every field of a bundle without a seller that no record fills', () => {
    const form = formOf('START-BUSINESS');
    const counted = typedByHand(form);
    expect(counted.fields).toBe(form.fields.length);
    expect(counted.keys).not.toContain('applicant.idNumber');
    expect(counted.typed).toBe(counted.keys.length);
  });
});
