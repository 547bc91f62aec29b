import { AdapterError } from '@onething/adapter-core';
import { describe, expect, it } from 'vitest';
import { encodeFields, submissionBody } from './forms';

describe('the tax wire form', () => {
  it('puts each semantic key under its field code, flags as Y/N, fen and dates as they are', () => {
    expect(
      encodeFields('cases.submit', {
        'transaction.price': 150_000_000,
        'buyer.isFirstHome': false,
        'transaction.contractDate': '2026-06-01',
        'property.area': 89.5,
      }),
    ).toEqual({
      transaction_price: 150_000_000,
      buyer_is_first_home: 'N',
      transaction_contract_date: '2026-06-01',
      property_area: 89.5,
    });
  });

  it('refuses keys that are not semantic keys and values of no wire type, all at once', () => {
    let err: unknown;
    try {
      encodeFields('cases.submit', { transaction_price: 1, 'property.area': Number.NaN, 'a.b': 'ok' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AdapterError);
    expect((err as AdapterError).code).toBe('INVALID_INPUT');
    expect((err as AdapterError).details.problems?.map((p) => p.path)).toEqual([
      'fields.transaction_price',
      'fields.property.area',
    ]);
  });

  it('normalises the applicant’s ID number and lists materials by id and file reference', () => {
    const body = submissionBody('cases.submit', {
      itemCode: 'TAX-INVOICE',
      idempotencyKey: 'k-12345678',
      applicant: { idNumber: '11010519491231002x', name: '王芳' },
      fields: {},
      materials: [{ id: 'id-card', reference: 'files/1.pdf' }],
    });
    expect(body).toMatchObject({
      applicant_id_number: '11010519491231002X',
      materials: [{ material_id: 'id-card', file_ref: 'files/1.pdf' }],
    });
  });
});
