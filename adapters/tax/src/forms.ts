import {
  AdapterError,
  type CaseSubmission,
  type FieldValues,
  requireIdentifiers,
} from '@onething/adapter-core';
import { fieldCode, SEMANTIC_KEY } from './wire';

type Problems = NonNullable<AdapterError['details']['problems']>;

/** A form value on the tax wire: flags as `Y`/`N`; money stays integer fen and dates `yyyy-MM-dd`, as in the domain. */
function wireValue(value: unknown): string | number | undefined {
  if (typeof value === 'boolean') return value ? 'Y' : 'N';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return undefined;
}

/**
 * The wire form of field values keyed by semantic key: each key under its field code, each value in the
 * wire's format. Refuses with INVALID_INPUT, before any call, a key that is not a semantic key or a value
 * that is not a string, a finite number or a boolean; the system checks the rest against the item.
 */
export function encodeFields(op: string, fields: FieldValues): Record<string, string | number> {
  const problems: Problems[number][] = [];
  const form: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(fields)) {
    const wire = wireValue(value);
    if (!SEMANTIC_KEY.test(key)) {
      problems.push({
        path: `fields.${key}`,
        rule: 'tax.fieldKey',
        message: {
          zh: `“${key}”不是字段语义键`,
          en: `"${key}" is not a semantic field key such as applicant.idNumber`,
        },
      });
    } else if (wire === undefined) {
      problems.push({
        path: `fields.${key}`,
        rule: 'tax.fieldValue',
        message: {
          zh: '字段值应为字符串、数值或布尔值',
          en: 'a field value is a string, a finite number or a boolean',
        },
      });
    } else form[fieldCode(key)] = wire;
  }
  if (problems.length > 0) {
    throw new AdapterError('INVALID_INPUT', 'tax', op, `${problems.length} invalid field(s)`, { problems });
  }
  return form;
}

/** The body of `POST /api/v1/cases` for a submission; the applicant's ID number is checked first. */
export function submissionBody(op: string, s: CaseSubmission) {
  const [applicantId] = requireIdentifiers('tax', op, 'idNumber', [s.applicant.idNumber]);
  return {
    item_code: s.itemCode,
    applicant_id_number: applicantId!,
    applicant_name: s.applicant.name,
    form: encodeFields(op, s.fields),
    materials: s.materials.map((m) => ({ material_id: m.id, file_ref: m.reference })),
  };
}
