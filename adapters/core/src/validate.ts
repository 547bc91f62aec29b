import { validateResidentId, validateUnitCode, validateUscc } from '@onething/schema';
import { AdapterError } from './errors';

type Kind = 'idNumber' | 'uscc' | 'unitCode';
const validators = { idNumber: validateResidentId, uscc: validateUscc, unitCode: validateUnitCode } as const;

/**
 * Checks identifiers before anything is sent, and refuses the whole call with INVALID_INPUT listing
 * every bad one; returns the normalised keys. A malformed key never costs the department a call.
 */
export function requireIdentifiers(
  department: string,
  op: string,
  kind: Kind,
  keys: readonly string[],
): string[] {
  const problems: NonNullable<AdapterError['details']['problems']>[number][] = [];
  const normalised = keys.map((key, i) => {
    const v = validators[kind](key);
    if (v.ok) return v.value;
    for (const p of v.problems) problems.push({ path: `${kind}[${i}]`, rule: p.rule, message: p.message });
    return key;
  });
  if (problems.length > 0) {
    throw new AdapterError(
      'INVALID_INPUT',
      department,
      op,
      `${problems.length} invalid identifier(s): ${problems.map((p) => `${p.path} ${p.message.en}`).join('; ')}`,
      { problems },
    );
  }
  return normalised;
}
