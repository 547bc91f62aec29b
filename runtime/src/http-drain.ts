import type { Server, ServerResponse } from 'node:http';

/**
 * Lets a closing HTTP server finish what it has started, and only that. `server.close()` stops accepting
 * and closes the idle keep-alive connections once; a connection busy with a request at that moment is
 * kept alive after its answer, and holds the close up until the client drops it (a gateway's or a load
 * balancer's pool keeps it for a minute or more) — past the grace period of a shutdown. Call the
 * function this returns just before closing: every answer given from then on ends its connection.
 */
export function drainOnClose(server: Server): () => void {
  const inFlight = new Set<ServerResponse>();
  let closing = false;
  server.on('request', (_req, res: ServerResponse) => {
    if (closing) {
      // A server that answers at once while closing (Fastify's 503) has sent its headers already: setting
      // one then would throw and take the process down mid-shutdown. End the connection after it instead.
      if (!res.headersSent) res.setHeader('connection', 'close');
      else res.once('finish', () => res.socket?.end());
      return;
    }
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  return () => {
    closing = true;
    for (const res of inFlight) {
      if (!res.headersSent) res.setHeader('connection', 'close');
      // Already answering (a stream): end the connection once the answer is out.
      else res.once('finish', () => res.socket?.end());
    }
    server.closeIdleConnections();
  };
}
