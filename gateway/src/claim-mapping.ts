import type { Role } from '@onething/runtime/identity';
import type { JWTPayload } from 'jose';

/**
 * Where a provider's tokens carry what the access rules read, and how its role values read as ours, so
 * that a province's single sign-on works by configuration (CLAIM_* and ROLE_VALUES settings).
 */
export interface ClaimMapping {
  /** Claim names, or dotted paths into nested claims (e.g. `realm_access.roles`). */
  readonly role: string;
  readonly name: string;
  readonly idNumber: string;
  readonly enterprises: string;
  readonly departments: string;
  /** Window staff's service centre (optional: absent when centres are not configured). */
  readonly centre?: string;
  /** The provider's role values and ours (`citizen` → `applicant`); empty: its values are ours. */
  readonly roleValues: ReadonlyMap<string, string>;
}

/** The claims the development identity provider signs: nothing to map. */
export const OUR_CLAIMS: ClaimMapping = {
  role: 'role',
  name: 'name',
  idNumber: 'id_number',
  enterprises: 'enterprises',
  departments: 'departments',
  centre: 'centre',
  roleValues: new Map(),
};

function at(claims: JWTPayload, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A list claim: an array of strings, or one string of values separated by spaces or commas. */
function list(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.filter((x): x is string => typeof x === 'string');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return undefined;
}

/**
 * The claims under our names (`role`, `name`, `id_number`, `enterprises`, `departments`), read where the
 * mapping says. A role claim holding several values gives the first one the mapping knows.
 */
export function mapClaims(claims: JWTPayload, mapping: ClaimMapping): JWTPayload {
  const roles = list(at(claims, mapping.role)) ?? [];
  const ours = (v: string) => (mapping.roleValues.size === 0 ? v : mapping.roleValues.get(v));
  const role = roles.map(ours).find((r): r is Role => r !== undefined) ?? roles[0];
  const name = at(claims, mapping.name);
  const idNumber = at(claims, mapping.idNumber);
  const centre = at(claims, mapping.centre ?? 'centre');
  return {
    ...claims,
    role,
    name: typeof name === 'string' ? name : undefined,
    id_number: typeof idNumber === 'string' ? idNumber : undefined,
    enterprises: list(at(claims, mapping.enterprises)) ?? [],
    departments: list(at(claims, mapping.departments)) ?? [],
    centre: typeof centre === 'string' && centre.trim() !== '' ? centre.trim() : undefined,
  };
}
