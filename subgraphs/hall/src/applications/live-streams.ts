import type { Logger } from '@onething/runtime';
import { sendError } from '@onething/runtime/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** What one stream follows: the state its page shows, as a fingerprint read from the store. */
export interface Followed {
  /** The state's fingerprint now (null: nothing to tell yet); read in one statement from the store. */
  readonly fingerprint: () => Promise<string | null>;
  /** The data of each `changed` event: what changed, named and nothing more (JSON). */
  readonly data: string;
  /** What the hall's log says of the stream when its store read fails. */
  readonly about: Record<string, unknown>;
}

/**
 * The hall's live streams (server-sent events), whatever they follow (an application, a staff member's
 * queue): each event (`changed`, its id the followed state's fingerprint) says the state changed and
 * nothing else: the page reads it again through GraphQL, as its reader. A page that reconnects sends the
 * last id it saw (`Last-Event-ID`) and gets an event at once if anything changed meanwhile, so no change
 * is missed across a dropped connection; a first connection gets the current state's event. The store is
 * read every `intervalMs` per stream (any hall process may have made the change); a comment every
 * `heartbeatMs` keeps proxies from closing a quiet stream. At most `maxStreams` are open in a process, of
 * every kind together; every stream ends when the hall closes.
 */
export class LiveStreams {
  /** Each open stream's end: called when the hall closes, so its shutdown does not wait on pages. */
  private readonly streams = new Set<() => void>();

  constructor(
    private readonly deps: {
      readonly intervalMs: number;
      readonly heartbeatMs: number;
      /** Streams open at once in this process at most; past it, RATE_LIMITED (the page polls instead). */
      readonly maxStreams: number;
      readonly log: Logger;
    },
  ) {}

  /** Ends every stream when `app` closes: the page reconnects to another hall process, or to this one restarted. */
  closeWith(app: FastifyInstance): void {
    app.addHook('preClose', (done) => {
      for (const end of [...this.streams]) end();
      done();
    });
  }

  /**
   * Answers `req` with a stream following `followed` (the caller has settled who may follow it), or
   * RATE_LIMITED when this process has its fill of streams.
   */
  async open(req: FastifyRequest, reply: FastifyReply, followed: Followed): Promise<void> {
    if (this.streams.size >= this.deps.maxStreams) {
      sendError(reply, 'RATE_LIMITED', 'too many pages follow live here: poll instead');
      return;
    }
    const { intervalMs, heartbeatMs, log } = this.deps;
    const last = typeof req.headers['last-event-id'] === 'string' ? req.headers['last-event-id'] : null;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // How long a page waits before reconnecting after a drop.
    res.write('retry: 1000\n\n');
    let sent = last;
    let closed = false;
    let lastWrite = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const close = () => {
      if (closed) return;
      closed = true;
      this.streams.delete(end);
      clearInterval(timer);
    };
    // Ended by the hall (closing).
    const end = () => {
      close();
      res.end();
    };
    this.streams.add(end);
    const tick = async () => {
      if (closed) return;
      try {
        const v = await followed.fingerprint();
        if (closed) return;
        if (v && v !== sent) {
          sent = v;
          res.write(`id: ${v}\nevent: changed\ndata: ${followed.data}\n\n`);
          lastWrite = Date.now();
        } else if (Date.now() - lastWrite >= heartbeatMs) {
          res.write(': keep-alive\n\n');
          lastWrite = Date.now();
        }
      } catch (err) {
        // The store unavailable a moment: the page keeps its stream, the next tick tries again.
        log.warn({ err: (err as Error).message, ...followed.about }, 'live events: store not read');
      }
    };
    let running = false;
    timer = setInterval(() => {
      if (running) return;
      running = true;
      void tick().finally(() => {
        running = false;
      });
    }, intervalMs);
    req.raw.once('close', close);
    res.once('close', close);
    await tick();
  }
}
