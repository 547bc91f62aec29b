import type { Identity } from '@onething/runtime/identity';
import { subgraphError } from './errors';

/** What is done to a department's case. */
export type CaseOperation = 'read' | 'submit' | 'correct';

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

  /**
   * Reads of no one's personal data that still cost this department's system a call (a fee assessment):
   * any signed-in identity — applicants, window and department staff, the hall — but not anonymous callers.
   */
  signedIn(what: string): void {
    if (this.identity.role === 'anonymous') this.deny(what);
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
   * Reads of this department's data about a unit, given its owners as the registry holds them: its owners
   * (and the hall acting for one of them, as when a seller confirms a sale) and this department's staff.
   * The hall acting for anyone else learns nothing of the unit: a buyer's checks are made under the
   * seller's confirmation, acting for the seller, never as an oracle of who owns what.
   */
  property(ownerIdNumbers: readonly string[]): void {
    const me = this.applicant?.idNumber;
    if (me && ownerIdNumbers.includes(me)) return;
    if (!this.isDepartmentStaff) this.deny(`the ${this.department} data of a unit it does not own`);
  }

  /**
   * Who owns a unit: its owners (and the hall acting for one) and any department's staff — other
   * departments ask the registry for the owners (@requires) to decide who may read their records of it.
   */
  propertyOwners(ownerIdNumbers: readonly string[]): void {
    const me = this.applicant?.idNumber;
    if (me && ownerIdNumbers.includes(me)) return;
    if (!this.isAnyDepartmentStaff) this.deny('the owners of a unit it does not own');
  }

  /**
   * Which of a unit's records (deed tax paid, loans taken) this identity may see, given whose each is: this
   * department's staff every one; an owner, or the hall acting for one, their own only. Owning a unit now
   * is no claim on what an earlier owner paid or borrowed for it. Call after {@link property}.
   */
  ownRecords<T>(records: readonly T[], personOf: (record: T) => string): T[] {
    if (this.isDepartmentStaff) return [...records];
    const me = this.applicant?.idNumber;
    return me ? records.filter((r) => personOf(r) === me) : [];
  }

  /** The applicant a service acts for: the hall names one for every case operation it makes. */
  private get actedFor(): string | undefined {
    return this.isService ? this.identity.actingFor?.idNumber : undefined;
  }

  private refuse(message: string): never {
    throw subgraphError('FORBIDDEN', this.department, message);
  }

  /** Why a case operation is not this identity's to make, and where it is made instead. */
  private notYourCase(what: CaseOperation): never {
    const { role } = this.identity;
    const dept = this.department;
    const theirs = `${dept} cases are read by ${dept} staff, and handed in, followed and corrected by the hall acting for their applicant`;
    if (role === 'applicant')
      this.refuse(
        `applicants do not ${what} ${dept} cases directly: hand in and follow applications through the hall (submitApplication, application), which checks the form and sends each department its part`,
      );
    if (role === 'department-staff')
      this.refuse(
        what === 'read'
          ? `${theirs}; follow your own department's cases, or an application's parts in the hall`
          : `department staff do not ${what} ${dept} cases through the federation: take them in the department's own system; here they come from the hall only`,
      );
    if (role === 'service')
      this.refuse(
        this.actedFor
          ? `the case is not of the applicant this service acts for: ${what} a case only for the applicant named in x-onething-acting-for`
          : `a service may ${what} ${dept} cases only acting for their applicant: name them in x-onething-acting-for`,
      );
    if (role === 'window-staff' || role === 'supervisor')
      this.refuse(
        `${role === 'supervisor' ? 'supervisors' : 'window staff'} follow applications in the hall (applicationQueue, application); ${theirs}`,
      );
    this.refuse(`sign in: ${theirs}`);
  }

  /**
   * Before reading one of this department's cases: its staff, and the hall acting for an applicant (whose
   * case it must turn out to be, {@link caseOf}). Nobody else gets as far as asking the department.
   */
  cases(): void {
    if (this.isDepartmentStaff || this.actedFor) return;
    this.notYourCase('read');
  }

  /**
   * A case the department answered (to a read, a submission or a correction), given whose it is: shown to
   * its department's staff, and to the hall acting for its applicant; `what` names the operation refused.
   */
  caseOf(applicantIdNumber: string, what: CaseOperation = 'read'): void {
    if (this.isDepartmentStaff && what === 'read') return;
    if (this.actedFor && this.actedFor === applicantIdNumber) return;
    this.notYourCase(what);
  }

  /**
   * Before sending a correction (补正): only the hall, acting for an applicant; the case must be theirs
   * ({@link caseOf}). Applicants correct through the hall, which knows what the department asked.
   */
  correct(): void {
    if (this.actedFor) return;
    this.notYourCase('correct');
  }

  /**
   * Submitting a case for an applicant: only the hall acting for that very applicant. Applicants hand in
   * applications at the hall, which checks the form, keeps the record and sends only their own materials;
   * department staff take cases in their own system, not through the federation.
   */
  submitFor(applicantIdNumber: string): void {
    if (this.actedFor && this.actedFor === applicantIdNumber) return;
    this.notYourCase('submit');
  }
}
