import type { Validation } from '../identifiers/problem';
import { validateResidentId } from '../identifiers/resident-id';
import { validateUnitCode } from '../identifiers/unit-code';
import { validateUscc } from '../identifiers/uscc';
import { yuanToFen } from '../money';
import { type FormProblem, problem } from './problems';
import { forbiddenCharacters, forbiddenCharactersMessage } from './text-characters';

/**
 * What a one-form field says about its values: what the hall's form description gives a front end
 * (`OneFormField` in the schema), so the browser checks as you type with the very rules the hall applies.
 */
export interface FieldRules {
  readonly key: string;
  readonly label: { readonly zh: string; readonly en: string };
  /** A FieldType: TEXT, ID_NUMBER, USCC, UNIT_CODE, MONEY, DATE, PHONE, INTEGER, DECIMAL, ENUM, BOOLEAN… */
  readonly type: string;
  readonly required: boolean;
  /** Items that require it (named in a `field.required` problem). */
  readonly requiredFor: readonly string[];
  /** Items that use it (named in every other problem). */
  readonly usedBy: readonly string[];
  readonly hint: { readonly zh: string; readonly en: string } | null;
  readonly minLength: number | null;
  readonly maxLength: number | null;
  readonly patterns: readonly string[];
  readonly min: string | null;
  readonly max: string | null;
  readonly options: readonly { readonly value: string; readonly label: { readonly zh: string } }[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (s: string) => DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const IDENTIFIERS: Record<string, (v: string) => Validation<unknown>> = {
  ID_NUMBER: validateResidentId,
  USCC: validateUscc,
  UNIT_CODE: validateUnitCode,
};

/** A value as a number for min/max: money in fen (bounds are written in yuan), others as they are. */
function measure(field: FieldRules, text: string): number | undefined {
  if (field.type === 'MONEY') return yuanToFen(text);
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

/**
 * Checks one filled value against its field's rules: its type (identifiers by their national standard),
 * patterns, lengths, bounds and options. Returns every problem, not the first.
 */
export function checkValue(field: FieldRules, raw: string): FormProblem[] {
  const value = raw.trim();
  const { label } = field;
  const at = (code: string, zh: string, en: string) =>
    problem(field.key, code, `${label.zh}：${zh}`, `${label.en}: ${en}`, field.usedBy);
  const problems: FormProblem[] = [];

  const identifier = IDENTIFIERS[field.type];
  if (identifier) {
    const v = identifier(value);
    if (!v.ok) for (const p of v.problems) problems.push(at(p.rule, p.message.zh, p.message.en));
    return problems;
  }
  switch (field.type) {
    case 'MONEY':
      if (yuanToFen(value) === undefined)
        problems.push(
          at('field.money', '应为金额（元），最多两位小数', 'an amount in yuan with at most two decimals'),
        );
      break;
    case 'INTEGER':
      if (!/^-?\d+$/.test(value)) problems.push(at('field.integer', '应为整数', 'a whole number'));
      break;
    case 'DECIMAL':
      if (!/^-?\d+(\.\d+)?$/.test(value)) problems.push(at('field.decimal', '应为数字', 'a number'));
      break;
    case 'DATE':
      if (!realDate(value))
        problems.push(at('field.date', '应为真实日期 yyyy-MM-dd', 'a real date written yyyy-MM-dd'));
      break;
    case 'BOOLEAN':
      if (value !== 'true' && value !== 'false')
        problems.push(at('field.boolean', '应为“是”或“否”', 'yes (true) or no (false)'));
      break;
    case 'ENUM':
      if (!field.options.some((o) => o.value === value)) {
        problems.push(
          at(
            'field.option',
            `应为以下之一：${field.options.map((o) => o.label.zh).join('、')}`,
            `one of ${field.options.map((o) => o.value).join(', ')}`,
          ),
        );
      }
      break;
  }
  if (problems.length > 0) return problems;

  if (field.type === 'TEXT') {
    const found = forbiddenCharacters(value);
    if (found.length > 0) {
      const m = forbiddenCharactersMessage(found);
      problems.push(at('field.characters', m.zh, m.en));
    }
  }
  for (const pattern of field.patterns) {
    if (!new RegExp(pattern).test(value)) {
      // Applicants see what is expected, in the field's hint, never a regular expression. Every patterned
      // field of the departments' vocabulary carries a hint (legacy/kit's vocabulary test); a department's
      // field without one still gets a sentence rather than nothing.
      const hint = field.hint;
      problems.push(
        at(
          'field.pattern',
          hint ? `应为${hint.zh}` : '格式不对，请按申请表上的示例填写',
          hint
            ? `should be ${hint.en}`
            : 'is not in the form this field takes; follow the example on the form',
        ),
      );
    }
  }
  if (field.minLength !== null && [...value].length < field.minLength) {
    problems.push(
      at('field.tooShort', `至少 ${field.minLength} 个字`, `at least ${field.minLength} characters`),
    );
  }
  if (field.maxLength !== null && [...value].length > field.maxLength) {
    problems.push(
      at('field.tooLong', `最多 ${field.maxLength} 个字`, `at most ${field.maxLength} characters`),
    );
  }
  const n = measure(field, value);
  const min = field.min === null ? undefined : measure(field, field.min);
  const max = field.max === null ? undefined : measure(field, field.max);
  if (n !== undefined && min !== undefined && n < min)
    problems.push(at('field.belowMin', `不能小于 ${field.min}`, `must be at least ${field.min}`));
  if (n !== undefined && max !== undefined && n > max)
    problems.push(at('field.aboveMax', `不能大于 ${field.max}`, `must be at most ${field.max}`));
  return problems;
}

/** A required field left empty, as the hall reports it. */
export function requiredProblem(field: FieldRules): FormProblem {
  return problem(
    field.key,
    'field.required',
    `${field.label.zh}为必填项`,
    `${field.label.en} is required`,
    field.requiredFor,
  );
}

/** Every problem of one field's value: empty and required, or against its rules; none for an empty optional one. */
export function checkField(field: FieldRules, raw: string): FormProblem[] {
  if (raw.trim() === '') return field.required ? [requiredProblem(field)] : [];
  return checkValue(field, raw);
}
