import type { FieldSpec, FieldValue, FieldValues, ItemSpec } from '@onething/adapter-core';
import { validateResidentId, validateUnitCode, validateUscc, yuanToFen } from '@onething/schema';

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
