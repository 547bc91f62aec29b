import { fenToYuan } from '@onething/schema';
import type { ReadBy } from '../applicant';
import type { OneForm } from '../catalogue/one-form';
import type { AuditTrail } from '../consent/audit-trail';
import type { PrefilledValue, UnavailableSource } from '../consent/prefills';
import type { SupergraphClient } from '../platform/supergraph-client';
import type { SaleConfirmation } from './store';
import { readUnitAsOwner } from './unit';

/** The fields a sale confirmed to the buyer fills (the price too, when the seller gave one). */
export const FILLED_FROM_SALE = [
  'seller.confirmation',
  'seller.idNumber',
  'seller.name',
  'property.unitCode',
  'property.certificateNumber',
  'property.address',
  'property.area',
  'property.use',
] as const;

/**
 * The seller's and the unit's fields of a house transfer, from the registry under the seller's
 * confirmation (read acting for the seller, who consented by confirming): the buyer picks the sale and no
 * longer types the 28-character unit code, the certificate number, the area or the address. Values that
 * come from the confirmation or the register are locked; the price the seller gave stays editable (the
 * check compares it with the confirmation).
 */
export async function prefillFromSale(
  sale: SaleConfirmation,
  form: OneForm,
  buyer: { readonly subject: string; readonly role: string } & ReadBy,
  client: SupergraphClient,
  audit: AuditTrail,
  bundleCode: string,
): Promise<{ values: PrefilledValue[]; unavailable: UnavailableSource[] }> {
  const asked = new Set(form.fields.map((f) => f.key));
  const confirmedAt = sale.confirmedAt.toISOString();
  const values: PrefilledValue[] = [];
  const put = (key: string, value: string | null | undefined, updatedAt: string, editable = false) => {
    if (asked.has(key) && value !== null && value !== undefined)
      values.push({ key, value, department: 'realestate', updatedAt, editable });
  };
  put('seller.confirmation', sale.id, confirmedAt);
  put('seller.idNumber', sale.sellerIdNumber, confirmedAt);
  put('seller.name', sale.sellerName, confirmedAt);
  put('property.unitCode', sale.unitCode, confirmedAt);
  if (sale.priceFen !== null) put('transaction.price', fenToYuan(sale.priceFen), confirmedAt, true);
  const read = await readUnitAsOwner(client, sale.unitCode, sale.sellerIdNumber);
  if (read.kind === 'unavailable')
    return {
      values,
      unavailable: [
        {
          department: 'realestate',
          code: 'DEPARTMENT_UNAVAILABLE',
          message: read.reason,
          fields: ['property.certificateNumber', 'property.address', 'property.area', 'property.use'],
        },
      ],
    };
  if (read.kind === 'unit') {
    const at = read.unit.updatedAt ?? confirmedAt;
    put('property.certificateNumber', read.unit.certificateNumber, at);
    put('property.address', read.unit.address, at);
    put('property.area', read.unit.area, at);
    put('property.use', read.unit.use?.toLowerCase(), at);
  }
  await audit.record([
    {
      actorSubject: buyer.subject,
      actorRole: buyer.role,
      officer: buyer.officer ?? null,
      agent: buyer.agent ?? null,
      subjectIdNumber: sale.sellerIdNumber,
      subjectUscc: null,
      department: 'realestate',
      fields: ['property.certificateNumber', 'property.address', 'property.area', 'property.use'],
      bundleCode,
      applicationId: null,
      purpose: { kind: 'prefill', about: sale.unitCode },
    },
  ]);
  return { values, unavailable: [] };
}
