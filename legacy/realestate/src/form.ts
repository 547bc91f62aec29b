import { childrenOf, type XmlElement } from '@onething/runtime/xml';
import { validateResidentId, validateUnitCode, validateUscc, yuanToFen } from '@onething/schema';
import type { CatalogueField, CatalogueItem } from './catalogue';
import type { Problems } from './soap';
import { isoDateOf, wireDecimal, wireMoney } from './wire-format';

type Read = { readonly value: unknown } | { readonly rule: string; readonly message: string };

const TWO_DECIMALS = /^\d{1,13}\.\d{2}$/;
const identifiers = { idNumber: validateResidentId, uscc: validateUscc, unitCode: validateUnitCode } as const;

function inRange(f: CatalogueField, n: number, shown: (n: number) => string, text: string): Read {
  if (f.min !== undefined && n < f.min)
    return { rule: 'min', message: `${f.label.zh}不得小于${shown(f.min)}，收到“${text}”` };
  if (f.max !== undefined && n > f.max)
    return { rule: 'max', message: `${f.label.zh}不得大于${shown(f.max)}，收到“${text}”` };
  return { value: n };
}

/** Reads one form value from its wire text into the domain value the case keeps (fen, ISO dates…). */
export function readValue(f: CatalogueField, text: string): Read {
  const label = f.label.zh;
  switch (f.type) {
    case 'idNumber':
    case 'uscc':
    case 'unitCode': {
      const v = identifiers[f.type](text);
      if (v.ok) return { value: v.value };
      return {
        rule: v.problems[0]!.rule,
        message: `${label}：${v.problems.map((p) => p.message.zh).join('；')}`,
      };
    }
    case 'money': {
      const fen = TWO_DECIMALS.test(text) ? yuanToFen(text) : undefined;
      if (fen === undefined)
        return { rule: 'money', message: `${label}应为两位小数的元金额（如 1234567.00），收到“${text}”` };
      return inRange(f, fen, (n) => `${wireMoney(n)}元`, text);
    }
    case 'decimal':
      if (!TWO_DECIMALS.test(text))
        return { rule: 'decimal', message: `${label}应为两位小数（如 89.50），收到“${text}”` };
      return inRange(f, Number(text), wireDecimal, text);
    case 'integer':
      if (!/^-?\d{1,15}$/.test(text)) return { rule: 'integer', message: `${label}应为整数，收到“${text}”` };
      return inRange(f, Number(text), String, text);
    case 'date': {
      const iso = isoDateOf(text);
      return iso
        ? { value: iso }
        : { rule: 'date', message: `${label}应为yyyyMMdd格式的日期，收到“${text}”` };
    }
    case 'boolean':
      if (text === 'true' || text === 'false') return { value: text === 'true' };
      return { rule: 'boolean', message: `${label}应为true或false，收到“${text}”` };
    case 'enum': {
      const options = f.options ?? [];
      if (options.some((o) => o.value === text)) return { value: text };
      return {
        rule: 'enum',
        message: `${label}应为以下之一：${options.map((o) => `${o.value}（${o.label.zh}）`).join('、')}，收到“${text}”`,
      };
    }
    default: {
      const length = [...text].length;
      if (f.minLength !== undefined && length < f.minLength)
        return { rule: 'minLength', message: `${label}至少${f.minLength}个字符` };
      if (f.maxLength !== undefined && length > f.maxLength)
        return { rule: 'maxLength', message: `${label}最多${f.maxLength}个字符，收到${length}个` };
      if (f.pattern !== undefined && !new RegExp(f.pattern).test(text))
        return { rule: 'pattern', message: `${label}格式不正确，收到“${text}”` };
      return { value: text };
    }
  }
}

/**
 * Reads `<bdc:Form>`'s fields against the item: unknown or repeated codes, malformed values and (for a
 * submission) missing required fields all go to `problems`; a correction names only the fields it
 * changes, and may not change fields that are not editable; an assessment of fees reads what is there.
 * Returns the values by semantic key.
 */
export function readForm(
  form: XmlElement | undefined,
  entry: CatalogueItem,
  mode: 'submission' | 'correction' | 'assessment',
  problems: Problems,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const field of form ? childrenOf(form, 'Field') : []) {
    const code = field.attrs['code'] ?? '';
    const spec = entry.byCode.get(code);
    if (!spec) {
      problems.add(code || 'Form/Field', 'unknown', `事项${entry.item.code}没有表单项“${code}”`);
      continue;
    }
    if (seen.has(code)) {
      problems.add(code, 'repeated', `表单项${code}重复`);
      continue;
    }
    seen.add(code);
    if (mode === 'correction' && !spec.editable) {
      problems.add(code, 'notEditable', `${spec.label.zh}不可补正`);
      continue;
    }
    if (field.text === '') {
      if (spec.required && mode !== 'assessment') problems.add(code, 'required', `${spec.label.zh}为必填项`);
      continue;
    }
    const read = readValue(spec, field.text);
    if ('value' in read) values[spec.key] = read.value;
    else problems.add(code, read.rule, read.message);
  }
  if (mode === 'submission') {
    for (const spec of entry.fields) {
      if (spec.required && !seen.has(spec.code))
        problems.add(spec.code, 'required', `${spec.label.zh}为必填项`);
    }
  }
  if (mode === 'correction' && seen.size === 0) problems.add('Form', 'required', '补正表单不得为空');
  return values;
}
