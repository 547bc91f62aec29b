import type { AdapterErrorDetails, FieldValue, FieldValues } from '@onething/adapter-core';
import { type Validation, validateResidentId, validateUnitCode, validateUscc } from '@onething/schema';
import { fenToYuanNumber } from './codec';
import type { WireFormField } from './records';

type Problem = NonNullable<AdapterErrorDetails['problems']>[number];

const problem = (path: string, rule: string, zh: string, en: string): Problem => ({
  path,
  rule,
  message: { zh, en },
});

const IDENTIFIERS: Partial<Record<WireFormField['dataType'], (s: string) => Validation<unknown>>> = {
  ID_NUMBER: validateResidentId,
  USCC: validateUscc,
  UNIT_CODE: validateUnitCode,
};

/** One domain value as the wire wants it for its field, or the problem with it. */
function encodeValue(
  path: string,
  field: WireFormField,
  value: FieldValue,
): { value: unknown } | { problems: Problem[] } {
  const validate = IDENTIFIERS[field.dataType];
  if (validate) {
    const v = typeof value === 'string' ? validate(value) : undefined;
    if (v?.ok) return { value: v.value };
    return {
      problems: v
        ? v.problems.map((p) => ({ path, rule: p.rule, message: p.message }))
        : [problem(path, 'type', '应为字符串', 'must be a string')],
    };
  }
  switch (field.dataType) {
    case 'MONEY':
      return Number.isSafeInteger(value)
        ? { value: fenToYuanNumber(value as number) }
        : {
            problems: [
              problem(path, 'money', '金额应为以分为单位的整数', 'money must be an integer number of fen'),
            ],
          };
    case 'INTEGER':
      return Number.isSafeInteger(value)
        ? { value }
        : { problems: [problem(path, 'integer', '应为整数', 'must be a whole number')] };
    case 'DECIMAL':
      return typeof value === 'number' && Number.isFinite(value)
        ? { value }
        : { problems: [problem(path, 'decimal', '应为数字', 'must be a number')] };
    case 'BOOLEAN':
      return typeof value === 'boolean'
        ? { value }
        : { problems: [problem(path, 'boolean', '应为布尔值', 'must be true or false')] };
    case 'DATE':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? { value }
        : { problems: [problem(path, 'date', '日期应为 yyyy-MM-dd', 'must be an ISO date yyyy-MM-dd')] };
    default:
      return typeof value === 'string'
        ? { value }
        : { problems: [problem(path, 'type', '应为字符串', 'must be a string')] };
  }
}

/**
 * Encodes field values keyed by semantic key into the wire's form: each key becomes the field code the
 * catalogue publishes for it, money goes from fen to yuan, identifiers are checked and normalised.
 * Values of keys the fields do not list are left out (the hall's one form carries the union of a
 * bundle's fields; each department takes its own); `strict` reports them instead, for corrections,
 * which name their fields one by one.
 */
export function encodeForm(
  values: FieldValues,
  fields: ReadonlyMap<string, WireFormField>,
  strict = false,
): { form: Record<string, unknown>; problems: Problem[] } {
  const form: Record<string, unknown> = {};
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(values)) {
    const path = `fields.${key}`;
    const field = fields.get(key);
    if (!field) {
      if (strict)
        problems.push(
          problem(path, 'unknown', '市场监管事项没有该字段', 'is not a field of any market regulation item'),
        );
      continue;
    }
    const encoded = encodeValue(path, field, value);
    if ('value' in encoded) form[field.fieldCode] = encoded.value;
    else problems.push(...encoded.problems);
  }
  return { form, problems };
}
