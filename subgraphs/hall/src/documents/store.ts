import { randomUUID } from 'node:crypto';
import type { Identity } from '@onething/runtime/identity';
import type { Selectable } from 'kysely';
import type { Database } from '../platform/database';
import type { DocumentSignatureJson, DocumentTable } from '../platform/schema';
import type { Queryable } from '../platform/unit-of-work';

/** A document a department issued on approving a part (电子证照), as the hall keeps it. */
export interface HeldDocument {
  readonly id: string;
  readonly applicationId: string;
  readonly partId: string;
  readonly bundleCode: string;
  readonly itemCode: string;
  /** The applicant of the application it was issued in. */
  readonly applicantIdNumber: string;
  readonly department: string;
  readonly caseNumber: string;
  /** Its number (证照编号), unique at its department. */
  readonly number: string;
  /** The material it is, e.g. `property-certificate`. */
  readonly materialId: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly kind: string;
  /** Whom the department issued it to (identity number or USCC). */
  readonly holderIdNumber: string;
  readonly holderName: string;
  /** What it is about, where that is not the holder: a unit code, a USCC. */
  readonly subject: string | null;
  readonly issuedAt: Date;
  readonly issuer: string;
  readonly contentType: string;
  /** The file's content address in the blob store. */
  readonly sha256: string;
  readonly size: number;
  readonly signature: DocumentSignatureJson;
  readonly keptAt: Date;
}

/**
 * Whether one who may read an application sees one of its documents: a department's staff see only their
 * own department's (another department's certificate is not theirs to hold); its applicant, window staff
 * and supervisors see them all.
 */
export const seesDocument = (identity: Identity, d: Pick<HeldDocument, 'department'>): boolean =>
  identity.role !== 'department-staff' || identity.departments.includes(d.department);

export type NewDocument = Omit<HeldDocument, 'id' | 'keptAt'>;

const toDocument = (r: Selectable<DocumentTable>): HeldDocument => ({
  id: r.id,
  applicationId: r.application_id,
  partId: r.part_id,
  bundleCode: r.bundle_code,
  itemCode: r.item_code,
  applicantIdNumber: r.applicant_id_number,
  department: r.department,
  caseNumber: r.case_number,
  number: r.number,
  materialId: r.material_id,
  name: r.name,
  kind: r.kind,
  holderIdNumber: r.holder_id_number,
  holderName: r.holder_name,
  subject: r.subject,
  issuedAt: new Date(r.issued_at),
  issuer: r.issuer,
  contentType: r.content_type,
  sha256: r.sha256,
  size: r.size,
  signature: r.signature,
  keptAt: new Date(r.kept_at),
});

/** The most documents one list answers (a person's 我的证照 is far shorter). */
export const MAX_LISTED = 200;

/**
 * The documents the hall keeps: one row per document a department numbered (kept again, it stays once),
 * each pointing at its file in the blob store.
 */
export class Documents {
  constructor(private readonly db: Database) {}

  /** Keeps documents fetched for a part; one a department numbered before is kept once. */
  async keep(tx: Queryable, documents: readonly NewDocument[], now: Date): Promise<number> {
    if (documents.length === 0) return 0;
    const rows = await tx
      .insertInto('documents')
      .values(
        documents.map((d) => ({
          id: randomUUID(),
          application_id: d.applicationId,
          part_id: d.partId,
          bundle_code: d.bundleCode,
          item_code: d.itemCode,
          applicant_id_number: d.applicantIdNumber,
          department: d.department,
          case_number: d.caseNumber,
          number: d.number,
          material_id: d.materialId,
          name: JSON.stringify(d.name),
          kind: d.kind,
          holder_id_number: d.holderIdNumber,
          holder_name: d.holderName,
          subject: d.subject,
          issued_at: d.issuedAt,
          issuer: d.issuer,
          content_type: d.contentType,
          sha256: d.sha256,
          size: d.size,
          signature: JSON.stringify(d.signature),
          kept_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['department', 'number']).doNothing())
      .returning('id')
      .execute();
    return rows.length;
  }

  async get(id: string): Promise<HeldDocument | undefined> {
    const r = await this.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toDocument(r) : undefined;
  }

  /**
   * 我的证照: the documents issued to a person or an enterprise (they are its holder), and those issued in
   * the applications they applied for (a licence issued to the company they founded), newest first.
   */
  async of(subjects: readonly string[]): Promise<HeldDocument[]> {
    if (subjects.length === 0) return [];
    const rows = await this.db
      .selectFrom('documents')
      .selectAll()
      .where((w) => w.or([w('holder_id_number', 'in', subjects), w('applicant_id_number', 'in', subjects)]))
      .orderBy('issued_at', 'desc')
      .orderBy('number')
      .limit(MAX_LISTED)
      .execute();
    return rows.map(toDocument);
  }

  /** The documents issued in the applications named, in the order issued. */
  async ofApplications(ids: readonly string[]): Promise<Map<string, HeldDocument[]>> {
    const found = new Map<string, HeldDocument[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return found;
    const rows = await this.db
      .selectFrom('documents')
      .selectAll()
      .where('application_id', 'in', ids)
      .orderBy('issued_at')
      .orderBy('number')
      .execute();
    for (const r of rows) found.get(r.application_id)?.push(toDocument(r));
    return found;
  }

  /**
   * The newest document of a material held by one of `holders`, about `subject` (the unit a property
   * certificate is of, the enterprise a licence is of) when the material names one: what a later
   * application counts as held (免提交) instead of asking for it again.
   */
  async held(
    materialId: string,
    holders: readonly string[],
    subject: string | null,
  ): Promise<HeldDocument | undefined> {
    if (holders.length === 0) return undefined;
    let q = this.db
      .selectFrom('documents')
      .selectAll()
      .where('material_id', '=', materialId)
      .where('holder_id_number', 'in', holders);
    if (subject !== null) q = q.where('subject', '=', subject);
    const r = await q.orderBy('issued_at', 'desc').limit(1).executeTakeFirst();
    return r ? toDocument(r) : undefined;
  }

  /** Whether a stored file is a document's (the uploads' retention must not delete it). */
  async shaInUse(sha256: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('documents')
      .select('id')
      .where('sha256', '=', sha256)
      .limit(1)
      .executeTakeFirst();
    return r !== undefined;
  }
}
