import type { AdapterErrorDetails, FieldType, FieldValue, FieldValues } from '@onething/adapter-core';
import { el } from '@onething/runtime/xml';
import { validateResidentId, validateUnitCode, validateUscc } from '@onething/schema';
import { type CatalogueItem, fallbackCode } from './catalogue';
import { wireDateOf, wireDecimalOf, wireMoneyOf } from './wire-format';

/** One problem of the input, as INVALID_INPUT lists them. */
export type InputProblem = NonNullable<AdapterErrorDetails['problems']>[number];

type Converted =
  | { readonly text: string }
  | { readonly rule: string; readonly zh: string; readonly en: string };

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML cannot carry
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const identifiers = { idNumber: validateResidentId, uscc: validateUscc, unitCode: validateUnitCode } as const;

/** One domain value (fen, ISO dates, booleans) in the registry's wire format for its field type. */
export function wireValue(type: FieldType, value: FieldValue): Converted {
  switch (type) {
    case 'money':
      return typeof value === 'number' && Number.isSafeInteger(value)
        ? { text: wireMoneyOf(value) }
        : {
            rule: 'money',
            zh: `金额应为以分计的整数，收到 ${String(value)}`,
            en: `money is whole fen, got ${String(value)}`,
          };
    case 'decimal': {
      const text = typeof value === 'number' ? wireDecimalOf(value) : undefined;
      return text !== undefined
        ? { text }
        : {
            rule: 'decimal',
            zh: `应为最多两位小数的数，收到 ${String(value)}`,
            en: `a number with at most two decimals, got ${String(value)}`,
          };
    }
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value)
        ? { text: String(value) }
        : {
            rule: 'integer',
            zh: `应为整数，收到 ${String(value)}`,
            en: `a whole number, got ${String(value)}`,
          };
    case 'date': {
      const text = typeof value === 'string' ? wireDateOf(value) : undefined;
      return text !== undefined
        ? { text }
        : {
            rule: 'date',
            zh: `应为yyyy-MM-dd日期，收到 ${String(value)}`,
            en: `an ISO date yyyy-MM-dd, got ${String(value)}`,
          };
    }
    case 'boolean':
      return typeof value === 'boolean'
        ? { text: value ? 'true' : 'false' }
        : {
            rule: 'boolean',
            zh: `应为是或否，收到 ${String(value)}`,
            en: `true or false, got ${String(value)}`,
          };
    case 'idNumber':
    case 'uscc':
    case 'unitCode': {
      const v = identifiers[type](String(value));
      if (v.ok) return { text: v.value };
      return {
        rule: v.problems[0]!.rule,
        zh: v.problems.map((p) => p.message.zh).join('；'),
        en: v.problems.map((p) => p.message.en).join('; '),
      };
    }
    default:
      return { text: String(value) };
  }
}

/**
 * The `<bdc:Field>`s of a form: each semantic key the item publishes, under its wire code, converted to
 * the registry's format; keys the item does not publish are not sent (a bundle's one form holds other
 * departments' fields too). For an item the catalogue does not list, every key is sent as text under
 * the protocol's PascalCase code, and the registry refuses the item itself. Problems go to `problems`.
 */
export function wireForm(
  item: CatalogueItem | undefined,
  fields: FieldValues,
  problems: InputProblem[],
): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const field = item?.fieldsByKey.get(key);
    if (item && !field) continue;
    const converted = field ? wireValue(field.spec.type, value) : { text: String(value) };
    const text = 'text' in converted ? converted.text : undefined;
    if (text !== undefined && NOT_XML.test(text)) {
      problems.push({
        path: `fields.${key}`,
        rule: 'characters',
        message: { zh: '含有无法传送的控制字符', en: 'holds control characters the registry cannot receive' },
      });
    } else if (text !== undefined) {
      out.push(el('bdc:Field', text, { code: field?.code ?? fallbackCode(key) }));
    } else if ('rule' in converted) {
      problems.push({
        path: `fields.${key}`,
        rule: converted.rule,
        message: { zh: converted.zh, en: converted.en },
      });
    }
  }
  return out;
}
