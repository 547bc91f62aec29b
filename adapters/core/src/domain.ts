/**
 * The domain every adapter answers in, whatever its department's wire looks like: names from the domain,
 * money as integer fen (fields named `…Fen`), dates as ISO `yyyy-MM-dd`, instants as ISO timestamps.
 */

import type { DepartmentKey } from '@onething/schema/departments';
import type { FeeAssessment, FeeRequest } from './fees';

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

export type FieldType =
  | 'text'
  | 'idNumber'
  | 'uscc'
  | 'unitCode'
  | 'money'
  | 'date'
  | 'phone'
  | 'integer'
  | 'decimal'
  | 'enum'
  | 'boolean'
  | 'bankAccount'
  | 'fundAccount';

/** One form field of an item, keyed by its semantic key (e.g. `applicant.idNumber`). */
export interface FieldSpec {
  readonly key: string;
  readonly label: Bilingual;
  readonly type: FieldType;
  readonly required: boolean;
  /** Whether a prefilled value may be overwritten by the applicant. */
  readonly editable: boolean;
  readonly hint?: Bilingual;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  /** For money in fen; for integer and decimal the value itself. */
  readonly min?: number;
  readonly max?: number;
  readonly options?: readonly { readonly value: string; readonly label: Bilingual }[];
}

/** One material (材料) an item asks for. */
export interface MaterialSpec {
  readonly id: string;
  readonly name: Bilingual;
  readonly required: boolean;
  readonly original: boolean;
  readonly copies: number;
  /** Departments that already hold it. */
  readonly heldBy: readonly string[];
  readonly formats: readonly string[];
}

export type ItemType =
  | 'administrative-licence'
  | 'administrative-confirmation'
  | 'administrative-levy'
  | 'public-service'
  | 'other-power';

/** An item (事项) with the elements of its implementation list (实施清单). */
export interface ItemSpec {
  readonly department: DepartmentKey;
  readonly code: string;
  readonly name: Bilingual;
  readonly type: ItemType;
  readonly legalBasis: readonly string[];
  /** Working days. */
  readonly legalLimitDays: number;
  /** Working days; 0 means on the spot (即办). */
  readonly promisedLimitDays: number;
  readonly acceptanceConditions: readonly Bilingual[];
  readonly feeFen: number;
  readonly visits: number;
  readonly fields: readonly FieldSpec[];
  readonly materials: readonly MaterialSpec[];
  readonly result: {
    readonly name: Bilingual;
    readonly kind: string;
    readonly materials: readonly string[];
    readonly values: readonly string[];
  };
}

/** A field value as the hall sends it: money in fen (integer), dates ISO, booleans as booleans. */
export type FieldValue = string | number | boolean;
export type FieldValues = Readonly<Record<string, FieldValue>>;

/** One application part sent to a department. */
export interface CaseSubmission {
  readonly itemCode: string;
  /**
   * The same key for every attempt of the same part: the department keeps one case per key (or, where its
   * system cannot, the adapter finds the case by it before trying again).
   */
  readonly idempotencyKey: string;
  readonly applicant: { readonly idNumber: string; readonly name: string };
  readonly fields: FieldValues;
  /** Materials handed in, by material id, with a reference to the stored file. */
  readonly materials: readonly { readonly id: string; readonly reference: string }[];
}

export type CaseStatus = 'ACCEPTED' | 'IN_REVIEW' | 'APPROVED' | 'REJECTED' | 'CORRECTION_REQUESTED';

/** A case as the department reports it. */
export interface CaseState {
  readonly department: DepartmentKey;
  readonly caseNumber: string;
  readonly itemCode: string;
  /**
   * Whose case it is: the applicant's resident ID number as the department's record holds it. The
   * subgraphs show a case to the hall only when it acts for this applicant.
   */
  readonly applicantIdNumber: string;
  readonly status: CaseStatus;
  /** When the case entered its status (ISO timestamp, on the department's clock). */
  readonly statusAt: string;
  readonly acceptedAt: string;
  /** Why it was rejected or what needs correcting, in the department's words. */
  readonly reason?: string;
  /** For CORRECTION_REQUESTED: semantic keys of the fields to correct. */
  readonly correctionFields?: readonly string[];
  /** For APPROVED: what the approval produced, by semantic key (e.g. `enterprise.uscc`). */
  readonly result?: Readonly<Record<string, string>>;
}

/**
 * A document a department issued on approving a case (电子证照): the file and the metadata it signed,
 * checked by the adapter — the signature over the signed text the adapter rebuilt from the wire fields
 * verifies under the department's public key, and the file's SHA-256 is the one signed.
 */
export interface IssuedDocument {
  readonly number: string;
  /** The material it is (e.g. `property-certificate`), as items name their results' materials. */
  readonly materialId: string;
  readonly name: Bilingual;
  /** The item's result kind: licence, certificate, notice, receipt or approval. */
  readonly kind: string;
  /** Whose it is: the applicant's resident ID number. */
  readonly holderIdNumber: string;
  readonly holderName: string;
  /** What it is about: a real-estate unit code, an enterprise's USCC, or null. */
  readonly subject: string | null;
  /** When it was issued (ISO timestamp): the approval's instant. */
  readonly issuedAt: string;
  /** The issuing authority, in Chinese (e.g. 湖州市自然资源和规划局). */
  readonly issuer: string;
  readonly contentType: string;
  /** Hex SHA-256 of `content`. */
  readonly sha256: string;
  readonly content: Buffer;
  readonly signature: {
    /** Ed25519, where the national e-licence systems use SM2 (Node's crypto has none). */
    readonly algorithm: 'Ed25519';
    readonly keyId: string;
    /** The text signed, as the adapter rebuilt it from the wire fields by the department's rule. */
    readonly signedText: string;
    /** Base64. */
    readonly value: string;
  };
}

/**
 * What the hall and the subgraphs need from every department's adapter. Each adapter adds its own reads
 * (taxpayers, enterprises, properties, accounts) on top.
 */
export interface DepartmentAdapter {
  readonly department: DepartmentKey;
  /** The department's published items. */
  listItems(): Promise<ItemSpec[]>;
  /** Submits a case; the same idempotency key never makes a second case. */
  submitCase(submission: CaseSubmission): Promise<CaseState>;
  /** A case by its number, or null when the department has none. */
  getCase(caseNumber: string): Promise<CaseState | null>;
  /** The case submitted under an idempotency key, or null when none reached the department. */
  findCase(itemCode: string, idempotencyKey: string): Promise<CaseState | null>;
  /** Sends a correction (补正) of the named fields; only while one is requested. */
  correctCase(caseNumber: string, fields: FieldValues, idempotencyKey: string): Promise<CaseState>;
  /**
   * The documents a case's approval issued, each verified (signature and file); `[]` until the case is
   * approved or when its item issues none; null when the department has no such case (as getCase). A
   * document that fails verification is refused with DOCUMENT_UNVERIFIED, naming it and what failed.
   */
  getDocuments(caseNumber: string): Promise<IssuedDocument[] | null>;
  /**
   * What the department charges for some of its items given the values typed so far (a read: nothing is
   * submitted). Every item asked about gets at least one line, 0 with its rule when it is free; values
   * the assessment needs and lacks, or that break its rules, are INVALID_INPUT or DEPARTMENT_REJECTED
   * naming each.
   */
  assessFees(request: FeeRequest): Promise<FeeAssessment>;
  /** Releases sockets. */
  close(): void;
}
