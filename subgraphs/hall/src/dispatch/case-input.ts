import type { Application, Part } from '../applications/model';
import type { HallItem } from '../catalogue/items';

/**
 * What one part sends its department: the item's fields from the one form, plus the values and documents
 * issued by the items it came after (the new USCC into tax and the fund, the deed tax receipt into the
 * transfer); materials handed in by their upload, those issued in the bundle by their document number,
 * those issued in earlier applications and held (我的证照) by their number too, those a department holds by
 * where they are, the bundle's fees paid by the payment order's number.
 */
export function caseInput(
  item: HallItem,
  application: Application,
  part: Part,
  predecessors: readonly Part[],
  /** The payment that held this part back, paid: its proof goes as a material naming the order. */
  paid: { readonly proof: string; readonly orderNumber: string } | null = null,
  /** Documents issued in earlier applications and held (免提交), by material id: their numbers. */
  held: ReadonlyMap<string, string> = new Map(),
): Record<string, unknown> {
  const given = new Map(application.values.map((v) => [v.key, v.value]));
  const issued = new Map<string, string>();
  for (const p of predecessors) for (const [k, v] of Object.entries(p.result)) issued.set(k, v);
  const fields = item.fields
    .map((f) => ({ key: f.key, value: issued.get(f.key) ?? given.get(f.key) }))
    .filter((f): f is { key: string; value: string } => f.value !== undefined && f.value.trim() !== '');
  const uploads = new Map(application.materials.map((m) => [m.id, m.uploadId]));
  const materials = item.materials.flatMap((m) => {
    if (paid && m.id === paid.proof) return [{ id: m.id, reference: `payment:${paid.orderNumber}` }];
    const uploaded = uploads.get(m.id);
    if (uploaded) return [{ id: m.id, reference: `upload:${uploaded}` }];
    const document = issued.get(m.id) ?? held.get(m.id);
    if (document) return [{ id: m.id, reference: `document:${document}` }];
    const holder = m.heldBy[0];
    return m.required && holder ? [{ id: m.id, reference: `held-by:${holder.toLowerCase()}` }] : [];
  });
  return {
    itemCode: item.code,
    idempotencyKey: part.id,
    applicantIdNumber: application.applicantIdNumber,
    applicantName: application.applicantName,
    fields,
    materials,
  };
}
