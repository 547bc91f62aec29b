import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DepartmentClient, isAdapterError, withDeadline } from '../src';
import { clientSettings } from '../src/settings';

/**
 * A request's deadline bounds every call made for it: a slow system costs DEPARTMENT_TIMEOUT by the
 * deadline, however many calls and retries the request would otherwise have made — so the gateway, which
 * waits only so long for a subgraph, gets the subgraph's answer with the department's error in it.
 */
describe('calls within the deadline of their request', () => {
  let server: Server;
  let url: string;
  let calls = 0;
  let delayMs = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      calls++;
      setTimeout(() => res.end('{}'), delayMs).unref();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  beforeEach(() => {
    calls = 0;
    delayMs = 0;
  });

  const client = (timeoutMs = 400) =>
    new DepartmentClient(
      'tax',
      clientSettings(url, {
        timeoutMs,
        retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 1 },
        breaker: { minimumCalls: 100 },
      }),
    );
  const read = (c: DepartmentClient) =>
    c.call({ op: 'records.read', kind: 'read', method: 'GET', path: '/', interpret: (r) => r.status });

  it('retries a slow read while its request has time: three attempts without a deadline', async () => {
    delayMs = 1_000;
    const c = client();
    const err = await read(c).catch((e: unknown) => e);
    expect(isAdapterError(err, 'DEPARTMENT_TIMEOUT')).toBe(true);
    expect(calls).toBe(3);
    c.close();
  });

  it('stops retrying when the deadline leaves no time for another attempt', async () => {
    delayMs = 1_000;
    const c = client();
    const err = await withDeadline(Date.now() + 600, () => read(c)).catch((e: unknown) => e);
    expect(isAdapterError(err, 'DEPARTMENT_TIMEOUT')).toBe(true);
    // 400 ms for the first attempt; the 200 ms left are less than an attempt needs.
    expect(calls).toBe(1);
    c.close();
  });

  it('cuts the last attempt short at the deadline, and says so', async () => {
    delayMs = 5_000;
    const c = client(2_000);
    const err = await withDeadline(Date.now() + 3_200, () => read(c)).catch((e: unknown) => e);
    // 2 s for the first attempt; the second gets what is left (about 1.2 s), and no third is tried.
    expect(isAdapterError(err, 'DEPARTMENT_TIMEOUT')).toBe(true);
    expect((err as Error).message).toMatch(/what was left of the request's deadline/);
    expect(calls).toBe(2);
    c.close();
  });

  it('does not call at all past the deadline, and leaves the breaker out of it', async () => {
    const c = client();
    const err = await withDeadline(Date.now() - 1, () => read(c)).catch((e: unknown) => e);
    expect(isAdapterError(err, 'DEPARTMENT_TIMEOUT')).toBe(true);
    expect((err as Error).message).toMatch(/not called: the request's deadline/);
    expect(calls).toBe(0);
    expect(c.breakerState).toBe('closed');
    expect(await read(c)).toBe(200);
    c.close();
  });
});
