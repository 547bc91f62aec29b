import type { Application } from '../applications/model';
import type { HallItem } from '../catalogue/items';
import type { Documents } from './store';

/**
 * The documents a later application counts as held (免提交) rather than asking for them again, each with
 * the form value naming what it is about: a property certificate is of one unit, a business licence of one
 * enterprise — holding a certificate of another unit proves nothing. A receipt or a notice is of its own
 * transaction and is never reused. (国务院办公厅 国办发〔2022〕3号, on extending the use of 电子证照
 * across regions: what the government issued is not asked of the applicant again.)
 */
export const REUSABLE: Readonly<Record<string, string>> = {
  'property-certificate': 'property.unitCode',
  'business-licence': 'enterprise.uscc',
};

/**
 * The documents a part's case is sent with instead of an upload, by material id (their numbers): a
 * reusable material the item requires, not uploaded, held by the applicant — or, in a house transfer, by
 * the seller who confirmed the sale (their confirmation is their consent to its use) — about the subject
 * the form names.
 */
export async function heldDocuments(
  documents: Documents,
  item: HallItem,
  application: Application,
): Promise<Map<string, string>> {
  const values = new Map(application.values.map((v) => [v.key, v.value.trim()]));
  const uploaded = new Set(application.materials.map((m) => m.id));
  const holders = [application.applicantIdNumber];
  const seller = values.get('seller.idNumber');
  if (seller && values.get('seller.confirmation')) holders.push(seller.toUpperCase());
  const held = new Map<string, string>();
  for (const m of item.materials) {
    const subjectKey = REUSABLE[m.id];
    if (!m.required || !subjectKey || uploaded.has(m.id)) continue;
    const subject = values.get(subjectKey);
    if (!subject) continue;
    const found = await documents.held(m.id, holders, subject);
    if (found) held.set(m.id, found.number);
  }
  return held;
}
