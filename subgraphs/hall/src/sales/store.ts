import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../platform/database';

/**
 * A seller's confirmation of a sale (出卖人确认): the owner of a unit, signed in, confirms that they sell it
 * to a buyer named by ID number. The buyer's house transfer is accepted only with a live one.
 */
export interface SaleConfirmation {
  readonly id: string;
  readonly sellerIdNumber: string;
  readonly sellerName: string;
  readonly unitCode: string;
  /** Its location as the registry held it when the seller confirmed. */
  readonly address: string | null;
  readonly buyerIdNumber: string;
  /** The agreed price in fen, if the seller gave one. */
  readonly priceFen: number | null;
  readonly confirmedAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
}

type Row = {
  id: string;
  seller_id_number: string;
  seller_name: string;
  unit_code: string;
  address: string | null;
  buyer_id_number: string;
  price_fen: string | number | null;
  confirmed_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
};

const toConfirmation = (r: Row): SaleConfirmation => ({
  id: r.id,
  sellerIdNumber: r.seller_id_number,
  sellerName: r.seller_name,
  unitCode: r.unit_code,
  address: r.address,
  buyerIdNumber: r.buyer_id_number,
  priceFen: r.price_fen === null ? null : Number(r.price_fen),
  confirmedAt: new Date(r.confirmed_at),
  expiresAt: new Date(r.expires_at),
  revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
});

/** Whether a confirmation can still be applied with at `now`. */
export const isLive = (c: SaleConfirmation, now = new Date()): boolean =>
  c.revokedAt === null && c.expiresAt.getTime() > now.getTime();

/** The one writer of sale_confirmations. */
export class SaleConfirmations {
  constructor(private readonly db: Database) {}

  /**
   * Which of these confirmations an application has already been handed in with (and not refused): a sale
   * is applied with once, so it is no longer offered to the buyer nor accepted for another application.
   */
  async handedIn(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('applications')
      .select(sql<string>`v->>'value'`.as('id'))
      .innerJoin(sql`jsonb_array_elements("values")`.as('v'), (join) => join.onTrue())
      .where(sql<boolean>`v->>'key' = 'seller.confirmation'`)
      .where(sql<boolean>`v->>'value' in (${sql.join(ids)})`)
      .where('status', '!=', 'REJECTED')
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async confirm(
    c: Omit<SaleConfirmation, 'id' | 'confirmedAt' | 'expiresAt' | 'revokedAt'>,
    validDays: number,
    now = new Date(),
  ): Promise<SaleConfirmation> {
    const row = await this.db
      .insertInto('sale_confirmations')
      .values({
        id: randomUUID(),
        seller_id_number: c.sellerIdNumber,
        seller_name: c.sellerName,
        unit_code: c.unitCode,
        address: c.address,
        buyer_id_number: c.buyerIdNumber,
        price_fen: c.priceFen,
        confirmed_at: now,
        expires_at: new Date(now.getTime() + validDays * 86_400_000),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toConfirmation(row as Row);
  }

  /** Withdraws a confirmation of this seller's; undefined when they have none by that id. */
  async revoke(sellerIdNumber: string, id: string, now = new Date()): Promise<SaleConfirmation | undefined> {
    const row = await this.db
      .updateTable('sale_confirmations')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('seller_id_number', '=', sellerIdNumber)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (row) return toConfirmation(row as Row);
    const already = await this.db
      .selectFrom('sale_confirmations')
      .selectAll()
      .where('id', '=', id)
      .where('seller_id_number', '=', sellerIdNumber)
      .executeTakeFirst();
    return already ? toConfirmation(already as Row) : undefined;
  }

  /** Confirmations a seller gave, newest first. */
  async bySeller(sellerIdNumber: string, limit = 100): Promise<SaleConfirmation[]> {
    const rows = await this.db
      .selectFrom('sale_confirmations')
      .selectAll()
      .where('seller_id_number', '=', sellerIdNumber)
      .orderBy('confirmed_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => toConfirmation(r as Row));
  }

  /** Confirmations given to a buyer, newest first. */
  async toBuyer(buyerIdNumber: string, limit = 100): Promise<SaleConfirmation[]> {
    const rows = await this.db
      .selectFrom('sale_confirmations')
      .selectAll()
      .where('buyer_id_number', '=', buyerIdNumber)
      .orderBy('confirmed_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => toConfirmation(r as Row));
  }

  /** The confirmation `id` given to this buyer, live or not; undefined for anyone else's. */
  async forBuyer(buyerIdNumber: string, id: string): Promise<SaleConfirmation | undefined> {
    const row = await this.db
      .selectFrom('sale_confirmations')
      .selectAll()
      .where('id', '=', id)
      .where('buyer_id_number', '=', buyerIdNumber)
      .executeTakeFirst();
    return row ? toConfirmation(row as Row) : undefined;
  }
}
