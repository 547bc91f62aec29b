import type { PublishedField, PublishedItem } from '@onething/legacy-kit';
import { type Validation, validateResidentId, validateUnitCode, validateUscc } from '@onething/schema';
import type { FieldProblem } from './errors';
import { wireCode } from './field-codes';

/** Field values in the registry's own terms: semantic keys, money in fen, dates ISO. */
export type FormValues = Record<string, string | number | boolean>;

type Check = { ok: true; value: string | number | boolean } | { ok: false; rule: string; reason: string };

const bad = (rule: string, reason: string): Check => ({ ok: false, rule, reason });
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Whether a number has at most two decimals, as yuan amounts on the wire must. */
function isYuan(n: number): boolean {
  return Number.isFinite(n) && Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;
}

function identifier(value: unknown, validate: (input: string) => Validation<unknown>): Check {
  if (typeof value !== 'string') return bad('type', '应为字符串');
  const v = validate(value);
  return v.ok
    ? { ok: true, value: v.value }
    : bad(v.problems[0]!.rule, v.problems.map((p) => p.message.zh).join('；'));
}

function checkText(field: PublishedField, value: unknown): Check {
  if (typeof value !== 'string') return bad('type', '应为字符串');
  const v = value.trim();
  if (field.minLength !== undefined && v.length < field.minLength)
    return bad('minLength', `至少${field.minLength}个字符`);
  if (field.maxLength !== undefined && v.length > field.maxLength)
    return bad('maxLength', `最多${field.maxLength}个字符，收到${v.length}个`);
  if (field.pattern && !new RegExp(field.pattern).test(v))
    return bad('pattern', `格式不符合 ${field.pattern}`);
  return { ok: true, value: v };
}

function checkNumber(field: PublishedField, n: number, scale: number, unit: string): Check | undefined {
  if (field.min !== undefined && n * scale < field.min)
    return bad('min', `不得小于${field.min / scale}${unit}`);
  if (field.max !== undefined && n * scale > field.max)
    return bad('max', `不得大于${field.max / scale}${unit}`);
  return undefined;
}

/** Checks one wire value against its published field and converts it to the registry's terms. */
export function checkValue(field: PublishedField, value: unknown): Check {
  switch (field.type) {
    case 'idNumber':
      return identifier(value, validateResidentId);
    case 'uscc':
      return identifier(value, validateUscc);
    case 'unitCode':
      return identifier(value, validateUnitCode);
    case 'money': {
      if (typeof value !== 'number' || !isYuan(value))
        return bad('money', '金额应为以元为单位、最多两位小数的数字');
      return checkNumber(field, value, 100, '元') ?? { ok: true, value: Math.round(value * 100) };
    }
    case 'integer': {
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return bad('integer', '应为整数');
      return checkNumber(field, value, 1, '') ?? { ok: true, value };
    }
    case 'decimal': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return bad('decimal', '应为数字');
      return checkNumber(field, value, 1, '') ?? { ok: true, value };
    }
    case 'date':
      return typeof value === 'string' && isRealDate(value)
        ? { ok: true, value }
        : bad('date', '日期格式应为 yyyy-MM-dd，且为真实日期');
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : bad('boolean', '应为 true 或 false');
    case 'enum': {
      const allowed = (field.options ?? []).map((o) => o.value);
      return typeof value === 'string' && allowed.includes(value)
        ? { ok: true, value }
        : bad('enum', `应为以下之一：${allowed.join('、')}`);
    }
    default:
      return checkText(field, value);
  }
}

const missing = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * Reads a wire form against an item's published fields: every problem is collected (unknown fields,
 * required fields missing, values of the wrong type or out of range), and the values come back keyed by
 * semantic key in the registry's units. `only`, when given, limits which fields may be sent (a supplement
 * carries the fields asked for, no others) and makes each of them required.
 */
export function readForm(
  item: PublishedItem,
  form: Record<string, unknown>,
  only?: readonly string[],
): { values: FormValues; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const values: FormValues = {};
  const fields = item.fields.filter((f) => !only || only.includes(f.key));
  const codes = new Map(fields.map((f) => [wireCode(f.key), f]));
  for (const code of Object.keys(form)) {
    if (!codes.has(code)) {
      problems.push({
        field: `form.${code}`,
        rule: 'unknown',
        reason: only ? '该字段不在补正要求之内' : `事项 ${item.code} 没有该字段`,
      });
    }
  }
  for (const [code, field] of codes) {
    const raw = form[code];
    if (missing(raw)) {
      if (field.required || only)
        problems.push({ field: `form.${code}`, rule: 'required', reason: `缺少必填项：${field.label.zh}` });
      continue;
    }
    const checked = checkValue(field, raw);
    if (checked.ok) values[field.key] = checked.value;
    else
      problems.push({
        field: `form.${code}`,
        rule: checked.rule,
        reason: `${field.label.zh}：${checked.reason}`,
      });
  }
  return { values, problems };
}
