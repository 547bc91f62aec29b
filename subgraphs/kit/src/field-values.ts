import type { FieldSpec, FieldValue, FieldValues, ItemSpec } from '@onething/adapter-core';
import { validateResidentId, validateUnitCode, validateUscc, yuanToFen } from '@onething/schema';
import { forbiddenCharacters, forbiddenCharactersMessage } from '@onething/schema/forms';

/** One problem with a submitted value, in both languages. */
export interface ValueProblem {
  readonly path: string;
  readonly rule: string;
  readonly message: { readonly zh: string; readonly en: string };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function convert(field: FieldSpec, raw: string): FieldValue | ValueProblem['message'] {
  const text = raw.trim();
  switch (field.type) {
    case 'money': {
      const fen = yuanToFen(text);
      return fen ?? { zh: '金额应为元，最多两位小数', en: 'an amount in yuan with at most two decimals' };
    }
    case 'integer':
      return /^-?\d+$/.test(text) ? Number(text) : { zh: '应为整数', en: 'a whole number' };
    case 'decimal':
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : { zh: '应为数字', en: 'a number' };
    case 'boolean':
      return text === 'true'
        ? true
        : text === 'false'
          ? false
          : { zh: '应为 true 或 false', en: 'true or false' };
    case 'date':
      return DATE.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text)
        ? text
        : { zh: '应为真实日期 yyyy-MM-dd', en: 'a real date written yyyy-MM-dd' };
    case 'idNumber': {
      const v = validateResidentId(text);
      return v.ok
        ? v.value
        : {
            zh: v.problems.map((p) => p.message.zh).join('；'),
            en: v.problems.map((p) => p.message.en).join('; '),
          };
    }
    case 'uscc': {
      const v = validateUscc(text);
      return v.ok
        ? v.value
        : {
            zh: v.problems.map((p) => p.message.zh).join('；'),
            en: v.problems.map((p) => p.message.en).join('; '),
          };
    }
    case 'unitCode': {
      const v = validateUnitCode(text);
      return v.ok
        ? v.value
        : {
            zh: v.problems.map((p) => p.message.zh).join('；'),
            en: v.problems.map((p) => p.message.en).join('; '),
          };
    }
    case 'text': {
      const found = forbiddenCharacters(text);
      return found.length > 0 ? forbiddenCharactersMessage(found) : text;
    }
    default:
      return text;
  }
}

/**
 * Turns the schema's text values into domain values by the item's field types (money to fen, numbers,
 * booleans, validated identifiers). Every problem is reported at once; unknown keys are problems too.
 */
export function fieldValues(
  item: Pick<ItemSpec, 'code' | 'fields'>,
  values: readonly { key: string; value: string }[],
  pathPrefix = 'fields',
): { values: FieldValues; problems: ValueProblem[] } {
  const specs = new Map(item.fields.map((f) => [f.key, f]));
  const out: Record<string, FieldValue> = {};
  const problems: ValueProblem[] = [];
  values.forEach(({ key, value }, i) => {
    const spec = specs.get(key);
    const path = `${pathPrefix}[${i}]`;
    if (!spec) {
      problems.push({
        path,
        rule: 'field.unknown',
        message: { zh: `事项 ${item.code} 没有字段 ${key}`, en: `item ${item.code} has no field ${key}` },
      });
      return;
    }
    const converted = convert(spec, value);
    if (typeof converted === 'object')
      problems.push({
        path,
        rule: `field.${spec.type}`,
        message: { zh: `${spec.label.zh}：${converted.zh}`, en: `${key}: ${converted.en}` },
      });
    else out[key] = converted;
  });
  return { values: out, problems };
}

/**
 * A key or reference: 1 to `max` characters without spaces (`b2c1e3f0-…`, `upload:<id>`, `document:<number>`,
 * which may be written in Chinese); control characters are refused for every value before this.
 */
const KEY = /^\S+$/u;

/**
 * Problems of a case's own values besides its fields: the applicant's name (a name, as the forms take it),
 * the idempotency key and the material references (keys, never text), each at its path.
 */
export function caseInputProblems(input: {
  readonly applicantName: string;
  readonly idempotencyKey: string;
  readonly materials?: readonly { readonly id: string; readonly reference: string }[] | null;
}): ValueProblem[] {
  const problems: ValueProblem[] = [];
  const name = input.applicantName.trim();
  const found = forbiddenCharacters(name);
  if (name.length === 0 || [...name].length > 50)
    problems.push({
      path: 'input.applicantName',
      rule: 'field.text',
      message: { zh: '申请人姓名应为1至50个字', en: 'applicantName: 1 to 50 characters' },
    });
  else if (found.length > 0) {
    const m = forbiddenCharactersMessage(found);
    problems.push({
      path: 'input.applicantName',
      rule: 'field.text',
      message: { zh: `申请人姓名${m.zh}`, en: `applicantName ${m.en}` },
    });
  }
  const key = (path: string, value: string, max: number) => {
    if (value.length === 0 || value.length > max || !KEY.test(value))
      problems.push({
        path,
        rule: 'key.format',
        message: {
          zh: `${path} 应为1至${max}个字符，不含空格`,
          en: `${path}: 1 to ${max} characters without spaces (a UUID, for one)`,
        },
      });
  };
  key('input.idempotencyKey', input.idempotencyKey, 128);
  for (const [i, m] of (input.materials ?? []).entries()) {
    key(`input.materials[${i}].id`, m.id, 64);
    key(`input.materials[${i}].reference`, m.reference, 200);
  }
  return problems;
}
