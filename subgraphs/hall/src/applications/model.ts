import type { AgentRef, IdentityCheckMethod, StaffRef } from '../acting/acting';
import type { ClockStop } from '../calendar/legal-clock';
import {
  type ApplicationStatus,
  PartStatus as PART_STATUS,
  type PartStatus,
} from '../generated/resolvers-types';

/**
 * Where an application part stands (the hall's dispatch, then the department's case), and the application's
 * status from its parts: both generated from the hall's SDL (`npm run codegen`), never retyped here.
 */
export type { ApplicationStatus, PartStatus };

/** Every part status, in the SDL's order; how a part moves between them is applications/part-machine.ts. */
export const PART_STATUSES = Object.values(PART_STATUS);

/** Part statuses after which nothing more happens to the part by itself. */
export const FINAL: ReadonlySet<PartStatus> = new Set(['APPROVED', 'REJECTED', 'CANCELLED']);

export interface Part {
  readonly id: string;
  readonly applicationId: string;
  readonly seq: number;
  readonly itemCode: string;
  readonly department: string;
  readonly after: readonly string[];
  readonly promisedDays: number;
  readonly status: PartStatus;
  readonly caseNumber: string | null;
  readonly acceptedAt: Date | null;
  readonly statusAt: Date | null;
  readonly deadline: string | null;
  readonly reason: string | null;
  readonly correctionFields: readonly string[];
  readonly result: Readonly<Record<string, string>>;
  readonly attempts: number;
  /** The last dispatch problem in full (`CODE: message`), for staff; applicants see its code's sentence. */
  readonly lastError: string | null;
  /** Its code (the adapter's classification); null on rows from before it was kept. */
  readonly lastErrorCode: string | null;
  readonly corrections: number;
  readonly deadLetteredAt: Date | null;
  /** The stops of its legal clock, oldest first (calendar/legal-clock.ts reads the clock from them). */
  readonly clockStops: readonly PartClockStop[];
}

/** A stop of a part's legal clock, with who stopped it, when, and why in their words. */
export interface PartClockStop extends ClockStop {
  /** Its department (a correction it asked for), or the member of staff who declared it. */
  readonly by:
    | { readonly kind: 'department'; readonly department: string }
    | { readonly kind: 'staff'; readonly subject: string; readonly name: string };
  readonly note: string | null;
  /** When the hall recorded it. */
  readonly at: Date;
}

/** What a change of a part may set: everything but what it is (its application, item, order, waits). */
export type PartChange = Partial<
  Pick<
    Part,
    | 'status'
    | 'caseNumber'
    | 'acceptedAt'
    | 'statusAt'
    | 'deadline'
    | 'reason'
    | 'correctionFields'
    | 'result'
    | 'attempts'
    | 'lastError'
    | 'lastErrorCode'
    | 'corrections'
    | 'deadLetteredAt'
    | 'clockStops'
  >
>;

export interface Application {
  readonly id: string;
  readonly applicantIdNumber: string;
  readonly applicantName: string;
  readonly applicantSubject: string;
  readonly enterprises: readonly string[];
  readonly enterpriseUscc: string | null;
  readonly bundleCode: string;
  readonly options: readonly string[];
  readonly values: readonly { key: string; value: string }[];
  readonly materials: readonly { id: string; uploadId: string }[];
  readonly status: ApplicationStatus;
  readonly submittedAt: Date;
  readonly completedAt: Date | null;
  /** How it was handed in. */
  readonly intake: Intake;
  /** Its responsible officer (首问负责), null until one takes it. */
  readonly responsibleOfficer: StaffRef | null;
  /** Its responsible officer's centre (null: none yet, or centres not configured). */
  readonly centre: string | null;
}

/** How an application was handed in: online or at a window, by the applicant or an agent. */
export interface Intake {
  readonly channel: 'ONLINE' | 'WINDOW';
  readonly officer: StaffRef | null;
  readonly identityCheck: IdentityCheckMethod | null;
  readonly agent: AgentRef | null;
  readonly delegationId: string | null;
}

/** A change of an application's responsible officer. */
export interface Handover {
  readonly from: StaffRef | null;
  readonly to: StaffRef;
  readonly reason: string | null;
  readonly at: Date;
}

/**
 * The application's status, from its parts, its payment and its results' hand-out: delivered once every
 * part is approved and the results were collected or signed for; completed when every part is approved;
 * rejected when a department refused a part (the bundle cannot complete); waiting for the applicant when
 * a correction is asked or its fees are due; in progress once anything was dispatched; submitted before.
 */
export function applicationStatus(
  parts: readonly Pick<Part, 'status'>[],
  payment?: string | null,
  handOut?: string | null,
): ApplicationStatus {
  if (parts.length > 0 && parts.every((p) => p.status === 'APPROVED'))
    return handOut === 'DELIVERED' ? 'DELIVERED' : 'COMPLETED';
  if (parts.some((p) => p.status === 'REJECTED')) return 'REJECTED';
  if (parts.some((p) => p.status === 'CORRECTION_REQUESTED')) return 'CORRECTION_REQUESTED';
  // Its fees are due (the payment code issued, or being issued, or expired): the applicant is to pay.
  if (payment === 'ORDERING' || payment === 'UNPAID' || payment === 'EXPIRED') return 'PAYMENT_DUE';
  if (parts.some((p) => p.status !== 'WAITING' && p.status !== 'DISPATCHING')) return 'IN_PROGRESS';
  return 'SUBMITTED';
}
