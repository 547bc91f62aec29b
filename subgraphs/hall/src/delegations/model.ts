import type { StaffRef } from '../acting/acting';

/**
 * A delegation (授权委托): a principal lets an agent act for them — or, with `enterpriseUscc`, for an
 * enterprise they represent — in the named bundles from `validFrom` to `validUntil` (Beijing dates, both
 * days included), under a power of attorney (授权委托书) kept as an upload of the principal's.
 */
export interface Delegation {
  readonly id: string;
  readonly principalIdNumber: string;
  readonly principalName: string;
  /** The principal's subject as their sign-in named it (an applicant's is their ID number). */
  readonly principalSubject: string;
  readonly enterpriseUscc: string | null;
  readonly agentIdNumber: string;
  readonly agentName: string;
  /** The bundles the agent may act in (the scope), never empty. */
  readonly bundleCodes: readonly string[];
  /** First and last day of validity, `yyyy-MM-dd` in Beijing. */
  readonly validFrom: string;
  readonly validUntil: string;
  /** The power of attorney's upload (the principal's); null only when granted online without one. */
  readonly powerOfAttorneyUploadId: string | null;
  /** The window officer who recorded it from the signed paper; null when granted online. */
  readonly recordedBy: StaffRef | null;
  readonly grantedAt: Date;
  readonly revokedAt: Date | null;
}

/** A delegation as granted or recorded (DelegationInput), before it is checked. */
export interface DelegationDraft {
  readonly agentIdNumber: string;
  readonly agentName: string;
  readonly bundleCodes: readonly string[];
  /** Absent: today. */
  readonly validFrom?: string | null | undefined;
  readonly validUntil: string;
  readonly enterpriseUscc?: string | null | undefined;
  readonly powerOfAttorneyUploadId?: string | null | undefined;
}

/** A delegation checked and ready to store: what the repository writes. */
export type NewDelegation = Omit<Delegation, 'id' | 'grantedAt' | 'revokedAt'>;
