import type { PublishedItem } from '@onething/legacy-kit';
import { validateResidentId } from '@onething/schema';
import { type FieldProblem, MarketError, validationFailed } from './errors';
import { type FormValues, readForm } from './form';
import type { MarketState } from './state';

/** An application as the registry accepts it, after every check of its form passed. */
export interface ApplicationInput {
  readonly item: PublishedItem;
  readonly applicant: { readonly idNumber: string; readonly name: string };
  readonly values: FormValues;
  readonly materials: readonly { readonly materialId: string; readonly fileRef: string }[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function readApplicant(body: Record<string, unknown>, problems: FieldProblem[]) {
  const applicant = body.applicant;
  if (!isObject(applicant)) {
    problems.push({ field: 'applicant', rule: 'required', reason: '缺少申请人信息' });
    return undefined;
  }
  const id = typeof applicant.idNumber === 'string' ? validateResidentId(applicant.idNumber) : undefined;
  if (!id?.ok) {
    problems.push({
      field: 'applicant.idNumber',
      rule: id ? id.problems[0]!.rule : 'required',
      reason: id ? id.problems.map((p) => p.message.zh).join('；') : '缺少申请人身份证号码',
    });
  }
  const name = typeof applicant.name === 'string' ? applicant.name.trim() : '';
  if (name.length < 1 || name.length > 50)
    problems.push({ field: 'applicant.name', rule: 'required', reason: '申请人姓名应为1至50个字符' });
  return id?.ok && name ? { idNumber: id.value, name } : undefined;
}

function readMaterials(item: PublishedItem, raw: unknown, problems: FieldProblem[]) {
  if (raw !== undefined && !Array.isArray(raw)) {
    problems.push({ field: 'materials', rule: 'type', reason: '材料应为数组' });
    return [];
  }
  const known = new Set(item.materials.map((m) => m.id));
  const out: { materialId: string; fileRef: string }[] = [];
  (raw ?? []).forEach((m: unknown, i: number) => {
    const materialId = isObject(m) && typeof m.materialId === 'string' ? m.materialId : '';
    const fileRef = isObject(m) && typeof m.fileRef === 'string' ? m.fileRef.trim() : '';
    if (!known.has(materialId as never))
      problems.push({
        field: `materials[${i}].materialId`,
        rule: 'unknown',
        reason: `事项 ${item.code} 不收取材料“${materialId}”`,
      });
    else if (fileRef.length < 1 || fileRef.length > 500)
      problems.push({
        field: `materials[${i}].fileRef`,
        rule: 'required',
        reason: '材料文件引用应为1至500个字符',
      });
    else out.push({ materialId, fileRef });
  });
  const handedIn = new Set(out.map((m) => m.materialId));
  for (const m of item.materials) {
    // Documents this registry issued itself (the licence) are looked up here, never asked for again.
    if (!m.required || handedIn.has(m.id) || m.heldBy?.includes('market')) continue;
    problems.push({ field: `materials[${m.id}]`, rule: 'required', reason: `缺少必交材料：${m.name.zh}` });
  }
  return out;
}

/**
 * Reads a submission body: the item must exist, the applicant be real, the form complete and well
 * formed, the required materials present. Every problem is reported at once in one VALIDATION_FAILED.
 * The applicant's ID number and name fill the form's `applicantIdNumber` / `applicantName` when the
 * form leaves them out; when the form has them they must agree.
 */
export function readApplication(state: MarketState, body: unknown): ApplicationInput {
  if (!isObject(body))
    throw validationFailed([{ field: '(body)', rule: 'type', reason: '请求体应为 JSON 对象' }]);
  const problems: FieldProblem[] = [];
  const item = typeof body.itemCode === 'string' ? state.itemsByCode.get(body.itemCode) : undefined;
  if (!item) {
    problems.push({
      field: 'itemCode',
      rule: typeof body.itemCode === 'string' ? 'unknown' : 'required',
      reason: typeof body.itemCode === 'string' ? `本系统不办理事项 ${body.itemCode}` : '缺少事项编码',
    });
  }
  const applicant = readApplicant(body, problems);
  if (body.form !== undefined && !isObject(body.form))
    problems.push({ field: 'form', rule: 'type', reason: '表单应为 JSON 对象' });
  if (!item) throw validationFailed(problems);
  const form: Record<string, unknown> = { ...(isObject(body.form) ? body.form : {}) };
  if (applicant) {
    for (const [code, value] of [
      ['applicantIdNumber', applicant.idNumber],
      ['applicantName', applicant.name],
    ] as const) {
      if (form[code] === undefined) form[code] = value;
      else if (typeof form[code] === 'string' && form[code].trim().toUpperCase() !== value.toUpperCase())
        problems.push({ field: `form.${code}`, rule: 'mismatch', reason: '与申请人信息不一致' });
    }
  }
  const { values, problems: formProblems } = readForm(item, form);
  problems.push(...formProblems);
  const materials = readMaterials(item, body.materials, problems);
  if (problems.length > 0 || !applicant) throw validationFailed(problems);
  return { item, applicant, values, materials };
}

/** Reads the Idempotency-Key header every write must carry. */
export function idempotencyKeyOf(header: string | string[] | undefined): string {
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined || key.length < 8 || key.length > 128 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new MarketError('VALIDATION_FAILED', '请求头 Idempotency-Key 应为8至128个可见ASCII字符', [
      {
        field: 'Idempotency-Key',
        rule: key === undefined ? 'required' : 'format',
        reason: key === undefined ? '缺少 Idempotency-Key' : '应为8至128个可见ASCII字符',
      },
    ]);
  }
  return key;
}
