import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** How long, and how much, the gateway goes on reading a request it answered before its body came. */
export interface LingerLimits {
  readonly ms: number;
  readonly maxBytes: number;
}

const DEFAULTS: LingerLimits = { ms: 2_000, maxBytes: 16 * 1024 * 1024 };

/**
 * Lingering close, as nginx does it. A request refused before its body was read (over a size limit,
 * without a token) is answered at once with `connection: close` — but closing the socket right after the
 * answer, while the client is still sending, makes the kernel reset the connection, and the reset throws
 * away the answer the client has not read yet: it sees "connection reset" instead of 413 or 401. So the
 * socket sends its end after the answer and goes on reading and dropping what still comes, for at most
 * `ms` and `maxBytes`, and only then is destroyed. Nothing read this way is kept or passed on.
 */
export function registerLingeringClose(app: FastifyInstance, limits: LingerLimits = DEFAULTS): void {
  const closing = new WeakSet<object>();
  app.addHook('onSend', async (req, reply) => {
    const socket = req.raw.socket as (Socket & { destroySoon?: () => void }) | null;
    if (req.raw.complete || !socket || String(reply.getHeader('connection')) !== 'close') return;
    // Node ends a `connection: close` answer with destroySoon(): the end is sent, then the socket is
    // destroyed as soon as it is written. Here only the end is sent; the socket lingers below.
    socket.destroySoon = () => {
      socket.end();
    };
    closing.add(req.raw);
  });
  app.addHook('onResponse', async (req) => {
    const raw = req.raw;
    const socket = raw.socket;
    if (raw.complete || raw.destroyed || !socket || socket.destroyed) return;
    let seen = 0;
    const close = () => {
      clearTimeout(timer);
      socket.destroy();
    };
    const timer = setTimeout(close, limits.ms);
    timer.unref();
    raw.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limits.maxBytes) close();
    });
    // A kept-alive connection whose body Node drains stays open for the next request once it is read; one
    // answered `connection: close` is closed then. Either way no longer than the limits.
    raw.once('end', closing.has(raw) ? close : () => clearTimeout(timer));
    raw.resume();
  });
}
