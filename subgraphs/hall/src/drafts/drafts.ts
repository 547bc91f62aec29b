import { randomUUID } from 'node:crypto';
import { subgraphError } from '@onething/subgraph-kit';
import type { Selectable } from 'kysely';
import type { Acting } from '../acting/acting';
import type { Database } from '../platform/database';
import type { DraftTable } from '../platform/schema';
import type { Queryable } from '../platform/unit-of-work';

/** A saved one form, as typed (草稿). */
export interface Draft {
  readonly id: string;
  readonly applicantIdNumber: string;
  readonly bundleCode: string;
  readonly options: readonly string[];
  readonly values: readonly { key: string; value: string }[];
  readonly materials: readonly { id: string; uploadId: string }[];
  readonly prefillId: string | null;
  readonly enterpriseUscc: string | null;
  readonly savedBy: string;
  readonly savedAt: 'ONLINE' | 'WINDOW';
  readonly updatedAt: Date;
  readonly expiresAt: Date;
}

/** A draft as saved (the DraftInput). */
export interface DraftInput {
  readonly draftId?: string | null | undefined;
  readonly bundleCode: string;
  readonly options: readonly string[];
  readonly values: readonly { key: string; value: string }[];
  readonly materials: readonly { id: string; uploadId: string }[];
  readonly prefillId?: string | null | undefined;
  readonly enterpriseUscc?: string | null | undefined;
}

/** The only checks a draft gets: sizes, so one draft cannot fill the store. What was typed is kept, right or wrong. */
export const DRAFT_LIMITS = {
  values: 500,
  valueChars: 10_000,
  keyChars: 200,
  materials: 100,
  options: 50,
} as const;

const toDraft = (r: Selectable<DraftTable>): Draft => ({
  id: r.id,
  applicantIdNumber: r.applicant_id_number,
  bundleCode: r.bundle_code,
  options: r.options,
  values: r.values,
  materials: r.materials,
  prefillId: r.prefill_id,
  enterpriseUscc: r.enterprise_uscc,
  savedBy: r.saved_by,
  savedAt: r.saved_channel as Draft['savedAt'],
  updatedAt: new Date(r.updated_at),
  expiresAt: new Date(r.expires_at),
});

/** Every size problem of a draft, at its path (empty: it is kept as it is). */
export function draftSizeProblems(input: DraftInput) {
  const out: { path: string; rule: string; message: { zh: string; en: string } }[] = [];
  const say = (path: string, rule: string, zh: string, en: string) =>
    out.push({ path, rule, message: { zh, en } });
  if (input.values.length > DRAFT_LIMITS.values)
    say(
      'values',
      'draft.tooManyValues',
      `草稿最多保存${DRAFT_LIMITS.values}项`,
      `a draft keeps at most ${DRAFT_LIMITS.values} values`,
    );
  input.values.forEach((v, i) => {
    if ([...v.key].length > DRAFT_LIMITS.keyChars)
      say(
        `values.${i}.key`,
        'draft.keyTooLong',
        '字段名过长',
        `a field key is at most ${DRAFT_LIMITS.keyChars} characters`,
      );
    if ([...v.value].length > DRAFT_LIMITS.valueChars)
      say(
        v.key.slice(0, DRAFT_LIMITS.keyChars),
        'draft.valueTooLong',
        `内容最多${DRAFT_LIMITS.valueChars}字`,
        `a value is at most ${DRAFT_LIMITS.valueChars} characters`,
      );
  });
  if (input.materials.length > DRAFT_LIMITS.materials)
    say(
      'materials',
      'draft.tooManyMaterials',
      `草稿最多保存${DRAFT_LIMITS.materials}份材料`,
      `a draft keeps at most ${DRAFT_LIMITS.materials} materials`,
    );
  if (input.options.length > DRAFT_LIMITS.options)
    say(
      'options',
      'draft.tooManyOptions',
      `最多选择${DRAFT_LIMITS.options}个选项`,
      `at most ${DRAFT_LIMITS.options} options`,
    );
  return out;
}

