import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Database } from '../platform/database';
import type { NoticeTable } from '../platform/schema';
import type { Queryable } from '../platform/unit-of-work';
import { mobileOf, NOTICE, type NoticeKind, type NoticeParams } from './kinds';

/** Where a notice's text message is. */
export type TextStatus = 'PENDING' | 'SENT' | 'DELIVERED' | 'UNDELIVERED' | 'FAILED' | 'NO_NUMBER';

export interface Notice {
  readonly id: string;
  readonly applicationId: string;
  readonly recipient: string;
  readonly kind: NoticeKind;
  readonly params: NoticeParams;
  readonly createdAt: Date;
  readonly readAt: Date | null;
  readonly textStatus: TextStatus;
  readonly textSentAt: Date | null;
  readonly textAttempts: number;
  readonly textError: string | null;
  /** When the carrier reported it delivered or not (its delivery report), with the carrier's code. */
  readonly textReportedAt: Date | null;
  readonly textCarrierCode: string | null;
}

/** A notice whose text is due, claimed for sending: with the number, which the row keeps only until sent. */
export interface DueText extends Notice {
  readonly mobile: string;
}

const toNotice = (r: Selectable<NoticeTable>): Notice => ({
  id: r.id,
  applicationId: r.application_id,
  recipient: r.recipient,
  kind: r.kind as NoticeKind,
  params: r.params as unknown as NoticeParams,
  createdAt: new Date(r.created_at),
  readAt: r.read_at ? new Date(r.read_at) : null,
  textStatus: r.text_status as TextStatus,
  textSentAt: r.text_sent_at ? new Date(r.text_sent_at) : null,
  textAttempts: r.text_attempts,
  textError: r.text_error,
  textReportedAt: r.text_delivered_at ? new Date(r.text_delivered_at) : null,
  textCarrierCode: r.text_carrier_code,
});

/**
 * The applicants' notices: the inbox, and the outbox of their text messages. A notice is written in the
 * transaction of the change it tells of, so it is never lost nor told of a change that did not happen;
 * its text is sent from here by the texter, once (the SMS gateway keeps one send per notice id).
 */
export class Notices {
  constructor(private readonly db: Database) {}

  /** Records a notice to an application's applicant, in the transaction of the change. */
  static async add(
    tx: Queryable,
    application: { id: string; applicantIdNumber: string; values: readonly { key: string; value: string }[] },
    kind: NoticeKind,
    params: NoticeParams,
    now: Date,
  ): Promise<void> {
    const mobile = mobileOf(application.values);
    await tx
      .insertInto('notices')
      .values({
        id: randomUUID(),
        application_id: application.id,
        recipient: application.applicantIdNumber,
        kind,
        params: JSON.stringify(params),
        created_at: now,
        mobile,
        text_status: mobile ? 'PENDING' : 'NO_NUMBER',
        text_attempts: 0,
        text_next_at: mobile ? now : null,
      })
      .execute();
  }

  async mine(recipient: string, limit: number, unreadOnly: boolean): Promise<Notice[]> {
    let q = this.db.selectFrom('notices').selectAll().where('recipient', '=', recipient);
    if (unreadOnly) q = q.where('read_at', 'is', null);
    return (await q.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute()).map(toNotice);
  }

  async unread(recipient: string): Promise<number> {
    const r = await this.db
      .selectFrom('notices')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('recipient', '=', recipient)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Marks the recipient's own notices read; answers how many changed. */
  async markRead(recipient: string, ids: readonly string[], now: Date): Promise<number> {
    if (ids.length === 0) return 0;
    const r = await this.db
      .updateTable('notices')
      .set({ read_at: now })
      .where('recipient', '=', recipient)
      .where('id', 'in', [...ids])
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Claims up to `limit` texts due, for `leaseMs`; concurrent halls skip each other's rows. */
  async claimTexts(limit: number, leaseMs: number, now = new Date()): Promise<DueText[]> {
    const rows = await this.db
      .updateTable('notices')
      .set({ text_lease_until: new Date(now.getTime() + leaseMs) })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('notices')
          .select('id')
          .where('text_status', '=', 'PENDING')
          .where('text_next_at', '<=', now)
          .where((w) => w.or([w('text_lease_until', 'is', null), w('text_lease_until', '<', now)]))
          .orderBy('text_next_at')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .execute();
    return rows.map((r) => ({ ...toNotice(r), mobile: r.mobile ?? '' }));
  }

  /** Sent: the number is forgotten (the gateway keeps it, masked, for its reports). */
  async sent(id: string, messageId: string, now: Date): Promise<void> {
    await this.db
      .updateTable('notices')
      .set({
        text_status: 'SENT',
        text_sent_at: now,
        text_message_id: messageId,
        text_attempts: (eb) => eb('text_attempts', '+', 1),
        text_lease_until: null,
        text_error: null,
        mobile: null,
      })
      .where('id', '=', id)
      // Its delivery report may have come first: it stays as reported.
      .where('text_status', '=', 'PENDING')
      .execute();
  }

  /**
   * A delivery report (状态报告) of a notice's text, by the notice's id (the text's OutId): delivered to
   * the handset or not, with the carrier's code. Applied once: a report sent twice, or one arriving after
   * another, changes nothing. A report may overtake the texter's own record of the send (a hall killed
   * after sending): the text was sent, so it is not sent again, and the number is forgotten. Answers
   * whether it changed the notice.
   */
  async reported(
    id: string,
    report: { messageId: string; delivered: boolean; carrierCode: string; at: Date },
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('notices')
      .set({
        text_status: report.delivered ? 'DELIVERED' : 'UNDELIVERED',
        text_delivered_at: report.at,
        text_carrier_code: report.carrierCode,
        text_message_id: report.messageId,
        text_sent_at: (eb) => eb.fn.coalesce('text_sent_at', eb.val(report.at)),
        text_lease_until: null,
        mobile: null,
      })
      .where('id', '=', id)
      .where('text_status', 'in', ['PENDING', 'SENT'])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /**
   * Not sent this time: tried again at `retryAt`, or given up (null) with why. `countAttempt` false: the
   * gateway was down, which says nothing of this text (its attempts stay as they were).
   */
  async failed(id: string, error: string, retryAt: Date | null, countAttempt = true): Promise<void> {
    await this.db
      .updateTable('notices')
      .set({
        text_status: retryAt ? 'PENDING' : 'FAILED',
        text_next_at: retryAt,
        text_attempts: (eb) => eb('text_attempts', '+', countAttempt ? 1 : 0),
        text_lease_until: null,
        text_error: error,
        ...(retryAt ? {} : { mobile: null }),
      })
      .where('id', '=', id)
      // A send that seemed to fail may have gone, and its report come: it stays as reported.
      .where('text_status', '=', 'PENDING')
      .execute();
  }

  /** The template and variables of a notice's text. */
  static text(n: Pick<Notice, 'kind' | 'params'>): { template: string; variables: Record<string, string> } {
    const spec = NOTICE[n.kind];
    return { template: spec.template, variables: spec.variables(n.params) };
  }
}
