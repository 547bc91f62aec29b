import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AgentRef, StaffRef } from '../acting/acting';
import type { Database } from '../platform/database';

export interface Consent {
  readonly id: string;
  readonly applicantIdNumber: string;
  readonly bundleCode: string;
  readonly scopes: readonly string[];
  readonly grantedAt: Date;
  readonly revokedAt: Date | null;
  /** The officer who witnessed it at a window (null online). */
  readonly witness: StaffRef | null;
  readonly signatureForm: 'SIGNED_ON_PAD' | 'PAPER_SCANNED' | null;
  readonly signatureUploadId: string | null;
  /** The agent who gave it for the principal (null otherwise). */
  readonly agent: AgentRef | null;
}

/** How a consent was given when not by the applicant online: witnessed at a window, or by an agent. */
export interface ConsentGiven {
  readonly witness?: StaffRef | null;
  readonly signatureForm?: 'SIGNED_ON_PAD' | 'PAPER_SCANNED' | null;
  readonly signatureUploadId?: string | null;
  readonly agent?: AgentRef | null;
}

const toConsent = (r: {
  id: string;
  applicant_id_number: string;
  bundle_code: string;
  scopes: string[];
  granted_at: Date;
  revoked_at: Date | null;
  witness?: StaffRef | null;
  signature_form?: string | null;
  signature_upload_id?: string | null;
  agent?: AgentRef | null;
}): Consent => ({
  id: r.id,
  applicantIdNumber: r.applicant_id_number,
  bundleCode: r.bundle_code,
  scopes: r.scopes,
  grantedAt: new Date(r.granted_at),
  revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
  witness: r.witness ?? null,
  signatureForm: (r.signature_form as Consent['signatureForm']) ?? null,
  signatureUploadId: r.signature_upload_id ?? null,
  agent: r.agent ?? null,
});

/**
 * Consents to read departments' data for a bundle's prefill. A new grant replaces the applicant's
 * previous one for the same bundle (revoked in the same transaction), so there is one consent in force.
 */
export class Consents {
  constructor(private readonly db: Database) {}

  async grant(
    applicantIdNumber: string,
    bundleCode: string,
    scopes: readonly string[],
    now = new Date(),
    given: ConsentGiven = {},
  ): Promise<Consent> {
    return this.db.transaction().execute(async (tx) => {
      // Grants of one applicant for one bundle take turns (the unique index guarantees one in force).
      await sql`select pg_advisory_xact_lock(hashtext(${`consent:${applicantIdNumber}:${bundleCode}`}))`.execute(
        tx,
      );
      await tx
        .updateTable('consents')
        .set({ revoked_at: now })
        .where('applicant_id_number', '=', applicantIdNumber)
        .where('bundle_code', '=', bundleCode)
        .where('revoked_at', 'is', null)
        .execute();
      const row = await tx
        .insertInto('consents')
        .values({
          id: randomUUID(),
          applicant_id_number: applicantIdNumber,
          bundle_code: bundleCode,
          scopes: JSON.stringify(scopes),
          granted_at: now,
          revoked_at: null,
          witness: given.witness ? JSON.stringify(given.witness) : null,
          signature_form: given.signatureForm ?? null,
          signature_upload_id: given.signatureUploadId ?? null,
          agent: given.agent ? JSON.stringify(given.agent) : null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toConsent(row);
    });
  }

  /** Revokes one of the applicant's consents; undefined when it is not theirs. */
  async revoke(applicantIdNumber: string, id: string, now = new Date()): Promise<Consent | undefined> {
    const row = await this.db
      .updateTable('consents')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('applicant_id_number', '=', applicantIdNumber)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (row) return toConsent(row);
    const existing = await this.db
      .selectFrom('consents')
      .selectAll()
      .where('id', '=', id)
      .where('applicant_id_number', '=', applicantIdNumber)
      .executeTakeFirst();
    return existing ? toConsent(existing) : undefined;
  }

  /** The consent in force for an applicant and a bundle. */
  async current(applicantIdNumber: string, bundleCode: string): Promise<Consent | undefined> {
    const row = await this.db
      .selectFrom('consents')
      .selectAll()
      .where('applicant_id_number', '=', applicantIdNumber)
      .where('bundle_code', '=', bundleCode)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row ? toConsent(row) : undefined;
  }

  async list(applicantIdNumber: string): Promise<Consent[]> {
    const rows = await this.db
      .selectFrom('consents')
      .selectAll()
      .where('applicant_id_number', '=', applicantIdNumber)
      .orderBy('granted_at', 'desc')
      .execute();
    return rows.map(toConsent);
  }
}
