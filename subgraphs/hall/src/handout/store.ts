import type { Selectable } from 'kysely';
import type { Database } from '../platform/database';
import type { HandOutTable } from '../platform/schema';
import type { Queryable } from '../platform/unit-of-work';
import type {
  Collection,
  HandOut,
  HandOutChange,
  HandOutMethod,
  HandOutStatus,
  PostalAddress,
} from './model';

const toHandOut = (r: Selectable<HandOutTable>): HandOut => ({
  applicationId: r.application_id,
  method: r.method as HandOutMethod,
  address: (r.address as PostalAddress | null) ?? null,
  status: r.status as HandOutStatus,
  waybillNumber: r.waybill_number,
  waybillStatus: r.waybill_status,
  signer: r.signer,
  collection: (r.collection as Collection | null) ?? null,
  deliveredAt: r.delivered_at ? new Date(r.delivered_at) : null,
});

/** How each application's results are handed out (one row per application, made at submission). */
export class HandOuts {
  constructor(private readonly db: Database) {}

  static async create(
    tx: Queryable,
    applicationId: string,
    method: HandOutMethod,
    address: PostalAddress | null,
    now: Date,
  ): Promise<void> {
    await tx
      .insertInto('hand_outs')
      .values({
        application_id: applicationId,
        method,
        address: address ? JSON.stringify(address) : null,
        status: 'WAITING',
        updated_at: now,
      })
      .execute();
  }

  async get(applicationId: string, tx: Queryable = this.db): Promise<HandOut | undefined> {
    const r = await tx
      .selectFrom('hand_outs')
      .selectAll()
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
    return r ? toHandOut(r) : undefined;
  }

  async lock(tx: Queryable, applicationId: string): Promise<HandOut | undefined> {
    const r = await tx
      .selectFrom('hand_outs')
      .selectAll()
      .where('application_id', '=', applicationId)
      .forUpdate()
      .executeTakeFirst();
    return r ? toHandOut(r) : undefined;
  }

  async byWaybill(waybillNumber: string): Promise<HandOut | undefined> {
    const r = await this.db
      .selectFrom('hand_outs')
      .selectAll()
      .where('waybill_number', '=', waybillNumber)
      .executeTakeFirst();
    return r ? toHandOut(r) : undefined;
  }

  async update(tx: Queryable, applicationId: string, change: HandOutChange, now: Date): Promise<HandOut> {
    const row: Record<string, unknown> = { updated_at: now };
    if (change.method !== undefined) row.method = change.method;
    if (change.address !== undefined) row.address = change.address ? JSON.stringify(change.address) : null;
    if (change.status !== undefined) row.status = change.status;
    if (change.waybillNumber !== undefined) row.waybill_number = change.waybillNumber;
    if (change.waybillStatus !== undefined) row.waybill_status = change.waybillStatus;
    if (change.signer !== undefined) row.signer = change.signer;
    if (change.collection !== undefined)
      row.collection = change.collection ? JSON.stringify(change.collection) : null;
    if (change.deliveredAt !== undefined) row.delivered_at = change.deliveredAt;
    return toHandOut(
      await tx
        .updateTable('hand_outs')
        .set(row)
        .where('application_id', '=', applicationId)
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  }
}
