import type { DepartmentKey } from '@onething/schema/departments';

/** The roles a token can carry; the gateway decides what each may see. */
export const ROLES = ['applicant', 'window-staff', 'department-staff', 'supervisor', 'service'] as const;

/**
 * Who a token speaks for: an applicant (申请人, a citizen or an enterprise's legal representative),
 * window staff (综合窗口工作人员), a department's reviewer, or a service such as the hall acting for
 * applicants.
 */
export type Role = (typeof ROLES)[number];

/** Text in the two languages of the hall. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** A seeded identity a developer or a test can sign in as, by id, without knowing any ID number. */
export interface Persona {
  /** Stable id, e.g. `citizen`, `seller`, `window-staff`. */
  readonly id: string;
  readonly role: Exclude<Role, 'service'>;
  readonly title: Bilingual;
  /** What the persona is for: which bundle or job it exercises. */
  readonly description: Bilingual;
  readonly name: string;
  /** The `sub` of its tokens: the ID number of an applicant, the staff id (e.g. `staff-window-01`) of staff. */
  readonly subject: string;
  /** Resident ID number (GB 11643) of an applicant; staff have none. */
  readonly idNumber?: string;
  /** USCCs of the active enterprises the persona legally represents. */
  readonly enterprises: readonly string[];
  readonly departments: readonly DepartmentKey[];
  /** Window staff: the service centre they work at (their token's `centre`). */
  readonly centre?: string;
}

/** The claims that say who a token is for, as the gateway reads them. */
export interface IdentityClaims {
  readonly sub: string;
  readonly name: string;
  readonly role: Role;
  /** Resident ID number; present for applicants. */
  readonly id_number?: string;
  /** USCCs the holder represents; empty when none. */
  readonly enterprises: readonly string[];
  /** Departments whose cases the holder reviews; empty when none. */
  readonly departments: readonly DepartmentKey[];
  /** Window staff's service centre, when centres are configured. */
  readonly centre?: string;
  /** The persona the token was issued for, when it was. */
  readonly persona?: string;
}

/** Every claim of a token this provider signs (RS256, `kid` in the header). */
export interface TokenClaims extends IdentityClaims {
  readonly iss: string;
  readonly aud: string;
  /** Issued at, seconds since the epoch. */
  readonly iat: number;
  /** Expires at, seconds since the epoch: `iat` + TOKEN_TTL_SECONDS. */
  readonly exp: number;
  /** A unique id per token. */
  readonly jti: string;
}
