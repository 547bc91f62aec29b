import { Agent, createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { drainOnClose } from '../src/http-drain';

/**
 * A server closed while a keep-alive client has a request in it: the request gets its answer, and the
 * close completes once it is given — not when the client's pool would drop the connection (here 60 s).
 */
describe('closing a server with a request in flight on a keep-alive connection', () => {
  /** The server, and a wait for its n-th request to have arrived (the one to be in flight at close). */
  const serve = () => {
    let arrived = 0;
    const waiting: { n: number; resolve: () => void }[] = [];
    const server = createServer((_req, res) => {
      arrived++;
      for (const w of waiting.filter((x) => x.n <= arrived)) w.resolve();
      setTimeout(() => res.end('done'), 300);
    });
    server.keepAliveTimeout = 60_000;
    const requestArrived = (n: number) =>
      new Promise<void>((resolve) => (arrived >= n ? resolve() : waiting.push({ n, resolve })));
    return Object.assign(server, { requestArrived });
  };
  const closed = (server: ReturnType<typeof serve>) =>
    new Promise<'closed'>((r) => server.close(() => r('closed')));
  const later = (ms: number) =>
    new Promise<'still open'>((r) => setTimeout(() => r('still open'), ms).unref());

  async function run(drain: boolean) {
    const server = serve();
    const draining = drainOnClose(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const fetchText = () =>
      new Promise<string>((resolve, reject) =>
        get(url, { agent }, (res) => {
          let body = '';
          res.on('data', (c) => {
            body += c;
          });
          res.on('end', () => resolve(body));
        }).on('error', reject),
      );
    await fetchText(); // a kept-alive connection
    const answer = fetchText();
    // In flight: the server has the request (waited for, not guessed with a delay, so a loaded machine
    // cannot close the server before the request reaches it).
    await server.requestArrived(2);
    if (drain) draining();
    const closing = closed(server);
    const outcome = await Promise.race([closing.then(() => 'closed' as const), later(3_000)]);
    const text = await answer;
    agent.destroy();
    await closing;
    return { outcome, text };
  }

  it('without draining, the close waits for the client to drop the connection', async () => {
    expect(await run(false)).toEqual({ outcome: 'still open', text: 'done' });
  });

  it('draining, the request is answered and the close completes', async () => {
    expect(await run(true)).toEqual({ outcome: 'closed', text: 'done' });
  });
});
