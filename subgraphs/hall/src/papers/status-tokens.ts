import { randomBytes } from 'node:crypto';
import type { Database } from '../platform/database';

/** Random bytes of a token: 128 bits, as many as a UUID v4 has of chance and more than anyone can guess. */
const TOKEN_BYTES = 16;

/** A token as the hall issues them: 128 random bits in base64url (22 characters, no padding). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** Whether a string can be a token at all (else it is bad input, not an unknown token). */
export const isStatusToken = (token: string): boolean => TOKEN_PATTERN.test(token);

/** A fresh token. */
export const newStatusToken = (): string => randomBytes(TOKEN_BYTES).toString('base64url');

/**
 * The tokens of applications' public status pages (the receipt's QR code), the one writer of
 * `public_status_tokens`. A token is issued on the first ask and never changes: a printed receipt keeps
 * working. It is the page's only key — the application's number alone opens nothing, so nobody walks the
 * numbers to learn how others' applications stand.
 */
export class StatusTokens {
  constructor(private readonly db: Database) {}

  /** The application's token, issued now if it has none (two first asks at once get the same one). */
  async issue(applicationId: string, now = new Date()): Promise<string> {
    await this.db
      .insertInto('public_status_tokens')
      .values({ application_id: applicationId, token: newStatusToken(), issued_at: now })
      .onConflict((c) => c.column('application_id').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('public_status_tokens')
      .select('token')
      .where('application_id', '=', applicationId)
      .executeTakeFirstOrThrow();
    return row.token;
  }

  /** The application a token stands for, or undefined. */
  async applicationOf(token: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('public_status_tokens')
      .select('application_id')
      .where('token', '=', token)
      .executeTakeFirst();
    return row?.application_id;
  }
}
