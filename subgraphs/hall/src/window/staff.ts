import type { Identity } from '@onething/runtime/identity';
import type { StaffRef } from '../acting/acting';
import type { Database } from '../platform/database';

/** A member of staff as their token names them (their name, else their staff id). */
export const staffRef = (identity: Identity): StaffRef => ({
  subject: identity.subject,
  name: identity.name ?? identity.subject,
  centre: identity.centre ?? null,
});

/**
 * The window officers the hall has seen (every window-staff caller is recorded, with their name and
 * centre as their last token said): whom an application may be handed over to (首问负责).
 */
export class StaffSeen {
  /** Subjects recorded by this process lately, so a busy officer costs one write a minute, not one a request. */
  private readonly recent = new Map<string, { at: number; key: string }>();

  constructor(private readonly db: Database) {}

  /** Records a window officer's call (a no-op for anyone else). */
  async seen(identity: Identity, now = new Date()): Promise<void> {
    if (identity.role !== 'window-staff') return;
    const ref = staffRef(identity);
    const key = `${ref.name}\n${ref.centre ?? ''}`;
    const last = this.recent.get(ref.subject);
    if (last && last.key === key && now.getTime() - last.at < 60_000) return;
    await this.db
      .insertInto('staff_seen')
      .values({
        subject: ref.subject,
        role: identity.role,
        name: ref.name,
        centre: ref.centre,
        last_seen_at: now,
      })
      .onConflict((oc) =>
        oc
          .column('subject')
          .doUpdateSet({ name: ref.name, centre: ref.centre, last_seen_at: now, role: identity.role }),
      )
      .execute();
    this.recent.set(ref.subject, { at: now.getTime(), key });
  }

  /** Window officers seen, of one centre (and those of no centre) when `centre` is given; by name. */
  async officers(centre: string | null): Promise<StaffRef[]> {
    let q = this.db.selectFrom('staff_seen').selectAll().where('role', '=', 'window-staff');
    if (centre !== null) q = q.where((eb) => eb.or([eb('centre', '=', centre), eb('centre', 'is', null)]));
    const rows = await q.orderBy('name').orderBy('subject').execute();
    return rows.map((r) => ({ subject: r.subject, name: r.name, centre: r.centre }));
  }

  /** One window officer seen, by staff id. */
  async officer(subject: string): Promise<StaffRef | undefined> {
    const r = await this.db
      .selectFrom('staff_seen')
      .selectAll()
      .where('subject', '=', subject)
      .where('role', '=', 'window-staff')
      .executeTakeFirst();
    return r ? { subject: r.subject, name: r.name, centre: r.centre } : undefined;
  }
}
