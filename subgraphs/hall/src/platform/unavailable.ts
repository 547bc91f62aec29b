/**
 * Failures that say the hall's database cannot be reached just now (restarting, failing over, the network),
 * not that a query is wrong: PostgreSQL's connection and shutdown codes and the pg client's own words.
 */
const CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  // SQLSTATE class 08 (connection exception), 57P01–57P03 (shut down, crashed, cannot connect now).
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
]);
const MESSAGES =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|database system is (starting up|shutting down|in recovery mode)/i;

/**
 * Why the database cannot be reached, in words for the caller, when `err` (or what caused it) is such a
 * failure; undefined for any other error.
 */
export function storeUnavailable(err: unknown): string | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if ((typeof code === 'string' && CODES.has(code)) || MESSAGES.test(e.message))
      return `the hall's database cannot be reached just now (${e.message.slice(0, 120)}): nothing was stored or changed; try again in a moment`;
  }
  return undefined;
}
