import { randomUUID } from 'node:crypto';
import type { Database } from '../platform/database';

export interface PrefilledValue {
  readonly key: string;
  readonly value: string;
  readonly department: string;
  readonly updatedAt: string;
  readonly editable: boolean;
}

export interface UnavailableSource {
  readonly department: string;
  readonly code: string;
  readonly message: string;
  readonly fields: readonly string[];
}

export interface Prefill {
  readonly id: string;
  readonly applicantIdNumber: string;
  readonly bundleCode: string;
  readonly enterpriseUscc: string | null;
  readonly values: readonly PrefilledValue[];
  readonly unavailable: readonly UnavailableSource[];
  readonly readAt: Date;
}

/** Prefills as read, kept so a later check can hold the applicant to values they may not change. */
export class Prefills {
  constructor(private readonly db: Database) {}

  async save(p: Omit<Prefill, 'id'>): Promise<Prefill> {
    const id = randomUUID();
    await this.db
      .insertInto('prefills')
      .values({
        id,
        applicant_id_number: p.applicantIdNumber,
        bundle_code: p.bundleCode,
        enterprise_uscc: p.enterpriseUscc,
        values: JSON.stringify(p.values),
        unavailable: JSON.stringify(p.unavailable),
        read_at: p.readAt,
      })
      .execute();
    return { ...p, id };
  }

  /** One of the applicant's prefills. */
  async get(applicantIdNumber: string, id: string): Promise<Prefill | undefined> {
    const r = await this.db
      .selectFrom('prefills')
      .selectAll()
      .where('id', '=', id)
      .where('applicant_id_number', '=', applicantIdNumber)
      .executeTakeFirst();
    return r
      ? {
          id: r.id,
          applicantIdNumber: r.applicant_id_number,
          bundleCode: r.bundle_code,
          enterpriseUscc: r.enterprise_uscc,
          values: r.values,
          unavailable: r.unavailable,
          readAt: new Date(r.read_at),
        }
      : undefined;
  }
}
