import { validateResidentId, validateUscc } from '@onething/schema';
import { DEPARTMENT_KEYS } from '@onething/schema/departments';
import { z } from 'zod';
import { type IdentityClaims, type Persona, ROLES } from './types';

/** The claims of a persona's token. */
export function personaClaims(persona: Persona): IdentityClaims {
  return {
    sub: persona.subject,
    name: persona.name,
    role: persona.role,
    ...(persona.idNumber === undefined ? {} : { id_number: persona.idNumber }),
    enterprises: persona.enterprises,
    departments: persona.departments,
    ...(persona.centre === undefined ? {} : { centre: persona.centre }),
    persona: persona.id,
  };
}

/** The claims of a service client's token: the client acts for applicants, so it has no identity of its own. */
export function serviceClaims(clientId: string): IdentityClaims {
  return { sub: clientId, name: clientId, role: 'service', enterprises: [], departments: [] };
}

const FIELDS = ['role', 'name', 'sub', 'id_number', 'enterprises', 'departments', 'centre'];

const missingOr = (missing: string, wrong: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? missing : wrong;

/**
 * The claims a `custom` grant takes. Identifiers are checked field by field, so a wrong role and a wrong
 * ID number are reported together rather than one request after the other.
 */
function customSchema(today: Date) {
  const idNumber = z.string({ error: 'must be a resident ID number as a string' }).transform((value, ctx) => {
    const v = validateResidentId(value, today);
    if (v.ok) return v.value;
    for (const p of v.problems) ctx.addIssue({ code: 'custom', message: `${p.message.en} (${p.rule})` });
    return z.NEVER;
  });
  const uscc = z.string({ error: 'must be a USCC as a string' }).transform((value, ctx) => {
    const v = validateUscc(value);
    if (v.ok) return v.value;
    for (const p of v.problems) ctx.addIssue({ code: 'custom', message: `${p.message.en} (${p.rule})` });
    return z.NEVER;
  });
  return z.strictObject(
    {
      role: z.enum(ROLES, {
        error: missingOr(`is missing: one of ${ROLES.join(', ')}`, `must be one of ${ROLES.join(', ')}`),
      }),
      name: z
        .string({ error: missingOr('is missing: give the holder’s name', 'must be a string') })
        .trim()
        .min(1, 'must not be blank'),
      sub: z.string({ error: 'must be a string' }).trim().min(1, 'must not be blank').optional(),
      id_number: idNumber.optional(),
      enterprises: z.array(uscc, { error: 'must be an array of USCCs' }).default([]),
      departments: z
        .array(z.enum(DEPARTMENT_KEYS, { error: `must be one of ${DEPARTMENT_KEYS.join(', ')}` }), {
          error: 'must be an array of departments',
        })
        .default([]),
      centre: z.string({ error: 'must be a string' }).trim().min(1, 'must not be blank').max(100).optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown claim(s) ${issue.keys.join(', ')}; the claims a custom token takes are ${FIELDS.join(', ')}`
          : issue.code === 'invalid_type'
            ? `must be an object of claims (${FIELDS.join(', ')})`
            : undefined,
    },
  );
}

/** The outcome of checking the claims a test asked for: the claims to sign, or every problem at once. */
export type CustomClaimsCheck =
  | { readonly ok: true; readonly claims: IdentityClaims }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Checks the claims of a `custom` grant and normalises them: the role is one of the four, an ID number is
 * valid (GB 11643), enterprises are valid USCCs (GB 32100), departments are known; an applicant needs an
 * ID number (it is their `sub`), department staff need a department. Every problem is reported, not the
 * first only, so a test author fixes the request once.
 */
export function checkCustomClaims(input: unknown, today: Date = new Date()): CustomClaimsCheck {
  const parsed = customSchema(today).safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((i) =>
        i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message,
      ),
    };
  const c = parsed.data;
  const problems: string[] = [];
  if (c.role === 'applicant' && c.id_number === undefined)
    problems.push('id_number: an applicant needs a resident ID number; it becomes the token’s sub');
  if (c.role === 'applicant' && c.sub !== undefined && c.sub !== c.id_number)
    problems.push('sub: an applicant’s sub is their id_number; leave sub out');
  if (c.role === 'department-staff' && c.departments.length === 0)
    problems.push(`departments: department staff need at least one of ${DEPARTMENT_KEYS.join(', ')}`);
  if (c.role === 'supervisor' && c.centre === undefined)
    problems.push('centre: a supervisor needs the service centre they supervise');
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    claims: {
      // An applicant is known by their ID number; others by the sub given, or a name for their role.
      sub: (c.role === 'applicant' ? c.id_number : c.sub) ?? `custom-${c.role}`,
      name: c.name,
      role: c.role,
      ...(c.id_number === undefined ? {} : { id_number: c.id_number }),
      enterprises: [...new Set(c.enterprises)],
      departments: [...new Set(c.departments)],
      ...(c.centre === undefined || (c.role !== 'window-staff' && c.role !== 'supervisor')
        ? {}
        : { centre: c.centre }),
    },
  };
}
