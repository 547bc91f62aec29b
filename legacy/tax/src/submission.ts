import type { CaseSubmission, PublishedItem } from '@onething/legacy-kit';
import { validateResidentId } from '@onething/schema';
import type { FieldError } from './envelope';
import { decodeForm } from './form';

/** Why a submission is refused at once: 1001 (listing every bad field) or 3001 (unknown item). */
export type SubmissionRefusal =
  | { readonly code: '1001'; readonly errors: FieldError[] }
  | { readonly code: '3001'; readonly msg: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the materials list: `[{ material_id, file_ref }]`, each a non-empty string. */
function readMaterials(raw: unknown, errors: FieldError[]): { id: string; ref: string }[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    errors.push({ field: 'materials', reason: '应为数组' });
    return [];
  }
  const out: { id: string; ref: string }[] = [];
  raw.forEach((m, i) => {
    if (
      isObject(m) &&
      typeof m.material_id === 'string' &&
      m.material_id &&
      typeof m.file_ref === 'string' &&
      m.file_ref
    )
      out.push({ id: m.material_id, ref: m.file_ref });
    else errors.push({ field: `materials[${i}]`, reason: '应为{material_id, file_ref}，均为非空字符串' });
  });
  return out;
}

/**
 * Checks a submission (`POST /api/v1/cases`) as the tax system does before accepting it: the envelope
 * fields, the item code, every field of the item's form, and the required materials no department holds
 * (those held by another department are fetched through data sharing and may be left out).
 */
export function readSubmission(
  body: unknown,
  requestId: string,
  items: ReadonlyMap<string, PublishedItem>,
): { submission: CaseSubmission } | { refusal: SubmissionRefusal } {
  const errors: FieldError[] = [];
  const b = isObject(body) ? body : {};
  if (!isObject(body)) errors.push({ field: '(body)', reason: '请求体应为JSON对象' });
  if (typeof b.item_code !== 'string' || !b.item_code) errors.push({ field: 'item_code', reason: '必填' });
  const applicant =
    typeof b.applicant_id_number === 'string' ? validateResidentId(b.applicant_id_number) : undefined;
  if (!applicant) errors.push({ field: 'applicant_id_number', reason: '必填' });
  else if (!applicant.ok)
    errors.push({
      field: 'applicant_id_number',
      reason: applicant.problems.map((p) => p.message.zh).join('；'),
    });
  const applicantName = typeof b.applicant_name === 'string' ? b.applicant_name.trim() : '';
  if (!applicantName) errors.push({ field: 'applicant_name', reason: '必填' });
  if (b.form !== undefined && !isObject(b.form)) errors.push({ field: 'form', reason: '应为对象' });
  const materials = readMaterials(b.materials, errors);
  if (errors.length > 0) return { refusal: { code: '1001', errors } };

  const itemCode = b.item_code as string;
  const item = items.get(itemCode);
  if (!item) return { refusal: { code: '3001', msg: `事项编码不存在：${itemCode}` } };

  const applicantId = (applicant as { value: string }).value;
  // The envelope's applicant stands for the applicant fields of the form unless the form repeats them.
  const form = { applicant_id_number: applicantId, applicant_name: applicantName, ...(b.form as object) };
  const decoded = decodeForm(item, form);
  if (
    decoded.values['applicant.idNumber'] !== undefined &&
    decoded.values['applicant.idNumber'] !== applicantId
  )
    decoded.errors.push({ field: 'form.applicant_id_number', reason: '与申请人身份证号码不一致' });
  const handedIn = new Set(materials.map((m) => m.id));
  for (const m of item.materials) {
    if (m.required && !handedIn.has(m.id) && !(m.heldBy?.length ?? 0))
      decoded.errors.push({ field: 'materials', reason: `缺少必要材料：${m.name.zh}（${m.id}）` });
  }
  if (decoded.errors.length > 0) return { refusal: { code: '1001', errors: decoded.errors } };

  return {
    submission: {
      itemCode,
      requestRef: requestId,
      applicantId,
      fields: decoded.values,
      materials: materials.map((m) => m.id),
      materialRefs: Object.fromEntries(materials.map((m) => [m.id, m.ref])),
    },
  };
}
