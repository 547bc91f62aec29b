import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { type Selectable, sql } from 'kysely';
import type { Database } from '../platform/database';
import type { HallDatabase, UploadTable } from '../platform/schema';
import type { MaterialType } from './sniff';

/** One uploaded file of an applicant: its record; the bytes are in the blob store under `sha256`. */
export interface Upload {
  readonly id: string;
  readonly applicantIdNumber: string;
  readonly sha256: string;
  /** The type found in the content, never the one claimed. */
  readonly contentType: MaterialType;
  readonly size: number;
  readonly name: string;
  readonly uploadedAt: Date;
  /** The window visit it was uploaded in by an officer, for the walk-in; null otherwise. */
  readonly visitId: string | null;
}

/** What a new upload's record holds; the id and time are given by {@link Uploads.create}. */
export type NewUpload = Omit<Upload, 'id' | 'uploadedAt' | 'visitId'> & { readonly visitId?: string | null };

const toUpload = (r: Selectable<UploadTable>): Upload => ({
  id: r.id,
  applicantIdNumber: r.applicant_id_number,
  sha256: r.sha256,
  contentType: r.content_type as MaterialType,
  size: Number(r.size),
  name: r.name,
  uploadedAt: new Date(r.uploaded_at),
  visitId: r.visit_id ?? null,
});

/**
 * The records of uploaded files (上传材料). An application refers to uploads by id; a record belongs to the
 * applicant who uploaded it, and only their own uploads count as their materials.
 */
export class Uploads {
  constructor(private readonly db: Database) {}

  /** Records an upload whose file is already stored. */
  async create(upload: NewUpload, now = new Date()): Promise<Upload> {
    const row = await this.db
      .insertInto('uploads')
      .values({
        id: randomUUID(),
        applicant_id_number: upload.applicantIdNumber,
        sha256: upload.sha256,
        content_type: upload.contentType,
        size: upload.size,
        name: upload.name,
        uploaded_at: now,
        visit_id: upload.visitId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toUpload(row);
  }

  /** One upload by id, whoever it belongs to (the caller decides who may see it). */
  async get(id: string): Promise<Upload | undefined> {
    const row = await this.db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUpload(row) : undefined;
  }

  /**
   * The uploads among `ids` that belong to the applicant; an id that is unknown or someone else's is left
   * out, so a caller compares lengths to find the ids it may not use.
   */
  async forApplicant(applicantIdNumber: string, ids: readonly string[]): Promise<Upload[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('uploads')
      .selectAll()
      .where('applicant_id_number', '=', applicantIdNumber)
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return rows.map(toUpload);
  }

  /**
   * How the upload was handed in to the departments: for each part of theirs in an application holding it,
   * the part's item and the material id the upload was handed in as. Whether that item's case carries the
   * material is the caller's to judge (from the item's published materials).
   */
  async handedInTo(
    uploadId: string,
    departments: readonly string[],
  ): Promise<{ itemCode: string; materialId: string }[]> {
    if (departments.length === 0) return [];
    const rows = await this.db
      .selectFrom('applications as a')
      .innerJoin('parts as p', 'p.application_id', 'a.id')
      .select(['p.item_code', 'a.materials'])
      .where(sql<boolean>`a.materials @> ${JSON.stringify([{ uploadId }])}::jsonb`)
      .where('p.department', 'in', [...departments])
      .execute();
    return rows.flatMap((r) =>
      r.materials
        .filter((m) => m.uploadId === uploadId)
        .map((m) => ({ itemCode: r.item_code, materialId: m.id })),
    );
  }

  /** The centres of the applications that handed an upload in (null: an application of no centre yet). */
  async centresHolding(uploadId: string): Promise<(string | null)[]> {
    const rows = await this.db
      .selectFrom('applications as a')
      .select('a.centre')
      .where(sql<boolean>`a.materials @> ${JSON.stringify([{ uploadId }])}::jsonb`)
      .execute();
    return rows.map((r) => r.centre);
  }

  /**
   * What an applicant's uploads not (yet) handed in with an application hold: what the quota counts.
   * Handed-in uploads are part of a service record and count no more.
   */
  async usage(applicantIdNumber: string): Promise<{ files: number; bytes: number }> {
    const row = await this.db
      .selectFrom('uploads')
      .select((eb) => [eb.fn.countAll<string>().as('files'), eb.fn.sum<string | null>('size').as('bytes')])
      .where('applicant_id_number', '=', applicantIdNumber)
      .where('handed_in_at', 'is', null)
      .executeTakeFirstOrThrow();
    return { files: Number(row.files), bytes: Number(row.bytes ?? 0) };
  }

  /**
   * Marks uploads as handed in by an application, in the application's own transaction: from then on they
   * are kept (see materials/retention.ts). Marks only those not marked before.
   */
  static async markHandedIn(tx: Transaction<HallDatabase>, ids: readonly string[], now: Date): Promise<void> {
    if (ids.length === 0) return;
    await tx
      .updateTable('uploads')
      .set({ handed_in_at: now })
      .where('id', 'in', [...new Set(ids)])
      .where('handed_in_at', 'is', null)
      .execute();
  }

  /**
   * Deletes the records of uploads never handed in — the ids given, or with `before`, those uploaded
   * before it — and returns their content addresses. An upload an application names is never deleted,
   * even if its mark were missing.
   */
  async deleteUnreferenced(where: {
    readonly ids?: readonly string[];
    readonly applicantIdNumber?: string;
    readonly before?: Date;
    readonly limit?: number;
  }): Promise<{ id: string; sha256: string }[]> {
    let candidates = this.db
      .selectFrom('uploads as u')
      .select('u.id')
      .where('u.handed_in_at', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('applications as a')
              .select(sql`1`.as('one'))
              .where(sql<boolean>`a.materials @> jsonb_build_array(jsonb_build_object('uploadId', u.id))`),
          ),
        ),
      )
      // Nor one a live draft holds: a draft keeps what was uploaded for it as long as it lives.
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('drafts as d')
              .select(sql`1`.as('one'))
              .where('d.expires_at', '>', new Date())
              .where(sql<boolean>`d.materials @> jsonb_build_array(jsonb_build_object('uploadId', u.id))`),
          ),
        ),
      );
    if (where.ids) candidates = candidates.where('u.id', 'in', where.ids.length ? [...where.ids] : ['']);
    if (where.applicantIdNumber)
      candidates = candidates.where('u.applicant_id_number', '=', where.applicantIdNumber);
    if (where.before) candidates = candidates.where('u.uploaded_at', '<', where.before);
    if (where.limit) candidates = candidates.orderBy('u.uploaded_at').limit(where.limit);
    return this.db
      .deleteFrom('uploads')
      .where('id', 'in', candidates)
      .where('handed_in_at', 'is', null)
      .returning(['id', 'sha256'])
      .execute();
  }

  /** Whether any upload record still points at the content address. */
  async shaInUse(sha256: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('uploads')
      .select('id')
      .where('sha256', '=', sha256)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** An applicant's uploads, newest first. */
  async list(applicantIdNumber: string): Promise<Upload[]> {
    const rows = await this.db
      .selectFrom('uploads')
      .selectAll()
      .where('applicant_id_number', '=', applicantIdNumber)
      .orderBy('uploaded_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toUpload);
  }
}
