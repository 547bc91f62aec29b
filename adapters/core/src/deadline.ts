import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The deadline of the request a department call is made for. A subgraph answers one GraphQL request
 * with several calls to its department (one after the other when a field needs another's answer), each
 * with its own timeout and retries; the gateway waits only so long for the whole. Every call made while
 * serving the request ends by its deadline, so a slow department costs its fields with
 * DEPARTMENT_TIMEOUT before the gateway gives up on the whole subgraph.
 */
const current = new AsyncLocalStorage<{ readonly at: number }>();

/** Runs `fn` (and everything it starts) with department calls ending by `at` (ms since the epoch). */
export function withDeadline<T>(at: number, fn: () => T): T {
  return current.run({ at }, fn);
}

/** The deadline of the calls made now (ms since the epoch), if they are made for a request that has one. */
export function currentDeadline(): number | undefined {
  return current.getStore()?.at;
}
