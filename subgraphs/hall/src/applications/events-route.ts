import type { Logger } from '@onething/runtime';
import { sendError } from '@onething/runtime/http';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { isHallId } from '../ids';
import type { Database } from '../platform/database';
import type { ApplicationService } from './service';

/** Where a page follows an application live (server-sent events), through the gateway. */
export const EVENTS_PATH = '/events/applications/:id';

/**
 * The state of an application a page shows, as one fingerprint: its status, each part's status and last
 * change, its payment's and its hand-out's. Any change a reader would see changes it; read in one
 * statement, from the store every hall process shares.
 */
async function fingerprint(db: Database, id: string): Promise<string | null> {
  const r = await sql<{ v: string | null }>`
    select md5(concat_ws('|',
      (select status || updated_at::text from applications where id = ${id}),
      (select string_agg(id || status || updated_at::text, ',' order by id) from parts where application_id = ${id}),
      (select status || updated_at::text from payments where application_id = ${id}),
      (select status || updated_at::text from hand_outs where application_id = ${id}))) as v`.execute(db);
  return r.rows[0]?.v ?? null;
}

/**
 * `GET /events/applications/:id`: a page follows an application as server-sent events instead of asking
 * every two seconds. Each event (`changed`, its id the state's fingerprint) says the application changed
 * and nothing else: the page reads it again through GraphQL, as its reader. A page that reconnects sends
 * the last id it saw (`Last-Event-ID`) and gets an event at once if anything changed meanwhile, so no
 * change is missed across a dropped connection; a first connection gets the current state's event. The
 * store is read every `intervalMs` per stream (any hall process may have made the change); a comment every
 * `heartbeatMs` keeps proxies from closing a quiet stream. Only who may see the application follows it.
 */
export function applicationEventsRoute(deps: {
  readonly db: Database;
  readonly service: Pick<ApplicationService, 'visible'>;
  readonly intervalMs: number;
  readonly heartbeatMs: number;
  /** Streams open at once in this process at most; past it, RATE_LIMITED (the page polls instead). */
  readonly maxStreams: number;
  readonly log: Logger;
}): (app: FastifyInstance) => void {
  /** Each open stream's end: called when the hall closes, so its shutdown does not wait on pages. */
  const streams = new Set<() => void>();
  return (app) => {
    app.addHook('preClose', (done) => {
      for (const end of [...streams]) end();
      done();
    });
    app.get<{ Params: { id: string } }>(EVENTS_PATH, async (req, reply) => {
      const { id } = req.params;
      const identity = req.identity!;
      const application = isHallId(id) ? await deps.service.visible(identity, id) : undefined;
      if (!application) return sendError(reply, 'NOT_FOUND', `there is no application ${id} you may follow`);
      if (streams.size >= deps.maxStreams)
        return sendError(reply, 'RATE_LIMITED', 'too many pages follow applications live here: poll instead');
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
        streams.delete(end);
        clearInterval(timer);
      };
      // Ended by the hall (closing): the page reconnects to another hall process, or to this one restarted.
      const end = () => {
        close();
        res.end();
      };
      streams.add(end);
      const tick = async () => {
        if (closed) return;
        try {
          const v = await fingerprint(deps.db, application.id);
          if (closed) return;
          if (v && v !== sent) {
            sent = v;
            res.write(`id: ${v}\nevent: changed\ndata: {"application":"${application.id}"}\n\n`);
            lastWrite = Date.now();
          } else if (Date.now() - lastWrite >= deps.heartbeatMs) {
            res.write(': keep-alive\n\n');
            lastWrite = Date.now();
          }
        } catch (err) {
          // The store unavailable a moment: the page keeps its stream, the next tick tries again.
          deps.log.warn(
            { err: (err as Error).message, application: application.id },
            'live events: store not read',
          );
        }
      };
      let running = false;
      timer = setInterval(() => {
        if (running) return;
        running = true;
        void tick().finally(() => {
          running = false;
        });
      }, deps.intervalMs);
      req.raw.once('close', close);
      res.once('close', close);
      await tick();
    });
  };
}
