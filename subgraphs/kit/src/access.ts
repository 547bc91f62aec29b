import type { Identity } from '@onething/runtime/identity';
import { subgraphError } from './errors';

/**
 * Who may read and change what, decided in every subgraph from the identity the gateway signed:
 * applicants their own data and their enterprises'; a service (the hall) what the applicant it acts for
 * may; department staff their department's data about anyone; window staff work through the hall.
 */
export class Access {
  constructor(
    readonly identity: Identity,
    readonly department: string,
  ) {}

  /** The applicant whose data this identity may read as their own, if any. */
  get applicant(): { idNumber: string; enterprises: readonly string[] } | undefined {
    const { identity } = this;
    if (identity.role === 'applicant' && identity.idNumber)
      return { idNumber: identity.idNumber, enterprises: identity.enterprises };
    if (identity.role === 'service' && identity.actingFor) return identity.actingFor;
    return undefined;
  }

  /** Staff of this department. */
  get isDepartmentStaff(): boolean {
    return this.identity.role === 'department-staff' && this.identity.departments.includes(this.department);
  }

  /** Staff of any department (they may name anyone at the entry points; fields are checked per department). */
  get isAnyDepartmentStaff(): boolean {
    return this.identity.role === 'department-staff' && this.identity.departments.length > 0;
  }

  get isService(): boolean {
    return this.identity.role === 'service';
  }

  private deny(what: string): never {
    throw subgraphError(
      'FORBIDDEN',
      this.department,
      `${this.identity.role === 'anonymous' ? 'sign in to read ' : `${this.identity.subject} may not read `}${what}`,
    );
  }

  /** May name this person at an entry point (department-neutral). */
  canNamePerson(idNumber: string): boolean {
    return this.applicant?.idNumber === idNumber || this.isAnyDepartmentStaff;
  }

  /** May name this enterprise at an entry point (department-neutral). */
  canNameEnterprise(uscc: string): boolean {
    return this.applicant?.enterprises.includes(uscc) === true || this.isAnyDepartmentStaff;
  }

  /** Reads of this department's data about a person. */
  person(idNumber: string): void {
    if (this.applicant?.idNumber !== idNumber && !this.isDepartmentStaff)
      this.deny(`the ${this.department} data of another person`);
  }

  /**
   * Reads of this department's data about an enterprise: its representatives (as the token names them, or
   * as the department's own record does, for an enterprise registered since the token was issued).
   */
  enterprise(uscc: string, legalRepIdNumber?: string): void {
    const me = this.applicant;
    if (me && legalRepIdNumber === me.idNumber) return;
    if (!me?.enterprises.includes(uscc) && !this.isDepartmentStaff) {
      this.deny(`the ${this.department} data of an enterprise it does not represent`);
    }
  }

  /**
   * Reads of this department's data about a unit, given its owners as the registry holds them: its owners,
   * this department's staff, and the hall (which checks a transfer's seller against the register and
   * audits what it reads).
   */
  property(ownerIdNumbers: readonly string[]): void {
    const me = this.applicant?.idNumber;
    if (me && ownerIdNumbers.includes(me)) return;
    if (!this.isDepartmentStaff && !this.isService)
      this.deny(`the ${this.department} data of a unit it does not own`);
  }

  /**
   * Who owns a unit: its owners, any department's staff and the hall — other departments ask the registry
   * for the owners (@requires) to decide who may read their records of the unit.
   */
  propertyOwners(ownerIdNumbers: readonly string[]): void {
    const me = this.applicant?.idNumber;
    if (me && ownerIdNumbers.includes(me)) return;
    if (!this.isAnyDepartmentStaff && !this.isService) this.deny('the owners of a unit it does not own');
  }

  /** Reading and following this department's cases: its staff and the hall. */
  cases(): void {
    if (!this.isDepartmentStaff && !this.isService)
      this.deny(`${this.department} cases; applicants follow their applications in the hall`);
  }

  /** Corrections go through the hall, which knows whose case it is. */
  correct(): void {
    if (!this.isService)
      this.deny(`corrections of ${this.department} cases directly; applicants correct through the hall`);
  }

  /** Submitting for an applicant: the hall for anyone it acts for, an applicant for themselves. */
  submitFor(applicantIdNumber: string): void {
    if (this.isService) return;
    if (this.identity.role === 'applicant' && this.identity.idNumber === applicantIdNumber) return;
    this.deny(`cases for ${applicantIdNumber}: applicants submit for themselves`);
  }
}
