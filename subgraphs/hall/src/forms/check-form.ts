import { checkValue, type FormProblem, problem, requiredProblem } from '@onething/schema/forms';
import type { OneForm } from '../catalogue/one-form';
import { departmentName } from '../consent/prefill-sources';
import type { Prefill } from '../consent/prefills';
import { type CrossCheckInput, crossChecks, type NotChecked } from './cross-checks';

export interface FormCheck {
  readonly valid: boolean;
  readonly problems: readonly FormProblem[];
  readonly notChecked: readonly NotChecked[];
}

export interface FilledForm {
  readonly values: readonly { key: string; value: string }[];
  /** Ids of the materials handed in. */
  readonly materials: readonly string[];
}

/**
 * One validation (一次告知): every field's rules, every required field and material, values the applicant
 * may not change after prefill, and the rules across fields and departments — all problems in one answer.
 */
export async function checkForm(
  form: OneForm,
  filled: FilledForm,
  prefill: Prefill | undefined,
  cross: Omit<CrossCheckInput, 'values' | 'usedBy'>,
): Promise<FormCheck> {
  const problems: FormProblem[] = [];
  const fields = new Map(form.fields.map((f) => [f.key, f]));
  const issued = new Map(form.flows.map((f) => [f.key, f.from]));
  const given = new Map<string, string>();
  const valid = new Map<string, string>();

  for (const { key, value } of filled.values) {
    if (given.has(key)) {
      problems.push(
        problem(
          key,
          'field.duplicate',
          '同一字段填写了两次',
          'the same field is given twice',
          fields.get(key)?.usedBy ?? [],
        ),
      );
      continue;
    }
    given.set(key, value);
    const field = fields.get(key);
    if (!field) {
      const from = issued.get(key);
      problems.push(
        from
          ? problem(
              key,
              'field.issuedInBundle',
              `该项由 ${from} 办结后自动生成，无需填写`,
              `issued by ${from} within the bundle; leave it out`,
              [],
            )
          : problem(key, 'field.unknown', '本表单没有该字段', 'this form has no such field', []),
      );
      continue;
    }
    if (value.trim() === '') continue;
    // A value as a department's own record holds it (prefilled, unchanged) goes back to the departments as
    // they wrote it: its characters are theirs, not the applicant's to fix.
    const asRecorded = prefill?.values.some((p) => p.key === key && p.value === value.trim());
    const found = checkValue(field, value).filter((p) => !(asRecorded && p.code === 'field.characters'));
    problems.push(...found);
    if (found.length === 0) valid.set(key, value.trim());
  }
  for (const field of form.fields) {
    if (field.required && (given.get(field.key)?.trim() ?? '') === '') {
      problems.push(requiredProblem(field));
    }
  }
  for (const v of prefill?.values ?? []) {
    const now = given.get(v.key);
    if (!v.editable && now !== undefined && now.trim() !== v.value) {
      const label = fields.get(v.key)?.label ?? { zh: v.key, en: v.key };
      problems.push(
        problem(
          v.key,
          'field.locked',
          `${label.zh}来自${departmentName(v.department).zh}的登记信息，不能修改`,
          `${label.en} comes from the records of ${departmentName(v.department).en} and cannot be changed`,
          fields.get(v.key)?.usedBy ?? [],
        ),
      );
    }
  }
  const handed = new Set(filled.materials);
  for (const m of form.materials) {
    if (m.required && m.submit && !handed.has(m.id)) {
      problems.push(
        problem(
          `materials.${m.id}`,
          'material.missing',
          `请提交${m.name.zh}`,
          `${m.name.en}: not handed in yet; upload it with the form`,
          m.usedBy,
        ),
      );
    }
  }
  for (const id of handed) {
    const m = form.materials.find((x) => x.id === id);
    if (!m)
      problems.push(
        problem(
          `materials.${id}`,
          'material.unknown',
          '本事项不需要该材料',
          'this bundle does not ask for it',
          [],
        ),
      );
    // A material that need not be handed in (免提交) is simply not used: handing it in is no error.
  }

  const cross_ = await crossChecks({ ...cross, values: valid, usedBy: (k) => fields.get(k)?.usedBy ?? [] });
  problems.push(...cross_.problems);
  return { valid: problems.length === 0, problems, notChecked: cross_.notChecked };
}
