import type { CaseState, FieldSpec, IssuedDocument, ItemSpec } from '@onething/adapter-core';
import { fenToYuan } from '@onething/schema';

/**
 * Domain objects in the shape of the one schema: enums in UPPER_SNAKE, money through the Money scalar
 * (fen inside), bounds written as values are.
 */

const upper = (s: string) =>
  s
    .replace(/-/g, '_')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toUpperCase();

function bound(field: FieldSpec, value: number | undefined): string | null {
  if (value === undefined) return null;
  return field.type === 'money' ? fenToYuan(value) : String(value);
}

/** An item as the schema's `Item` interface shows it. */
export function itemShape(item: ItemSpec) {
  return {
    code: item.code,
    department: item.department.toUpperCase(),
    name: item.name,
    type: upper(item.type),
    legalBasis: item.legalBasis,
    legalLimitDays: item.legalLimitDays,
    promisedLimitDays: item.promisedLimitDays,
    acceptanceConditions: item.acceptanceConditions,
    fee: item.feeFen,
    visits: item.visits,
    fields: item.fields.map((f) => ({
      key: f.key,
      label: f.label,
      type: upper(f.type),
      required: f.required,
      editable: f.editable,
      hint: f.hint ?? null,
      minLength: f.minLength ?? null,
      maxLength: f.maxLength ?? null,
      pattern: f.pattern ?? null,
      min: bound(f, f.min),
      max: bound(f, f.max),
      options: f.options ?? [],
    })),
    materials: item.materials.map((m) => ({ ...m, heldBy: m.heldBy.map((d) => d.toUpperCase()) })),
    result: item.result,
  };
}

/** A case as the schema's `Case` interface shows it. */
export function caseShape(state: CaseState) {
  return {
    caseNumber: state.caseNumber,
    department: state.department.toUpperCase(),
    itemCode: state.itemCode,
    status: state.status,
    statusAt: state.statusAt,
    acceptedAt: state.acceptedAt,
    reason: state.reason ?? null,
    correctionFields: state.correctionFields ?? [],
    result: Object.entries(state.result ?? {}).map(([key, value]) => ({ key, value })),
  };
}

/** An issued document as the schema's `IssuedDocument` shows it: the file in base64. */
export function documentShape(doc: IssuedDocument) {
  return {
    number: doc.number,
    materialId: doc.materialId,
    name: doc.name,
    kind: doc.kind,
    holderIdNumber: doc.holderIdNumber,
    holderName: doc.holderName,
    subject: doc.subject,
    issuedAt: doc.issuedAt,
    issuer: doc.issuer,
    contentType: doc.contentType,
    sha256: doc.sha256,
    content: doc.content.toString('base64'),
    signature: doc.signature,
  };
}
