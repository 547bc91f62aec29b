import type { Database } from '../platform/database';

/** The nonces of signed callbacks, remembered for the callbacks' maximum age to refuse replays. */
export class CallbackNonces {
  constructor(private readonly db: Database) {}

  /** Forgets the nonces seen before `before` (a callback that old is refused as stale anyway). */
  async forgetBefore(before: Date): Promise<void> {
    await this.db.deleteFrom('callback_nonces').where('seen_at', '<', before).execute();
  }

  /** Remembers a department's nonce; false when it was seen before (a replay). */
  async firstSight(department: string, nonce: string, at: Date): Promise<boolean> {
    const rows = await this.db
      .insertInto('callback_nonces')
      .values({ department, nonce, seen_at: at })
      .onConflict((oc) => oc.columns(['department', 'nonce']).doNothing())
      .returning('nonce')
      .execute();
    return rows.length === 1;
  }
}
