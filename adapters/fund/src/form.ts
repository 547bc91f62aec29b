import { AdapterError, type AdapterErrorDetails, type FieldValues } from '@onething/adapter-core';
import { fenToYuan } from '@onething/schema';
import { FIELDS, type WireFieldSpec } from './dictionary';

type Problem = NonNullable<AdapterErrorDetails['problems']>[number];

function toWire(spec: WireFieldSpec, value: string | number | boolean): string | { zh: string; en: string } {
  switch (spec.kind) {
    case 'money':
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return fenToYuan(value);
      if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return fenToYuan(Number(value));
      return { zh: '金额应为以分为单位的非负整数', en: 'money must be a non-negative whole number of fen' };
    case 'integer':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
      if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return value;
      return { zh: '应为整数', en: 'must be a whole number' };
    case 'decimal':
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return value;
      return { zh: '应为数字', en: 'must be a number' };
    case 'date':
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value.replaceAll('-', '');
      return { zh: '日期应为yyyy-MM-dd', en: 'dates are ISO yyyy-MM-dd' };
    case 'boolean':
      if (typeof value === 'boolean') return value ? '1' : '0';
      return { zh: '应为是或否（布尔值）', en: 'must be a boolean' };
    case 'enum': {
      const code = typeof value === 'string' ? spec.codes?.[value] : undefined;
      if (code) return code;
      const allowed = Object.keys(spec.codes ?? {}).join(', ');
      return { zh: `应为${allowed}之一`, en: `must be one of ${allowed}` };
    }
    default:
      return String(value);
  }
}

/**
 * Writes a form keyed by semantic key (money in fen, dates ISO, booleans, enum values) as the fund's
 * `bd_<code>` parameters (yuan with two decimals, yyyyMMdd, 1/0, the fund's codes). A key the fund does
 * not know or a value that cannot be written refuses the whole form with INVALID_INPUT, every problem
 * listed, before anything is sent.
 */
export function wireForm(op: string, fields: FieldValues): Record<string, string> {
  const params: Record<string, string> = {};
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const spec = FIELDS[key];
    const path = `fields.${key}`;
    if (!spec) {
      problems.push({
        path,
        rule: 'fund.unknownField',
        message: { zh: `公积金系统无字段${key}`, en: `the fund has no field ${key}` },
      });
      continue;
    }
    const wire = toWire(spec, value);
    if (typeof wire === 'string') params[`bd_${spec.code}`] = wire;
    else problems.push({ path, rule: `fund.${spec.kind}`, message: wire });
  }
  if (problems.length > 0) {
    throw new AdapterError(
      'INVALID_INPUT',
      'fund',
      op,
      `${problems.length} field(s) cannot be sent: ${problems.map((p) => `${p.path} ${p.message.en}`).join('; ')}`,
      { problems },
    );
  }
  return params;
}
