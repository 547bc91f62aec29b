import type { PublishedField, PublishedItem } from '@onething/legacy-kit';
import { validateResidentId, validateUnitCode, validateUscc } from '@onething/schema';
import { fieldCode } from './codes';
import type { FieldError } from './envelope';

type Check = { value: unknown } | { reason: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function realDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

function identifier(
  v: { ok: true; value: string } | { ok: false; problems: readonly { message: { zh: string } }[] },
): Check {
  return v.ok ? { value: v.value } : { reason: v.problems.map((p) => p.message.zh).join('；') };
}

function bounded(n: number, f: PublishedField, unit = ''): Check {
  if (f.min !== undefined && n < f.min) return { reason: `不能小于${f.min}${unit}` };
  if (f.max !== undefined && n > f.max) return { reason: `不能大于${f.max}${unit}` };
  return { value: n };
}

/** Checks one wire value against its field's rules; gives it in domain terms (booleans as booleans). */
function checkValue(f: PublishedField, raw: unknown): Check {
  switch (f.type) {
    case 'boolean':
      return raw === 'Y' ? { value: true } : raw === 'N' ? { value: false } : { reason: '应为Y或N' };
    case 'money':
      return typeof raw === 'number' && Number.isSafeInteger(raw)
        ? bounded(raw, f, '分')
        : { reason: '金额应为以分为单位的整数' };
    case 'integer':
      return typeof raw === 'number' && Number.isSafeInteger(raw) ? bounded(raw, f) : { reason: '应为整数' };
    case 'decimal':
      return typeof raw === 'number' && Number.isFinite(raw) && Number(raw.toFixed(2)) === raw
        ? bounded(raw, f)
        : { reason: '应为数值，最多两位小数' };
    default:
      break;
  }
  if (typeof raw !== 'string') return { reason: '应为字符串' };
  const text = raw.trim();
  switch (f.type) {
    case 'idNumber':
      return identifier(validateResidentId(text));
    case 'uscc':
      return identifier(validateUscc(text));
    case 'unitCode':
      return identifier(validateUnitCode(text));
    case 'date':
      return realDate(text) ? { value: text } : { reason: '日期格式应为yyyy-MM-dd且为有效日期' };
    case 'enum': {
      const allowed = f.options?.map((o) => o.value) ?? [];
      return allowed.includes(text) ? { value: text } : { reason: `取值应为${allowed.join('、')}之一` };
    }
    default: {
      if (f.minLength !== undefined && text.length < f.minLength) return { reason: '不能为空' };
      if (f.maxLength !== undefined && text.length > f.maxLength)
        return { reason: `长度不能超过${f.maxLength}个字符` };
      if (f.pattern && !new RegExp(f.pattern).test(text)) return { reason: `格式不正确（${f.pattern}）` };
      return { value: text };
    }
  }
}

/** A form read against an item: the values by semantic key, or every problem found. */
export interface DecodedForm {
  readonly values: Record<string, unknown>;
  readonly errors: FieldError[];
}

/**
 * Reads a wire form (`{ <field code>: value }`) against an item's published fields: every required field
 * present (unless `partial`, as in a correction), every value valid. Codes the item does not publish are
 * ignored, not stored. Problems are listed all at once (一次告知), each under its wire field code.
 */
export function decodeForm(
  item: PublishedItem,
  form: Readonly<Record<string, unknown>>,
  options: { partial?: boolean } = {},
): DecodedForm {
  const values: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const f of item.fields) {
    const code = fieldCode(f.key);
    const raw = form[code];
    if (raw === undefined || raw === null || raw === '') {
      if (f.required && !options.partial) errors.push({ field: `form.${code}`, reason: '必填' });
      continue;
    }
    const checked = checkValue(f, raw);
    if ('reason' in checked) errors.push({ field: `form.${code}`, reason: checked.reason });
    else values[f.key] = checked.value;
  }
  return { values, errors };
}