/** Who saved a draft, by name: the agent, the window officer, or the applicant. */
export const savedBy = (acting: Acting): string =>
  acting.agent?.name ?? acting.officer?.name ?? (acting.applicant.name || acting.applicant.idNumber);

/**
 * Drafts of one form: saved as typed (sizes aside), the applicant's whoever saved them (online, an
 * agent, or a window officer in a visit), so one started online is finished at a window and the reverse.
 * A draft lives DRAFT_TTL_DAYS after its last save; an expired one is neither listed nor submittable, and
 * the retention sweep deletes it.
 */
export class Drafts {
  constructor(
    private readonly db: Database,
    private readonly ttlDays: number,
  ) {}

  async save(acting: Acting, input: DraftInput, now: Date): Promise<Draft> {
    const problems = draftSizeProblems(input);
    if (problems.length > 0)
      throw subgraphError('INVALID_INPUT', 'hall', problems.map((p) => p.message.en).join('; '), {
        problems,
      });
    const row = {
      bundle_code: input.bundleCode,
      options: JSON.stringify(input.options),
      values: JSON.stringify(input.values),
      materials: JSON.stringify(input.materials),
      prefill_id: input.prefillId ?? null,
      enterprise_uscc: input.enterpriseUscc ?? null,
      saved_by: savedBy(acting),
      saved_channel: acting.channel,
      updated_at: now,
      expires_at: new Date(now.getTime() + this.ttlDays * 86_400_000),
    };
    if (input.draftId) {
      const updated = await this.db
        .updateTable('drafts')
        .set(row)
        .where('id', '=', input.draftId)
        .where('applicant_id_number', '=', acting.applicant.idNumber)
        .where('expires_at', '>', now)
        .returningAll()
        .executeTakeFirst();
      if (!updated) throw notFound(input.draftId);
      return toDraft(updated);
    }
    const created = await this.db
      .insertInto('drafts')
      .values({ id: randomUUID(), applicant_id_number: acting.applicant.idNumber, ...row })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toDraft(created);
  }

  /** The applicant's live draft, or undefined. */
  async get(
    applicantIdNumber: string,
    id: string,
    now: Date,
    tx: Queryable = this.db,
  ): Promise<Draft | undefined> {
    const r = await tx
      .selectFrom('drafts')
      .selectAll()
      .where('id', '=', id)
      .where('applicant_id_number', '=', applicantIdNumber)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return r ? toDraft(r) : undefined;
  }

  async discard(applicantIdNumber: string, id: string, now: Date): Promise<Draft> {
    const r = await this.db
      .deleteFrom('drafts')
      .where('id', '=', id)
      .where('applicant_id_number', '=', applicantIdNumber)
      .where('expires_at', '>', now)
      .returningAll()
      .executeTakeFirst();
    if (!r) throw notFound(id);
    return toDraft(r);
  }

  /** Ends a draft by its submission, in the submission's transaction; false when it is gone or expired. */
  static async end(tx: Queryable, applicantIdNumber: string, id: string, now: Date): Promise<boolean> {
    const r = await tx
      .deleteFrom('drafts')
      .where('id', '=', id)
      .where('applicant_id_number', '=', applicantIdNumber)
      .where('expires_at', '>', now)
      .returning('id')
      .executeTakeFirst();
    return r !== undefined;
  }

  /** The applicant's live drafts, newest first. */
  async list(applicantIdNumber: string, now: Date): Promise<Draft[]> {
    const rows = await this.db
      .selectFrom('drafts')
      .selectAll()
      .where('applicant_id_number', '=', applicantIdNumber)
      .where('expires_at', '>', now)
      .orderBy('updated_at', 'desc')
      .limit(100)
      .execute();
    return rows.map(toDraft);
  }

  /** Deletes expired drafts (the retention sweep); returns how many. */
  static async purge(db: Queryable, now: Date): Promise<number> {
    const gone = await db.deleteFrom('drafts').where('expires_at', '<=', now).returning('id').execute();
    return gone.length;
  }
}

const notFound = (id: string) =>
  subgraphError('NOT_FOUND', 'hall', `no draft ${id} of this applicant (or it has expired or was submitted)`);
