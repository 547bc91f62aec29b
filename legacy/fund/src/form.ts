import type { PublishedField, PublishedItem } from '@onething/legacy-kit';
import { fenToYuan, validateResidentId, validateUnitCode, validateUscc, yuanToFen } from '@onething/schema';
import type { ParamError } from './codes';
import { ENUM_CODES, NO, WIRE_CODES, YES } from './dictionary';
import { parseWireDate } from './time';

/** Prefix of the form parameters of a submission or correction: `bd_<wire code>` (表单). */
export const FORM_PREFIX = 'bd_';

/** A form as the fund keeps it: by semantic key, money in fen, dates ISO, enums by their semantic value. */
export type FormValues = Record<string, string | number | boolean>;

type Parsed = { ok: true; value: string | number | boolean } | { ok: false; why: string };

const identifiers = { idNumber: validateResidentId, uscc: validateUscc, unitCode: validateUnitCode } as const;
const MONEY = /^\d{1,13}\.\d{2}$/;

function bounds(field: PublishedField, n: number, show: (n: number) => string): string | undefined {
  if (field.min !== undefined && n < field.min) return `不得小于${show(field.min)}`;
  if (field.max !== undefined && n > field.max) return `不得大于${show(field.max)}`;
  return undefined;
}

function parseValue(field: PublishedField, raw: string): Parsed {
  const fail = (why: string): Parsed => ({ ok: false, why });
  switch (field.type) {
    case 'idNumber':
    case 'uscc':
    case 'unitCode': {
      const v = identifiers[field.type](raw);
      return v.ok ? { ok: true, value: v.value } : fail(v.problems.map((p) => p.message.zh).join('；'));
    }
    case 'money': {
      const fen = MONEY.test(raw) ? yuanToFen(raw) : undefined;
      if (fen === undefined) return fail('应为以元为单位、保留两位小数的数字，如12345.60');
      const out = bounds(field, fen, (n) => `${fenToYuan(n)}元`);
      return out ? fail(out) : { ok: true, value: fen };
    }
    case 'integer': {
      if (!/^-?\d{1,15}$/.test(raw)) return fail('应为整数');
      const out = bounds(field, Number(raw), String);
      return out ? fail(out) : { ok: true, value: Number(raw) };
    }
    case 'decimal': {
      if (!/^-?\d{1,13}(\.\d{1,6})?$/.test(raw)) return fail('应为数字');
      const out = bounds(field, Number(raw), String);
      return out ? fail(out) : { ok: true, value: Number(raw) };
    }
    case 'date': {
      const iso = parseWireDate(raw);
      return iso ? { ok: true, value: iso } : fail('日期格式应为yyyyMMdd且为有效日期');
    }
    case 'boolean':
      return raw === YES || raw === NO
        ? { ok: true, value: raw === YES }
        : fail(`应为${YES}（是）或${NO}（否）`);
    case 'enum': {
      const codes = ENUM_CODES[field.key] ?? {};
      const value = Object.keys(codes).find((k) => codes[k] === raw);
      return value ? { ok: true, value } : fail(`应为代码${Object.values(codes).join('、')}之一`);
    }
    default: {
      if (field.minLength !== undefined && raw.length < field.minLength)
        return fail(`长度不得少于${field.minLength}`);
      if (field.maxLength !== undefined && raw.length > field.maxLength)
        return fail(`长度不得超过${field.maxLength}`);
      if (field.pattern && !new RegExp(field.pattern).test(raw)) return fail('格式不正确');
      return { ok: true, value: raw };
    }
  }
}

/**
 * Reads the `bd_*` parameters of a request against an item's fields: every unknown field, missing
 * required field and bad value is reported at once. `partial` (a correction) does not ask for the
 * required fields, only checks what is sent.
 */
export function readForm(
  item: PublishedItem,
  params: Readonly<Record<string, string>>,
  partial = false,
): { values: FormValues; errors: ParamError[] } {
  const byCode = new Map(item.fields.map((f) => [WIRE_CODES[f.key]!, f]));
  const values: FormValues = {};
  const errors: ParamError[] = [];
  for (const [name, raw] of Object.entries(params)) {
    if (!name.startsWith(FORM_PREFIX)) continue;
    const field = byCode.get(name.slice(FORM_PREFIX.length));
    if (!field) {
      errors.push({ zd: name, yy: `事项${item.code}无此字段` });
      continue;
    }
    if (raw.trim() === '') continue;
    const parsed = parseValue(field, raw.trim());
    if (parsed.ok) values[field.key] = parsed.value;
    else errors.push({ zd: name, yy: `${field.label.zh}：${parsed.why}` });
  }
  if (!partial) {
    for (const f of item.fields) {
      const name = `${FORM_PREFIX}${WIRE_CODES[f.key]}`;
      if (f.required && (params[name] ?? '').trim() === '')
        errors.push({ zd: name, yy: `${f.label.zh}必填` });
    }
  }
  return { values, errors };
}
