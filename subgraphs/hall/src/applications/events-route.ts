import { sendError } from '@onething/runtime/http';
import type { FastifyInstance } from 'fastify';
import { GraphQLError } from 'graphql';
import { sql } from 'kysely';
import { isHallId } from '../ids';
import type { Database } from '../platform/database';
import type { LiveStreams } from './live-streams';
import type { ApplicationService } from './service';
import type { QueueScope } from './store';

/** Where a page follows an application live (server-sent events), through the gateway. */
export const EVENTS_PATH = '/events/applications/:id';

/** Where a staff member's queue page follows their queue live, through the gateway. */
export const QUEUE_EVENTS_PATH = '/events/queue';

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
 * every two seconds (see {@link LiveStreams}). Only who may see the application follows it: 404 to anyone
 * else.
 */
export function applicationEventsRoute(deps: {
  readonly db: Database;
  readonly service: Pick<ApplicationService, 'visible'>;
  readonly live: LiveStreams;
}): (app: FastifyInstance) => void {
  return (app) => {
    app.get<{ Params: { id: string } }>(EVENTS_PATH, async (req, reply) => {
      const { id } = req.params;
      const application = isHallId(id) ? await deps.service.visible(req.identity!, id) : undefined;
      if (!application) return sendError(reply, 'NOT_FOUND', `there is no application ${id} you may follow`);
      await deps.live.open(req, reply, {
        fingerprint: () => fingerprint(deps.db, application.id),
        data: JSON.stringify({ application: application.id }),
        about: { application: application.id },
      });
    });
  };
}

/**
 * `GET /events/queue`: a staff member's queue page follows their queue as server-sent events instead of
 * asking every five seconds (see {@link LiveStreams}): an event whenever what their queue shows changes
 * (an application reaching it, any of its parts changing, a handover), by the queue's own scope. Staff
 * only: FORBIDDEN to applicants and services (401 without a token).
 */
export function queueEventsRoute(deps: {
  readonly service: Pick<ApplicationService, 'queueScope' | 'queueFingerprint'>;
  readonly live: LiveStreams;
}): (app: FastifyInstance) => void {
  return (app) => {
    app.get(QUEUE_EVENTS_PATH, async (req, reply) => {
      const identity = req.identity!;
      if (identity.role === 'anonymous')
        return sendError(reply, 'UNAUTHENTICATED', 'the queue is for staff: sign in');
      let scope: QueueScope;
      try {
        scope = deps.service.queueScope(identity);
      } catch (e) {
        if (e instanceof GraphQLError && e.extensions.code === 'FORBIDDEN')
          return sendError(reply, 'FORBIDDEN', e.message);
        throw e;
      }
      await deps.live.open(req, reply, {
        fingerprint: () => deps.service.queueFingerprint(scope),
        data: '{"queue":true}',
        about: { queue: identity.subject },
      });
    });
  };
}
