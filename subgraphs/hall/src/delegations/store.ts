import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { Uploads } from '../materials/uploads';
import type { Database } from '../platform/database';
import type { DelegationTable } from '../platform/schema';
import { type Queryable, type UnitOfWork, unitOfWork } from '../platform/unit-of-work';
import type { Delegation, NewDelegation } from './model';
import { type Judgement, judgeRevocation } from './status';

const toDelegation = (r: Selectable<DelegationTable>): Delegation => ({
  id: r.id,
  principalIdNumber: r.principal_id_number,
  principalName: r.principal_name,
  principalSubject: r.principal_subject,
  enterpriseUscc: r.enterprise_uscc,
  agentIdNumber: r.agent_id_number,
  agentName: r.agent_name,
  bundleCodes: r.bundle_codes,
  validFrom: r.valid_from,
  validUntil: r.valid_until,
  powerOfAttorneyUploadId: r.power_of_attorney_upload_id,
  recordedBy: r.recorded_by,
  grantedAt: new Date(r.granted_at),
  revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
});

/** Most delegations a list gives (a person grants a handful). */
const LIST_MAX = 200;

/** The one writer of delegations: takes and returns domain values, never columns. */
export class Delegations {
  private readonly inTransaction: UnitOfWork;

  constructor(private readonly db: Database) {
    this.inTransaction = unitOfWork(db);
  }

  /**
   * Stores a delegation checked whole (delegations/validation.ts) and, in the same transaction, marks its
   * power of attorney handed in: from then on the upload is part of a service record, kept (never swept
   * as an upload nobody used, never deleted by the principal), as an application's materials are.
   */
  async create(d: NewDelegation, now = new Date()): Promise<Delegation> {
    return this.inTransaction(async (tx) => {
      const row = await this.insert(tx, d, now);
      if (d.powerOfAttorneyUploadId) await Uploads.markHandedIn(tx, [d.powerOfAttorneyUploadId], now);
      return toDelegation(row);
    });
  }

  private insert(tx: Queryable, d: NewDelegation, now: Date) {
    return tx
      .insertInto('delegations')
      .values({
        id: randomUUID(),
        principal_id_number: d.principalIdNumber,
        principal_name: d.principalName,
        principal_subject: d.principalSubject,
        enterprise_uscc: d.enterpriseUscc,
        agent_id_number: d.agentIdNumber,
        agent_name: d.agentName,
        bundle_codes: JSON.stringify(d.bundleCodes),
        valid_from: d.validFrom,
        valid_until: d.validUntil,
        power_of_attorney_upload_id: d.powerOfAttorneyUploadId,
        recorded_by: d.recordedBy ? JSON.stringify(d.recordedBy) : null,
        granted_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** One delegation by id, whoever's (the caller decides who may learn of it). */
  async get(id: string, tx: Queryable = this.db): Promise<Delegation | undefined> {
    const row = await tx.selectFrom('delegations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toDelegation(row) : undefined;
  }

  /**
   * Revokes delegation `id` for `byIdNumber` at `now`, as the status machine judges it, in one
   * transaction holding the row: two revocations at once store one, and the second is refused as the
   * first's. Undefined when there is no such delegation at all.
   */
  async revoke(
    id: string,
    byIdNumber: string,
    now = new Date(),
  ): Promise<Judgement<{ delegation: Delegation }> | undefined> {
    return this.inTransaction(async (tx) => {
      const row = await tx
        .selectFrom('delegations')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!row) return undefined;
      const judged = judgeRevocation(toDelegation(row), byIdNumber, now);
      if (!judged.ok) return judged;
      const revoked = await tx
        .updateTable('delegations')
        .set({ revoked_at: judged.revokedAt })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { ok: true, delegation: toDelegation(revoked) };
    });
  }

  /** Whether an upload is the power of attorney of a delegation naming this agent (revoked ones too). */
  async powerOfAttorneyFor(uploadId: string, agentIdNumber: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('delegations')
      .select('id')
      .where('power_of_attorney_upload_id', '=', uploadId)
      .where('agent_id_number', '=', agentIdNumber)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The delegations a principal granted, newest first, revoked ones too. */
  async byPrincipal(principalIdNumber: string): Promise<Delegation[]> {
    const rows = await this.db
      .selectFrom('delegations')
      .selectAll()
      .where('principal_id_number', '=', principalIdNumber)
      .orderBy('granted_at', 'desc')
      .orderBy('id')
      .limit(LIST_MAX)
      .execute();
    return rows.map(toDelegation);
  }

  /** The delegations naming someone as agent, newest first. */
  async toAgent(agentIdNumber: string): Promise<Delegation[]> {
    const rows = await this.db
      .selectFrom('delegations')
      .selectAll()
      .where('agent_id_number', '=', agentIdNumber)
      .orderBy('granted_at', 'desc')
      .orderBy('id')
      .limit(LIST_MAX)
      .execute();
    return rows.map(toDelegation);
  }
}
