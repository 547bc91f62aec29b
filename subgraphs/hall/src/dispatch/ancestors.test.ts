import { describe, expect, it } from 'vitest';
import type { Part } from '../applications/model';
import { ancestorsOf } from './dispatcher';

const part = (itemCode: string, after: string[] = []) => ({ itemCode, after }) as unknown as Part;

describe('the parts a part waits for', () => {
  // Start a business: the establishment, then the new taxpayer and the fund account; invoices after tax.
  const all = [
    part('MKT-ESTABLISH'),
    part('TAX-NEW-TAXPAYER', ['MKT-ESTABLISH']),
    part('TAX-INVOICE', ['TAX-NEW-TAXPAYER']),
    part('FUND-EMPLOYER-OPEN', ['MKT-ESTABLISH']),
  ];

  it('include those it waits for through others, so the new USCC reaches the invoice application', () => {
    expect(ancestorsOf(all[2]!, all).map((p) => p.itemCode)).toEqual(['MKT-ESTABLISH', 'TAX-NEW-TAXPAYER']);
  });

  it('are none for a part that waits for nothing, and exclude parts beside it', () => {
    expect(ancestorsOf(all[0]!, all)).toEqual([]);
    expect(ancestorsOf(all[3]!, all).map((p) => p.itemCode)).toEqual(['MKT-ESTABLISH']);
  });
});
