import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { drainOnClose } from './http-drain';

const get = (port: number) =>
  new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
    });
    req.on('error', reject);
    req.end();
  });

describe('draining a closing server', () => {
  it('survives a request the server answers at once while closing (headers already sent), ending its connection', async () => {
    let closing = false;
    // The server's own handler first, as Fastify's is: it answers 503 synchronously once closing.
    const server = createServer((_req, res) => {
      if (closing) {
        res.writeHead(503).end('closing');
        return;
      }
      res.end('ok');
    });
    const drain = drainOnClose(server);
    const errors: unknown[] = [];
    const record = (e: unknown) => errors.push(e);
    process.on('uncaughtException', record);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    expect((await get(port)).status).toBe(200);
    closing = true;
    drain();
    const answer = await get(port);
    expect(answer.status).toBe(503);
    process.off('uncaughtException', record);
    expect(errors).toEqual([]);
    await new Promise<void>((r) => server.close(() => r()));
  });
});
