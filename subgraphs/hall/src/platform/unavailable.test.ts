import { describe, expect, it } from 'vitest';
import { storeUnavailable } from './unavailable';

describe('telling an unreachable database from a defect', () => {
  const pgError = (message: string, code?: string) => Object.assign(new Error(message), { code });

  it.each([
    ['refused', pgError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['ended by a restart', pgError('terminating connection due to administrator command', '57P01')],
    ['starting up', pgError('the database system is starting up', '57P03')],
    ['cut off', new Error('Connection terminated unexpectedly')],
    ['a broken client', new Error('Client has encountered a connection error and is not queryable')],
    [
      'wrapped',
      new Error('could not claim work', { cause: pgError('connect ECONNREFUSED', 'ECONNREFUSED') }),
    ],
  ])('says the database cannot be reached when it was %s', (_what, err) => {
    expect(storeUnavailable(err)).toMatch(
      /^the hall's database cannot be reached just now .*try again in a moment$/,
    );
  });

  it.each([
    ['a wrong query', pgError('relation "nope" does not exist', '42P01')],
    ['a conflict', pgError('duplicate key value violates unique constraint', '23505')],
    ['a plain defect', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error', 'ECONNREFUSED'],
  ])('leaves %s alone', (_what, err) => {
    expect(storeUnavailable(err)).toBeUndefined();
  });
});
