import type { CaseStatus } from '@onething/adapter-core';

/**
 * Conversions between the tax wire and the domain: instants in Beijing time, status codes, and field
 * codes (the snake_case of a semantic key).
 */

const WIRE_INSTANT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;

/** `yyyy-MM-dd HH:mm:ss` in Beijing time (UTC+8) → ISO timestamp; throws on anything else. */
export function isoInstant(wire: string): string {
  const m = WIRE_INSTANT.exec(wire);
  const ms = m ? Date.parse(`${m[1]}T${m[2]}+08:00`) : Number.NaN;
  if (Number.isNaN(ms))
    throw new Error(`not a tax system instant (yyyy-MM-dd HH:mm:ss): ${JSON.stringify(wire)}`);
  return new Date(ms).toISOString();
}

/** The tax system's case status codes, in the domain's terms. */
export const CASE_STATUSES = {
  '01': 'ACCEPTED',
  '02': 'IN_REVIEW',
  '03': 'APPROVED',
  '04': 'REJECTED',
  '05': 'CORRECTION_REQUESTED',
} as const satisfies Record<string, CaseStatus>;

/** The wire field code of a semantic key: `applicant.idNumber` → `applicant_id_number`. */
export function fieldCode(key: string): string {
  return key.replace('.', '_').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * The semantic key of a wire field code: the inverse of {@link fieldCode}, exact for keys of the
 * vocabulary's form (`namespace.camelCase`, no digits or acronyms): `applicant_id_number` → `applicant.idNumber`.
 */
export function keyOfFieldCode(code: string): string {
  const [namespace, ...rest] = code.split('_');
  return `${namespace}.${rest.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('')}`;
}

/** Semantic keys look like `applicant.idNumber`. */
export const SEMANTIC_KEY = /^[a-z]+\.[a-z][a-zA-Z]*$/;
