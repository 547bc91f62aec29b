import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database';
import type { HallDatabase } from './schema';

/** Where a repository reads or writes: the database itself, or the transaction of a unit of work. */
export type Queryable = Kysely<HallDatabase> | Transaction<HallDatabase>;

/** Runs work in one transaction: everything it writes is stored together, or nothing is. */
export type UnitOfWork = <T>(work: (tx: Transaction<HallDatabase>) => Promise<T>) => Promise<T>;

/** The one way the hall opens a transaction: repositories take the `tx` it hands out. */
export function unitOfWork(db: Database): UnitOfWork {
  return (work) => db.transaction().execute(work);
}
